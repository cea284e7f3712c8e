import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A white card with a title; its children go below the title (and take its width).
Frame {
    id: section
    property string title
    default property alias content: body.data
    padding: Theme.margin
    background: Rectangle { color: Theme.card; radius: Theme.radius }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing
        Label {
            visible: section.title.length > 0
            text: section.title
            font.pixelSize: Theme.fontLarge
            font.bold: true
            Layout.fillWidth: true
            elide: Text.ElideRight
        }
        Item {
            id: body
            Layout.fillWidth: true
            implicitHeight: childrenRect.height
        }
    }
}
