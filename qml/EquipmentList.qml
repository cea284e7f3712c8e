import QtQuick
import QtQuick.Controls
import FieldProof

// The enterprise's planned equipment, each with the latest finding on this tablet.
// Positioners, not layouts: a line that appears (the latest finding, recorded while this page
// was hidden under the visit) always pushes the next item down; nested layouts kept the old
// height and drew it over the next item's title.
Section {
    id: section
    required property string enterpriseId
    title: qsTr("Planned equipment (%1)").arg(equipment.count)

    EquipmentListModel {
        id: equipment
        store: AppStore
        enterpriseId: section.enterpriseId
    }

    Column {
        id: items
        width: parent.width
        spacing: 0
        Label {
            visible: equipment.count === 0
            text: qsTr("No planned equipment on this tablet.")
            color: Theme.muted
        }
        Repeater {
            model: equipment
            delegate: Column {
                id: item
                objectName: "equipment_" + index
                required property int index
                required property string title
                required property string detail
                required property bool hasFinding
                required property int finding
                required property string findingLabel
                required property string findingDate
                // qmllint disable unqualified
                width: items.width
                // qmllint enable unqualified
                spacing: 4
                Item {
                    visible: item.index > 0
                    width: item.width
                    height: 17
                    Rectangle {
                        y: 8
                        width: parent.width
                        height: 1
                        color: Theme.line
                    }
                }
                Item {
                    width: item.width
                    height: Math.max(titleLabel.implicitHeight, chip.implicitHeight)
                    Label {
                        id: titleLabel
                        anchors.left: parent.left
                        anchors.right: chip.left
                        anchors.rightMargin: Theme.spacing
                        anchors.verticalCenter: parent.verticalCenter
                        text: item.title
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    FindingChip {
                        id: chip
                        anchors.right: parent.right
                        anchors.verticalCenter: parent.verticalCenter
                        finding: item.hasFinding ? item.finding : -1
                        label: item.findingLabel
                    }
                }
                Label {
                    width: item.width
                    wrapMode: Text.Wrap
                    color: Theme.muted
                    text: item.detail
                }
                Label {
                    objectName: "findingDate_" + item.index
                    width: item.width
                    visible: item.hasFinding
                    wrapMode: Text.Wrap
                    text: qsTr("Latest finding recorded %1").arg(item.findingDate)
                    color: Theme.muted
                    font.pixelSize: Theme.fontSmall
                }
            }
        }
    }
}
