import QtQuick
import QtQuick.Controls
import FieldProof

// Counts at a glance; each count is also a one-tap filter.
Flow {
    id: counts
    required property TaskListModel model
    spacing: 8

    component CountChip: Button {
        id: chip
        required property TaskListModel tasks
        property int stateValue: -1
        property int dueValue: TaskState.AnyDue
        property int number: 0
        property color tint: Theme.muted
        property string label
        readonly property bool active: tasks.stateFilter === stateValue && tasks.dueFilter === dueValue
        height: Theme.touch
        checkable: false
        highlighted: active
        flat: !active
        text: label + "  " + number
        font.pixelSize: Theme.fontBody
        onClicked: {
            tasks.stateFilter = active ? -1 : stateValue
            tasks.dueFilter = active ? TaskState.AnyDue : dueValue
        }
        background: Rectangle {
            radius: Theme.radius
            color: chip.active ? chip.tint : Theme.card
            border.color: chip.tint
            border.width: 2
        }
        contentItem: Label {
            text: chip.text
            color: chip.active ? "white" : chip.tint
            font: chip.font
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
        }
    }

    CountChip {
        tasks: counts.model
        objectName: "countAll"
        label: qsTr("All")
        number: counts.model.totalCount
        tint: "#3949ab"
    }
    CountChip {
        tasks: counts.model
        objectName: "countOverdue"
        label: qsTr("Overdue")
        dueValue: TaskState.Overdue
        number: counts.model.overdueCount
        tint: Theme.danger
    }
    CountChip {
        tasks: counts.model
        objectName: "countNotStarted"
        label: qsTr("Not started")
        stateValue: TaskState.NotStarted
        number: counts.model.notStartedCount
        tint: "#455a64"
    }
    CountChip {
        tasks: counts.model
        objectName: "countDraft"
        label: qsTr("Draft")
        stateValue: TaskState.Draft
        number: counts.model.draftCount
        tint: "#6d4c41"
    }
    CountChip {
        tasks: counts.model
        objectName: "countFinal"
        label: qsTr("Waiting to sync")
        stateValue: TaskState.Final
        number: counts.model.finalCount
        tint: "#ef6c00"
    }
    CountChip {
        tasks: counts.model
        objectName: "countSynced"
        label: qsTr("Synced")
        stateValue: TaskState.Synced
        number: counts.model.syncedCount
        tint: Theme.ok
    }
    CountChip {
        tasks: counts.model
        objectName: "countReturned"
        label: qsTr("Returned")
        stateValue: TaskState.Returned
        number: counts.model.returnedCount
        tint: Theme.danger
    }
    CountChip {
        tasks: counts.model
        objectName: "countAccepted"
        label: qsTr("Accepted")
        stateValue: TaskState.Accepted
        number: counts.model.acceptedCount
        tint: "#00695c"
    }
}
