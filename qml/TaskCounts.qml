import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Counts at a glance; each count is also a one-tap filter.
Flow {
    id: counts
    required property TaskListModel model
    spacing: 8

    component CountChip: Button {
        id: chip
        property int stateValue: -1
        property int dueValue: TaskState.AnyDue
        property int number: 0
        property color tint: Theme.muted
        property string label
        readonly property bool active: counts.model.stateFilter === stateValue
                                       && counts.model.dueFilter === dueValue
        height: Theme.touch
        checkable: false
        highlighted: active
        flat: !active
        text: label + "  " + number
        font.pixelSize: Theme.fontBody
        onClicked: {
            counts.model.stateFilter = active ? -1 : stateValue
            counts.model.dueFilter = active ? TaskState.AnyDue : dueValue
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
        objectName: "countAll"
        label: qsTr("All")
        number: counts.model.totalCount
        tint: "#3949ab"
    }
    CountChip {
        objectName: "countOverdue"
        label: qsTr("Overdue")
        dueValue: TaskState.Overdue
        number: counts.model.counts.overdue ?? 0
        tint: Theme.danger
    }
    CountChip {
        objectName: "countNotStarted"
        label: qsTr("Not started")
        stateValue: TaskState.NotStarted
        number: counts.model.counts.notStarted ?? 0
        tint: "#455a64"
    }
    CountChip {
        objectName: "countDraft"
        label: qsTr("Draft")
        stateValue: TaskState.Draft
        number: counts.model.counts.draft ?? 0
        tint: "#6d4c41"
    }
    CountChip {
        objectName: "countFinal"
        label: qsTr("Waiting to sync")
        stateValue: TaskState.Final
        number: counts.model.counts.final ?? 0
        tint: "#ef6c00"
    }
    CountChip {
        objectName: "countSynced"
        label: qsTr("Synced")
        stateValue: TaskState.Synced
        number: counts.model.counts.synced ?? 0
        tint: Theme.ok
    }
    CountChip {
        objectName: "countReturned"
        label: qsTr("Returned")
        stateValue: TaskState.Returned
        number: counts.model.counts.returned ?? 0
        tint: Theme.danger
    }
    CountChip {
        objectName: "countAccepted"
        label: qsTr("Accepted")
        stateValue: TaskState.Accepted
        number: counts.model.counts.accepted ?? 0
        tint: "#00695c"
    }
}
