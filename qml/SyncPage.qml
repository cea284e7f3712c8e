import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Sync with the office: what waits, progress in visits and MB, cancel, the last sync, and
// what to do when it failed. The sync runs on its own thread; this screen only watches.
Page {
    id: page
    objectName: "syncPage"
    required property Navigator nav

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: qsTr("Sync with the office")
        subtitle: SyncController.serverUrl
    }

    ColumnLayout {
        x: Theme.margin
        y: Theme.margin
        width: Math.min(page.width - 2 * Theme.margin, 900)
        spacing: Theme.margin

        Section {
            Layout.fillWidth: true
            title: AppStore.pendingCount > 0
                   ? qsTr("%n visit(s) wait to be sent", "", AppStore.pendingCount)
                   : qsTr("Nothing waits to be sent")
            ColumnLayout {
                width: parent.width
                spacing: Theme.spacing
                Label {
                    objectName: "lastSync"
                    text: qsTr("Last complete sync: %1").arg(SyncController.lastSync)
                }
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Button {
                        objectName: "syncNow"
                        Layout.preferredHeight: Theme.touch + 8
                        Layout.minimumWidth: 220
                        highlighted: true
                        font.pixelSize: Theme.fontLarge
                        enabled: SyncController.enrolled && !SyncController.running
                        text: qsTr("Sync now")
                        onClicked: SyncController.start()
                    }
                    Button {
                        objectName: "cancelSync"
                        Layout.preferredHeight: Theme.touch + 8
                        Layout.minimumWidth: 160
                        visible: SyncController.running
                        text: qsTr("Cancel")
                        onClicked: SyncController.cancel()
                    }
                    Button {
                        visible: !SyncController.enrolled
                        Layout.preferredHeight: Theme.touch + 8
                        text: qsTr("Sign in first")
                        onClicked: page.nav.showSignIn()
                    }
                }
            }
        }
        // On a metered connection with the setting on, photos wait: said before the tap.
        Banner {
            objectName: "syncRecordsOnly"
            Layout.fillWidth: true
            visible: SyncController.enrolled && SyncController.recordsOnly
            tint: Theme.warning
            text: qsTr("Mobile data: syncs send the records only; photos wait for Wi-Fi. To send them now, switch off \"records only on mobile data\" in Settings.")
        }
        // Said the moment a request gets no answer, while the library keeps trying.
        Banner {
            objectName: "syncUnreachable"
            Layout.fillWidth: true
            visible: SyncController.unreachable
            tint: Theme.danger
            text: SyncController.phaseLabel
        }
        Section {
            Layout.fillWidth: true
            visible: SyncController.running && !SyncController.unreachable
            title: SyncController.phaseLabel
            ColumnLayout {
                width: parent.width
                spacing: 6
                Label { text: SyncController.itemsText }
                ProgressBar {
                    objectName: "itemsProgress"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 16
                    value: SyncController.itemsFraction
                }
                Label { text: SyncController.bytesText }
                ProgressBar {
                    objectName: "bytesProgress"
                    Layout.fillWidth: true
                    Layout.preferredHeight: 16
                    value: SyncController.bytesFraction
                }
            }
        }
        Banner {
            objectName: "officeRestored"
            Layout.fillWidth: true
            visible: SyncController.officeNotice.length > 0
            tint: Theme.warning
            text: SyncController.officeNotice
        }
        Banner {
            objectName: "syncError"
            Layout.fillWidth: true
            visible: !SyncController.running && SyncController.lastError.length > 0
            tint: Theme.danger
            text: SyncController.lastError
        }
        Label {
            Layout.fillWidth: true
            visible: !SyncController.running && SyncController.lastSummary.length > 0
            text: SyncController.lastSummary
            color: Theme.muted
            font.pixelSize: Theme.fontSmall
            wrapMode: Text.Wrap
        }
    }
}
