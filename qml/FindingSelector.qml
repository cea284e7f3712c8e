import QtQuick
import QtQuick.Controls
import FieldProof

// The six findings as large buttons, one of them chosen.
Flow {
    id: selector
    property int finding: -1
    signal chosen(int value)
    spacing: 8

    ChoiceModel {
        id: choices
        vocabulary: ChoiceModel.Findings
    }
    Repeater {
        model: choices
        delegate: Button {
            required property int value
            required property string label
            objectName: "finding_" + value
            height: Theme.touch
            width: Math.max(132, implicitWidth)
            text: label
            font.pixelSize: Theme.fontBody
            checkable: true
            checked: selector.finding === value
            highlighted: checked
            onClicked: {
                checked = Qt.binding(() => selector.finding === value)
                if (selector.finding !== value)
                    selector.chosen(value)
            }
        }
    }
}
