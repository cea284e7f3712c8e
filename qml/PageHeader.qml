import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts

// The bar on top of every screen: back, title, position state, what waits to sync, settings.
ToolBar {
    id: header
    required property Navigator nav
    property string title
    property string subtitle
    property bool showBack: true

    height: 72
    leftPadding: showBack ? 8 : Theme.margin
    rightPadding: 8
    Material.theme: Material.Dark
    Material.foreground: "white"
    background: Rectangle { color: "#303f9f" }

    RowLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        ToolButton {
            objectName: "backButton"
            visible: header.showBack
            text: qsTr("‹ Back")
            font.pixelSize: Theme.fontBody
            Layout.preferredHeight: Theme.touch
            Layout.minimumWidth: 96
            onClicked: header.nav.back()
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: header.title
                color: "white"
                font.pixelSize: Theme.fontLarge
                font.bold: true
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: header.subtitle
                color: "#e8eaf6"
                font.pixelSize: Theme.fontSmall
                elide: Text.ElideRight
            }
        }
        PositionChip {
            Layout.preferredHeight: 40
        }
        SyncBadge {
            nav: header.nav
            Layout.preferredHeight: Theme.touch
        }
        ToolButton {
            objectName: "settingsButton"
            text: qsTr("Settings")
            font.pixelSize: Theme.fontBody
            Layout.preferredHeight: Theme.touch
            Layout.minimumWidth: 80
            onClicked: header.nav.openSettings()
        }
    }
}
