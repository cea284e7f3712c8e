import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// "Sync" with the number of visits waiting to go to the office; opens the sync screen.
ToolButton {
    id: badge
    objectName: "syncBadge"
    required property Navigator nav
    font.pixelSize: Theme.fontBody
    Layout.minimumWidth: 96
    text: SyncController.unreachable ? qsTr("Office unreachable")
          : SyncController.running ? qsTr("Syncing…") : qsTr("Sync")
    rightPadding: AppStore.pendingCount > 0 ? 44 : 12
    onClicked: nav.openSync()

    Rectangle {
        visible: AppStore.pendingCount > 0
        anchors.right: parent.right
        anchors.rightMargin: 8
        anchors.verticalCenter: parent.verticalCenter
        width: Math.max(28, count.implicitWidth + 12)
        height: 28
        radius: 14
        color: "#ffb300"
        Label {
            id: count
            objectName: "pendingCount"
            anchors.centerIn: parent
            text: AppStore.pendingCount
            font.pixelSize: Theme.fontSmall
            font.bold: true
            color: "black"
        }
    }
}
