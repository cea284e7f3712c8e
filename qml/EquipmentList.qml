import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// The enterprise's planned equipment, each with the latest finding on this tablet.
Section {
    id: section
    required property string enterpriseId
    title: qsTr("Planned equipment (%1)").arg(equipment.count)

    EquipmentListModel {
        id: equipment
        store: AppStore
        enterpriseId: section.enterpriseId
    }

    ColumnLayout {
        width: parent.width
        spacing: 0
        Label {
            visible: equipment.count === 0
            text: qsTr("No planned equipment on this tablet.")
            color: Theme.muted
        }
        Repeater {
            model: equipment
            delegate: ColumnLayout {
                id: item
                required property int index
                required property string title
                required property string detail
                required property bool hasFinding
                required property int finding
                required property string findingLabel
                required property string findingDate
                Layout.fillWidth: true
                spacing: 4
                Rectangle {
                    visible: item.index > 0
                    Layout.fillWidth: true
                    Layout.preferredHeight: 1
                    Layout.bottomMargin: 8
                    Layout.topMargin: 8
                    color: Theme.line
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Label {
                        Layout.fillWidth: true
                        text: item.title
                        font.pixelSize: Theme.fontLarge
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    FindingChip {
                        finding: item.hasFinding ? item.finding : -1
                        label: item.findingLabel
                    }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: Theme.muted
                    text: item.detail
                }
                Label {
                    visible: item.hasFinding
                    text: qsTr("Latest finding recorded %1").arg(item.findingDate)
                    color: Theme.muted
                    font.pixelSize: Theme.fontSmall
                }
            }
        }
    }
}
