import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Asks for the signer's name and a handwritten signature (finger or stylus).
Dialog {
    id: dialog
    objectName: "signatureDialog"
    property int role: Vocabulary.Inspector
    signal signed(int role, string name, var png)

    function ask(signerRole: int, suggestedName: string) {
        role = signerRole
        name.text = suggestedName
        pad.clear()
        open()
    }

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(900, parent ? parent.width - 48 : 900)
    modal: true
    title: role === Vocabulary.Inspector ? qsTr("Inspector's signature") : qsTr("Representative's signature")
    closePolicy: Popup.NoAutoClose

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing
        TextField {
            id: name
            objectName: "signerName"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            placeholderText: qsTr("Name of the signer")
        }
        SignaturePad {
            id: pad
            objectName: "signaturePad"
            Layout.fillWidth: true
            Layout.preferredHeight: 280
            penWidth: 4
            Rectangle {
                anchors.fill: parent
                color: "transparent"
                border.color: Theme.line
                border.width: 2
            }
            Label {
                anchors.centerIn: parent
                visible: pad.empty
                text: qsTr("Sign here")
                color: Theme.line
                font.pixelSize: Theme.fontTitle
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Button {
                text: qsTr("Clear")
                Layout.preferredHeight: Theme.touch
                onClicked: pad.clear()
            }
            Item { Layout.fillWidth: true }
            Button {
                text: qsTr("Cancel")
                Layout.preferredHeight: Theme.touch
                onClicked: dialog.close()
            }
            Button {
                objectName: "saveSignature"
                text: qsTr("Save signature")
                highlighted: true
                enabled: !pad.empty && name.text.trim().length > 0
                Layout.preferredHeight: Theme.touch
                onClicked: {
                    dialog.signed(dialog.role, name.text.trim(), pad.toPng())
                    dialog.close()
                }
            }
        }
    }
}
