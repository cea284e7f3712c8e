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
        domain: ChoiceModel.Findings
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
            // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
            // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
            // qmllint disable unqualified
            checked: selector.finding === value
            // qmllint enable unqualified
            highlighted: checked
            onClicked: {
                checked = Qt.binding(() => selector.finding === value)
                if (selector.finding !== value)
                    selector.chosen(value)
            }
        }
    }
}
