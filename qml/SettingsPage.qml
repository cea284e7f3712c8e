import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Language, inspector, office server, photo size, storage (issue 17: what the tablet holds,
// what waits for the office's verified backup), and about (version, device).
Page {
    id: page
    objectName: "settingsPage"
    required property Navigator nav

    background: Rectangle { color: Theme.page }

    StorageController {
        id: storage
        store: AppStore
        onFailed: (message) => page.nav.toast.show(message)
    }
    header: PageHeader {
        nav: page.nav
        title: qsTr("Settings")
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        // Two columns on a landscape tablet, so that the storage is in sight without scrolling.
        GridLayout {
            id: sections
            readonly property bool wide: scroll.availableWidth >= 1200
            readonly property real cellWidth: (width - (columns - 1) * columnSpacing) / columns
            x: Theme.margin
            y: Theme.margin
            width: wide ? scroll.availableWidth - 2 * Theme.margin
                        : Math.min(scroll.availableWidth - 2 * Theme.margin, 900)
            columns: wide ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.margin

            Section {
                title: qsTr("Language")
                Layout.fillWidth: true
                Layout.preferredWidth: sections.cellWidth
                Layout.alignment: Qt.AlignTop
                Row {
                    spacing: Theme.spacing
                    RadioButton {
                        objectName: "langZh"
                        height: Theme.touch
                        text: "中文"
                        checked: Settings.language === "zh_CN"
                        onClicked: Settings.language = "zh_CN"
                    }
                    RadioButton {
                        objectName: "langEn"
                        height: Theme.touch
                        text: "English"
                        checked: Settings.language === "en"
                        onClicked: Settings.language = "en"
                    }
                }
            }
            Section {
                title: qsTr("Inspector")
                Layout.fillWidth: true
                Layout.preferredWidth: sections.cellWidth
                Layout.alignment: Qt.AlignTop
                ColumnLayout {
                    width: parent.width
                    spacing: Theme.spacing
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.muted
                        text: qsTr("Your real name goes on new visits, photo watermarks and the "
                                   + "acceptance opinion, instead of the login name.")
                    }
                    TextField {
                        objectName: "realNameField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        placeholderText: qsTr("Real name, e.g. 张伟")
                        text: Settings.inspectorName
                        onEditingFinished: Settings.inspectorName = text
                    }
                    TextField {
                        objectName: "departmentField"
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        placeholderText: qsTr("Department, e.g. 海城市经信局")
                        text: Settings.department
                        onEditingFinished: Settings.department = text
                    }
                }
            }
            Section {
                title: qsTr("Office server")
                Layout.fillWidth: true
                Layout.preferredWidth: sections.cellWidth
                Layout.alignment: Qt.AlignTop
                ColumnLayout {
                    width: parent.width
                    spacing: Theme.spacing
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: SyncController.enrolled
                              ? qsTr("Signed in as %1 at %2").arg(SyncController.username).arg(SyncController.serverUrl)
                              : qsTr("Not signed in")
                    }
                    Label {
                        objectName: "caStatus"
                        visible: SyncController.enrolled
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.muted
                        text: SyncController.caFile.length > 0
                              ? qsTr("Certificate: trusted through the office's own CA certificate (%1). To change it, sign in again with the new one.").arg(SyncController.caFile.split("/").pop())
                              : qsTr("Certificate: checked against the tablet's trusted authorities. An office with its own CA certificate: sign in again and add it.")
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        Switch {
                            objectName: "autoSyncSwitch"
                            checked: Settings.autoSync
                            onToggled: Settings.autoSync = checked
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: qsTr("Sync by itself: when the network comes back, and every %n minute(s) while visits wait to be sent", "", SyncController.autoSyncMinutes)
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        Switch {
                            objectName: "meteredSwitch"
                            checked: Settings.meteredRecordsOnly
                            onToggled: Settings.meteredRecordsOnly = checked
                        }
                        Label {
                            objectName: "meteredLabel"
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            text: (SyncController.metered
                                   ? qsTr("Now on mobile data (metered). ")
                                   : "")
                                  + qsTr("On mobile data or roaming, send only the records; photos wait for Wi-Fi")
                        }
                    }
                    Button {
                        objectName: "signInAgain"
                        Layout.preferredHeight: Theme.touch
                        text: SyncController.enrolled ? qsTr("Sign in again (other server or account)") : qsTr("Sign in")
                        onClicked: page.nav.showSignIn()
                    }
                }
            }
            Section {
                title: qsTr("Storage")
                Layout.fillWidth: true
                Layout.preferredWidth: sections.cellWidth
                Layout.alignment: Qt.AlignTop
                ColumnLayout {
                    width: parent.width
                    spacing: Theme.spacing
                    Label {
                        objectName: "storageUsed"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: storage.usedText
                    }
                    Label {
                        objectName: "storageWaiting"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: storage.waitingText
                    }
                    Label {
                        objectName: "storageBackup"
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.muted
                        text: storage.backupText
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        visible: storage.canRelease
                        text: storage.releasableText
                    }
                    Button {
                        objectName: "releaseBackedUp"
                        Layout.preferredHeight: Theme.touch
                        visible: storage.canRelease
                        text: qsTr("Free backed-up photos")
                        onClicked: page.nav.toast.showInfo(storage.releaseBackedUp())
                    }
                }
            }
            Section {
                title: qsTr("Photo size")
                Layout.fillWidth: true
                Layout.preferredWidth: sections.cellWidth
                Layout.alignment: Qt.AlignTop
                ColumnLayout {
                    width: parent.width
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: Theme.muted
                        text: qsTr("Longest edge of stored photos. Smaller photos sync faster over a weak signal.")
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: Theme.spacing
                        Repeater {
                            model: [1280, 1920, 2560]
                            delegate: RadioButton {
                                required property int modelData
                                height: Theme.touch
                                text: qsTr("%1 px").arg(modelData)
                                checked: Settings.photoLongEdge === modelData
                                onClicked: Settings.photoLongEdge = modelData
                            }
                        }
                    }
                }
            }
            Section {
                title: qsTr("About")
                Layout.fillWidth: true
                Layout.preferredWidth: sections.cellWidth
                Layout.alignment: Qt.AlignTop
                GridLayout {
                    width: parent.width
                    columns: 2
                    columnSpacing: Theme.spacing
                    Label { text: qsTr("Version"); color: Theme.muted }
                    Label { objectName: "version"; text: Settings.version }
                    Label { text: qsTr("Device id"); color: Theme.muted }
                    Label {
                        objectName: "deviceId"
                        Layout.fillWidth: true
                        wrapMode: Text.WrapAnywhere
                        text: SyncController.deviceId.length > 0 ? SyncController.deviceId : qsTr("(not enrolled)")
                    }
                    Label { text: qsTr("Data folder"); color: Theme.muted }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.WrapAnywhere
                        text: AppStore.dataDir
                    }
                }
            }
        }
    }
}
