import QtQuick
import QtQuick.Controls
import FieldProof

// Search and filters of the task list; items declared by the user are appended.
Flow {
    id: bar
    required property TaskListModel model
    spacing: Theme.spacing

    component FilterBox: ComboBox {
        height: Theme.touch
        width: 168
        font.pixelSize: Theme.fontBody
    }

    ChoiceModel {
        id: kinds
        domain: ChoiceModel.VisitKinds
        anyText: qsTr("All visit kinds")
    }

    TextField {
        objectName: "searchField"
        width: 270
        height: Theme.touch
        placeholderText: qsTr("Search name or credit code")
        text: bar.model.searchText
        onTextEdited: bar.model.searchText = text
        inputMethodHints: Qt.ImhNoPredictiveText
    }
    FilterBox {
        objectName: "regionFilter"
        model: bar.model.regionOptions
        currentIndex: bar.model.regionIndex
        onActivated: (index) => bar.model.regionIndex = index
    }
    FilterBox {
        objectName: "industryFilter"
        model: bar.model.industryOptions
        currentIndex: bar.model.industryIndex
        onActivated: (index) => bar.model.industryIndex = index
    }
    FilterBox {
        objectName: "kindFilter"
        model: kinds.options
        currentIndex: bar.model.kindFilter + 1
        onActivated: (index) => bar.model.kindFilter = index - 1
    }
    FilterBox {
        objectName: "dueFilter"
        model: [qsTr("Any due date"), qsTr("Overdue"), qsTr("Due within a week")]
        currentIndex: bar.model.dueFilter
        onActivated: (index) => bar.model.dueFilter = index
    }
    FilterBox {
        objectName: "groupBy"
        model: [qsTr("No grouping"), qsTr("By region"), qsTr("By industry"), qsTr("By visit kind"),
                qsTr("By state"), qsTr("By due date")]
        currentIndex: bar.model.groupBy
        onActivated: (index) => bar.model.groupBy = index
    }
}
