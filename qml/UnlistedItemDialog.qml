import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Records equipment found on site that is not in the elimination plan (漏报).
Dialog {
    id: dialog
    objectName: "unlistedDialog"
    required property CheckListModel checks
    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(720, parent ? parent.width - 64 : 720)
    modal: true
    title: qsTr("Equipment found on site, not in the plan")
    standardButtons: Dialog.Save | Dialog.Cancel

    ChoiceModel {
        id: findings
        domain: ChoiceModel.Findings
    }

    onOpened: {
        kind.currentIndex = -1
        kind.editText = ""
        spec.text = ""
        capacity.text = ""
        finding.currentIndex = Vocabulary.Operating
    }
    onAccepted: dialog.checks.addUnlisted(kind.editText, spec.text, Number(capacity.text) || 0,
                                          unit.editText, finding.currentIndex)

    GridLayout {
        width: parent.width
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: Theme.spacing
        Label { text: qsTr("Kind") }
        ComboBox {
            id: kind
            objectName: "unlistedKind"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            editable: true
            model: ["中频炉", "工频炉", "反射窑", "机立窑", "冲天炉", "平拉玻璃生产线", "预焙电解槽"]
        }
        Label { text: qsTr("Spec / model") }
        TextField {
            id: spec
            objectName: "unlistedSpec"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
        }
        Label { text: qsTr("Capacity") }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: capacity
                objectName: "unlistedCapacity"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                inputMethodHints: Qt.ImhFormattedNumbersOnly
                validator: DoubleValidator { bottom: 0 }
            }
            ComboBox {
                id: unit
                Layout.preferredWidth: 180
                Layout.preferredHeight: Theme.touch
                editable: true
                model: ["万吨/年", "吨/年", "万重量箱/年"]
            }
        }
        Label { text: qsTr("Finding") }
        ComboBox {
            id: finding
            objectName: "unlistedFinding"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            model: findings.labels
        }
    }
}
