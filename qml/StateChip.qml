import QtQuick
import QtQuick.Controls
import FieldProof

// A task's state as a coloured label (TaskState.State).
Rectangle {
    id: chip
    property int taskState: TaskState.NotStarted
    property string label
    implicitWidth: text.implicitWidth + 24
    implicitHeight: 36
    radius: height / 2
    color: {
        switch (chip.taskState) {
        case TaskState.Draft: return "#6d4c41"
        case TaskState.Final: return "#ef6c00"
        case TaskState.Synced: return Theme.ok
        case TaskState.Returned: return Theme.danger
        case TaskState.Accepted: return "#00695c"
        }
        return "#455a64"
    }
    Label {
        id: text
        anchors.centerIn: parent
        text: chip.label
        color: "white"
        font.pixelSize: Theme.fontSmall
    }
}
