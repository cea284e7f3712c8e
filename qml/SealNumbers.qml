import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// The numbers of the seals put on an item: chips that ask before they remove a number, a field
// to add one (what is typed and not yet added is kept as a draft).
ColumnLayout {
    id: seals
    property var numbers: []
    property bool readOnly
    /// Where a number typed but not yet added is kept (Settings.draft), e.g. "seal/<check id>".
    property string draftKey
    signal added(string number)
    signal removed(string number)
    spacing: 8

    Label {
        text: qsTr("Seal numbers")
        color: Theme.muted
    }
    Flow {
        Layout.fillWidth: true
        spacing: 8
        Repeater {
            model: seals.numbers
            delegate: Button {
                required property string modelData
                height: Theme.touchSmall
                // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
                // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
                // qmllint disable unqualified
                text: seals.readOnly ? modelData : modelData + "  ✕"
                enabled: !seals.readOnly
                objectName: "seal_" + modelData
                onClicked: removeDialog.ask(modelData)
                // qmllint enable unqualified
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        visible: !seals.readOnly
        TextField {
            id: field
            objectName: "sealNumberField"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            placeholderText: qsTr("Seal number, e.g. HC-2017-0815")
            inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
            text: Settings.draft(seals.draftKey)
            onTextEdited: Settings.setDraft(seals.draftKey, text.trim())
            onAccepted: addButton.clicked()
        }
        Button {
            id: addButton
            objectName: "addSealNumber"
            text: qsTr("Add")
            Layout.preferredHeight: Theme.touch
            Layout.minimumWidth: 96
            enabled: field.text.trim().length > 0
            onClicked: {
                seals.added(field.text.trim())
                field.clear()
                Settings.setDraft(seals.draftKey, "")
            }
        }
    }

    ConfirmDialog {
        id: removeDialog
        objectName: "removeSealDialog"
        property string number
        function ask(sealNumber: string) {
            number = sealNumber
            question = qsTr("Remove seal number %1?").arg(sealNumber)
            detail = qsTr("The number is removed from this item's record.")
            open()
        }
        onConfirmed: seals.removed(number)
    }
}
