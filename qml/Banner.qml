import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A coloured strip with a sentence and an optional action button.
Rectangle {
    id: banner
    property string text
    property string actionText
    property bool actionEnabled: true
    property color tint: Theme.warning
    signal action()

    color: tint
    implicitHeight: visible ? Math.max(Theme.touch + 12, row.implicitHeight + 16) : 0

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        spacing: Theme.spacing
        Label {
            Layout.fillWidth: true
            text: banner.text
            color: "white"
            wrapMode: Text.Wrap
            font.pixelSize: Theme.fontBody
        }
        Button {
            visible: banner.actionText.length > 0
            enabled: banner.actionEnabled
            text: banner.actionText
            Layout.preferredHeight: Theme.touch
            onClicked: banner.action()
        }
    }
}
