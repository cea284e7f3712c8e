import QtQuick
import QtQuick.Controls

// Asks before something is deleted: a question, a sentence on what follows, and two standard
// buttons that say what they do (删除 / 取消), in the app's language.
Dialog {
    id: dialog
    /// What is asked, e.g. 删除这张照片？
    property string question
    /// What happens then, in a sentence.
    property string detail
    /// The confirming button's text; 删除 unless set.
    property string confirmText: qsTr("Delete")
    signal confirmed()

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(560, parent ? parent.width - 64 : 560)
    modal: true
    title: question
    standardButtons: Dialog.Ok | Dialog.Cancel
    Label {
        width: parent.width
        wrapMode: Text.Wrap
        visible: text.length > 0
        text: dialog.detail
    }
    // Bindings, so a language switch changes the buttons too.
    Component.onCompleted: {
        standardButton(Dialog.Ok).text = Qt.binding(() => dialog.confirmText)
        standardButton(Dialog.Ok).objectName = "confirmOk"
        standardButton(Dialog.Cancel).text = Qt.binding(() => qsTr("Cancel"))
        standardButton(Dialog.Cancel).objectName = "confirmCancel"
    }
    onAccepted: confirmed()
}
