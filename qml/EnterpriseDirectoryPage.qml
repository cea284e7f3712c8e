import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Every enterprise on the tablet, with or without a task: after a tip-off the inspector finds
// the plant here and starts an ad-hoc visit from its page.
Page {
    id: page
    objectName: "directoryPage"
    required property Navigator nav

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: qsTr("All enterprises")
        subtitle: qsTr("%1 of %2 shown").arg(directory.count).arg(directory.totalCount)
    }

    EnterpriseDirectoryModel {
        id: directory
        store: AppStore
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        TextField {
            objectName: "directorySearch"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            font.pixelSize: Theme.fontBody
            placeholderText: qsTr("Search name or credit code")
            text: directory.searchText
            onTextEdited: directory.searchText = text
            inputMethodHints: Qt.ImhNoPredictiveText
        }
        Label {
            Layout.fillWidth: true
            visible: directory.count === 0
            text: directory.totalCount === 0
                  ? qsTr("No enterprises on this tablet yet. Sync to bring down your area's plan.")
                  : qsTr("No enterprise matches this search.")
            color: Theme.muted
            font.pixelSize: Theme.fontBody
            wrapMode: Text.Wrap
        }
        ListView {
            objectName: "directoryList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: directory
            reuseItems: true
            delegate: ItemDelegate {
                id: row
                required property string enterpriseId
                required property string name
                required property string creditCode
                required property string regionName
                required property string industry
                required property int taskCount

                // The parts that are known, with a dot between them.
                function joinNonEmpty(parts) {
                    return parts.filter(s => s.length > 0).join("  ·  ")
                }

                objectName: "enterprise_" + enterpriseId
                width: ListView.view ? ListView.view.width : 0
                height: Math.max(Theme.touch + 16, implicitHeight)
                padding: Theme.margin
                // qmllint disable unqualified
                onClicked: page.nav.openEnterprise(enterpriseId, "")
                // qmllint enable unqualified
                background: Rectangle {
                    color: row.pressed ? "#e3e7f3" : Theme.card
                    radius: Theme.radius
                }
                contentItem: RowLayout {
                    spacing: Theme.spacing
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Label {
                            Layout.fillWidth: true
                            text: row.name
                            font.pixelSize: Theme.fontLarge
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.joinNonEmpty([row.regionName, row.industry, row.creditCode])
                            color: Theme.muted
                            font.pixelSize: Theme.fontSmall
                            elide: Text.ElideRight
                        }
                    }
                    Label {
                        text: row.taskCount > 0 ? qsTr("Has a task") : qsTr("No task")
                        color: row.taskCount > 0 ? Theme.ok : Theme.muted
                        font.pixelSize: Theme.fontBody
                    }
                }
            }
        }
    }
}
