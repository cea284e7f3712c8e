import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Signs the tablet in with the office once (online); later starts go straight to the tasks.
Page {
    id: page
    objectName: "signInPage"
    required property Navigator nav

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: qsTr("Sign in")
        showBack: page.StackView.index > 0
    }

    Connections {
        target: SyncController
        function onEnrolFinished(ok: bool) {
            if (ok) {
                Settings.serverUrl = server.text
                page.nav.showTasks()
                SyncController.start()
            }
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: card.height + 64
        clip: true

        Rectangle {
            id: card
            y: 32
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(page.width - 48, 640)
            height: form.implicitHeight + 64
            color: Theme.card
            radius: Theme.radius

            ColumnLayout {
                id: form
                x: 32
                y: 32
                width: card.width - 64
                spacing: Theme.spacing

                Label {
                    text: qsTr("FieldProof on-site verification")
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                }
                Label {
                    text: qsTr("Sign this tablet in with the office server once. This needs a network connection; afterwards the app works without one.")
                    wrapMode: Text.Wrap
                    color: Theme.muted
                    Layout.fillWidth: true
                }
                Label { text: qsTr("Office server address") }
                TextField {
                    id: server
                    objectName: "serverField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: Settings.serverUrl
                    placeholderText: "https://fieldproof.example.gov.cn"
                    inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                }
                Label { text: qsTr("Username") }
                TextField {
                    id: username
                    objectName: "usernameField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    inputMethodHints: Qt.ImhNoAutoUppercase
                }
                Label { text: qsTr("Password") }
                TextField {
                    id: password
                    objectName: "passwordField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    echoMode: TextInput.Password
                    onAccepted: signIn.clicked()
                }
                Label { text: qsTr("Office CA certificate (only if the office has its own)") }
                TextField {
                    // One line: pasted PEM text may lose its line breaks, which the app
                    // restores (SyncController::keepCaCertificate).
                    id: caCertificate
                    objectName: "caField"
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    text: SyncController.caFile
                    placeholderText: qsTr("Paste the text of the office's QR code, or type the path of its CA file (e.g. /sdcard/Download/office-ca.pem)")
                    inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                }
                Label {
                    objectName: "signInError"
                    visible: text.length > 0
                    text: SyncController.lastError
                    color: Theme.danger
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
                RowLayout {
                    Layout.fillWidth: true
                    BusyIndicator {
                        running: SyncController.enrolling
                        visible: running
                        Layout.preferredHeight: Theme.touch
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        text: qsTr("Cancel")
                        visible: SyncController.enrolling
                        Layout.preferredHeight: Theme.touch
                        onClicked: SyncController.cancel()
                    }
                    Button {
                        id: signIn
                        objectName: "signInButton"
                        text: qsTr("Sign in")
                        highlighted: true
                        enabled: !SyncController.enrolling
                        Layout.preferredHeight: Theme.touch
                        Layout.minimumWidth: 160
                        onClicked: SyncController.enrol(server.text, username.text, password.text,
                                                        caCertificate.text)
                    }
                }
            }
        }
    }
}
