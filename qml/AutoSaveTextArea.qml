import QtQuick
import QtQuick.Controls

// A text area that saves while the inspector types (shortly after the last key) and when it
// loses focus, so a killed app loses at most the last second of typing.
TextArea {
    id: area
    /// The stored text; the area shows it until the inspector types.
    property string savedText
    signal save(string text)

    wrapMode: TextEdit.Wrap
    text: savedText
    onTextChanged: if (activeFocus && text !== savedText) pause.restart()
    onEditingFinished: flush()

    function flush() {
        pause.stop()
        if (text !== savedText)
            area.save(text)
    }

    /// Shows the stored text again, dropping what was typed since.
    function revert() {
        pause.stop()
        text = Qt.binding(() => area.savedText)
    }

    Timer {
        id: pause
        interval: 800
        onTriggered: area.flush()
    }
}
