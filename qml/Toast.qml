import QtQuick
import QtQuick.Controls

// A message at the bottom of the screen that goes away by itself (or on tap).
Popup {
    id: toast
    objectName: "toast"
    property string text
    property bool error: true

    // A problem, in red.
    function show(message: string) {
        error = true
        text = message
        visible = true
        hideTimer.restart()
    }
    // Something that went well, in the neutral colour (never error red).
    function showInfo(message: string) {
        show(message)
        error = false
    }

    x: (parent ? parent.width - width : 0) / 2
    y: parent ? parent.height - height - 32 : 0
    width: Math.min(parent ? parent.width - 64 : 600, 900)
    padding: 18
    // Taps elsewhere go to the screen below: a message must not eat the next tap.
    closePolicy: Popup.NoAutoClose
    background: Rectangle {
        radius: Theme.radius
        color: toast.error ? "#b71c1c" : "#263238"
    }
    contentItem: Label {
        text: toast.text
        color: "white"
        wrapMode: Text.Wrap
        font.pixelSize: Theme.fontBody
        MouseArea {
            anchors.fill: parent
            onClicked: toast.close()
        }
    }
    Timer {
        id: hideTimer
        interval: 6000
        onTriggered: toast.close()
    }
}
