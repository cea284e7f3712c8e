import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One task: enterprise, region and industry, visit kind, due date, state, return reason.
ItemDelegate {
    id: row
    required property string taskId
    required property string enterpriseId
    required property string enterpriseName
    required property string detail
    required property string visitKindLabel
    required property string dueLabel
    required property bool overdue
    required property int taskState
    required property string stateLabel
    required property string returnReason
    signal opened(string enterpriseId, string taskId)

    objectName: "task_" + taskId
    padding: Theme.margin
    onClicked: opened(enterpriseId, taskId)

    background: Rectangle {
        color: row.pressed ? "#e3e7f3" : Theme.card
        radius: Theme.radius
        border.color: row.overdue ? Theme.danger : "transparent"
        border.width: row.overdue ? 2 : 0
    }

    contentItem: RowLayout {
        spacing: Theme.spacing
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 4
            Label {
                Layout.fillWidth: true
                text: row.enterpriseName
                font.pixelSize: Theme.fontLarge
                font.bold: true
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                text: row.detail
                color: Theme.muted
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                visible: row.returnReason.length > 0
                text: qsTr("Returned: %1").arg(row.returnReason)
                color: Theme.danger
                wrapMode: Text.Wrap
            }
        }
        Label {
            text: row.visitKindLabel
            font.pixelSize: Theme.fontBody
            Layout.preferredWidth: 110
            horizontalAlignment: Text.AlignHCenter
        }
        Label {
            text: row.dueLabel
            color: row.overdue ? Theme.danger : Theme.muted
            font.bold: row.overdue
            Layout.preferredWidth: 170
            horizontalAlignment: Text.AlignRight
            elide: Text.ElideRight
        }
        StateChip {
            Layout.minimumWidth: 140
            Layout.preferredHeight: 40
            taskState: row.taskState
            label: row.stateLabel
        }
    }
}
