import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// My tasks: counts at a glance, filters, search, and the list (grouped into sections).
Page {
    id: page
    objectName: "taskListPage"
    required property Navigator nav
    readonly property int taskCount: tasks.count

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        showBack: false
        title: qsTr("My tasks")
        subtitle: SyncController.username.length > 0
                  ? qsTr("%1 · last sync %2").arg(SyncController.username).arg(SyncController.lastSync)
                  : ""
    }

    Binding {
        target: page.nav
        property: "taskCount"
        value: tasks.count
    }

    TaskListModel {
        id: tasks
        store: AppStore
        assignee: onlyMine.checked ? SyncController.username : ""
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing

        TaskCounts {
            model: tasks
            Layout.fillWidth: true
            Switch {
                id: onlyMine
                objectName: "onlyMineSwitch"
                text: qsTr("Only mine")
                checked: SyncController.username.length > 0
                visible: SyncController.username.length > 0
                height: Theme.touch
            }
            Button {
                objectName: "directoryButton"
                height: Theme.touch
                font.pixelSize: Theme.fontBody
                text: qsTr("All enterprises") + "  ›"
                onClicked: page.nav.openDirectory()
                background: Rectangle {
                    radius: Theme.radius
                    color: Theme.card
                    border.color: "#303f9f"
                    border.width: 2
                }
            }
        }
        TaskFilterBar {
            model: tasks
            Layout.fillWidth: true
        }

        ListView {
            id: list
            objectName: "taskList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: tasks
            reuseItems: true
            section.property: "section"
            section.criteria: ViewSection.FullString
            section.delegate: Label {
                required property string section
                width: ListView.view ? ListView.view.width : 0
                visible: section.length > 0
                height: visible ? 44 : 0
                verticalAlignment: Text.AlignBottom
                bottomPadding: 6
                text: section
                font.pixelSize: Theme.fontLarge
                font.bold: true
                color: Theme.muted
            }
            delegate: TaskDelegate {
                width: ListView.view.width
                // Qt 6.4 has no "pragma ComponentBehavior: Bound"; reaching the page from a
                // delegate is legal QML that its qmllint cannot verify.
                // qmllint disable unqualified
                onOpened: (enterpriseId, taskId) => page.nav.openEnterprise(enterpriseId, taskId)
                // qmllint enable unqualified
            }
            ScrollBar.vertical: ScrollBar { width: 14 }

            ColumnLayout {
                anchors.centerIn: parent
                visible: tasks.count === 0
                spacing: Theme.spacing
                Label {
                    Layout.alignment: Qt.AlignHCenter
                    text: tasks.totalCount === 0 ? qsTr("No tasks on this tablet yet. Sync to receive your tasks.")
                                                 : qsTr("No task matches the filters.")
                    font.pixelSize: Theme.fontLarge
                    color: Theme.muted
                }
                Button {
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredHeight: Theme.touch
                    text: tasks.totalCount === 0 ? qsTr("Sync now") : qsTr("Clear filters")
                    onClicked: tasks.totalCount === 0 ? page.nav.openSync() : tasks.clearFilters()
                }
            }
        }
    }
}
