import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// The written acceptance opinion: verdict, text, follow-up deadline, signatures of the
// inspectors and of the enterprise's representative.
Page {
    id: page
    objectName: "opinionPage"
    required property Navigator nav
    required property string inspectionId
    readonly property bool wide: width > height

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: qsTr("Acceptance opinion")
        subtitle: visit.enterpriseName
    }

    VisitController {
        id: visit
        store: AppStore
        inspectionId: page.inspectionId
    }
    OpinionController {
        id: opinion
        store: AppStore
        inspectionId: page.inspectionId
        onFailed: (message) => page.nav.toast.show(message)
        onSignaturesWouldClear: clearSignaturesDialog.open()
    }
    ChoiceModel {
        id: verdicts
        domain: ChoiceModel.Verdicts
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        GridLayout {
            x: Theme.margin
            y: Theme.margin
            width: scroll.availableWidth - 2 * Theme.margin
            columns: page.wide ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.margin

            Section {
                title: qsTr("Verdict and opinion")
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                ColumnLayout {
                    width: parent.width
                    spacing: Theme.spacing
                    Flow {
                        Layout.fillWidth: true
                        spacing: 8
                        Repeater {
                            model: verdicts
                            delegate: RadioButton {
                                required property int value
                                required property string label
                                objectName: "verdict_" + value
                                height: Theme.touch
                                text: label
                                // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
                                // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
                                // qmllint disable unqualified
                                enabled: !opinion.readOnly
                                checked: opinion.verdict === value
                                onClicked: opinion.verdict = value
                                // qmllint enable unqualified
                            }
                        }
                    }
                    AutoSaveTextArea {
                        id: opinionText
                        objectName: "opinionText"
                        Layout.fillWidth: true
                        Layout.minimumHeight: 220
                        readOnly: opinion.readOnly
                        savedText: opinion.text
                        placeholderText: qsTr("e.g. all planned equipment has been dismantled on site")
                        onSave: (text) => opinion.text = text
                    }
                    Label { text: qsTr("Follow-up deadline (year-month-day, empty for none)"); color: Theme.muted }
                    RowLayout {
                        Layout.fillWidth: true
                        TextField {
                            id: deadlineField
                            objectName: "deadlineField"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            readOnly: opinion.readOnly
                            text: opinion.followUpDeadline
                            placeholderText: "2018-03-31"
                            inputMethodHints: Qt.ImhDate
                            onEditingFinished: if (text !== opinion.followUpDeadline) opinion.followUpDeadline = text
                        }
                        Repeater {
                            model: [1, 3, 6]
                            delegate: Button {
                                required property int modelData
                                // qmllint disable unqualified
                                visible: !opinion.readOnly
                                // qmllint enable unqualified
                                Layout.preferredHeight: Theme.touch
                                text: qsTr("+%1 mo.").arg(modelData)
                                // qmllint disable unqualified
                                onClicked: opinion.setDeadlineInMonths(modelData)
                                // qmllint enable unqualified
                            }
                        }
                    }
                }
            }
            Section {
                title: qsTr("Signatures")
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                ColumnLayout {
                    width: parent.width
                    spacing: Theme.spacing
                    Label {
                        Layout.fillWidth: true
                        visible: !opinion.hasInspectorSignature || !opinion.hasRepresentativeSignature
                        wrapMode: Text.Wrap
                        color: Theme.danger
                        text: qsTr("Needed: at least one inspector and the enterprise representative.")
                    }
                    Repeater {
                        model: opinion.signatures
                        delegate: RowLayout {
                            id: signature
                            required property var modelData
                            required property int index
                            Layout.fillWidth: true
                            spacing: Theme.spacing
                            Image {
                                Layout.preferredWidth: 200
                                Layout.preferredHeight: 80
                                source: signature.modelData.url
                                fillMode: Image.PreserveAspectFit
                                sourceSize.width: 400
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: signature.modelData.roleLabel + "：" + signature.modelData.name
                                      + "\n" + signature.modelData.signedAt
                            }
                            Button {
                                // qmllint disable unqualified
                                visible: !opinion.readOnly
                                // qmllint enable unqualified
                                text: qsTr("Remove")
                                Layout.preferredHeight: Theme.touchSmall
                                objectName: "removeSignature_" + signature.index
                                // qmllint disable unqualified
                                onClicked: removeSignatureDialog.ask(signature.index,
                                                                     signature.modelData.roleLabel,
                                                                     signature.modelData.name)
                                // qmllint enable unqualified
                            }
                        }
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: !opinion.readOnly
                        Button {
                            objectName: "signInspector"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Inspector signs")
                            onClicked: signDialog.ask(Vocabulary.Inspector,
                                                     Settings.inspectorName.length > 0 ? Settings.inspectorName : SyncController.username)
                        }
                        Button {
                            objectName: "signRepresentative"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch
                            text: qsTr("Representative signs")
                            onClicked: signDialog.ask(Vocabulary.Representative, visit.representative)
                        }
                    }
                }
            }
        }
    }

    // The question a change of a signed opinion asks (the screenshot tool shows it as it is).
    function askClearSignatures() {
        clearSignaturesDialog.open()
    }

    // Signed means frozen: changing the verdict, text or deadline clears the signatures, and
    // the inspector agrees to that first.
    Dialog {
        id: clearSignaturesDialog
        objectName: "clearSignaturesDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(640, parent ? parent.width - 64 : 640)
        modal: true
        closePolicy: Popup.NoAutoClose
        title: qsTr("The opinion has been signed")
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("Changing the verdict, the opinion text or the deadline clears all "
                       + "signatures; the inspectors and the enterprise representative must sign "
                       + "the changed opinion again.")
        }
        standardButtons: Dialog.Ok | Dialog.Cancel
        // The buttons say what they do (清除签名并修改 / 取消), not just OK.
        Component.onCompleted: {
            standardButton(Dialog.Ok).text = qsTr("Clear signatures and change")
            standardButton(Dialog.Ok).objectName = "clearSignaturesConfirm"
            standardButton(Dialog.Cancel).text = qsTr("Cancel")
            standardButton(Dialog.Cancel).objectName = "clearSignaturesCancel"
        }
        onAccepted: opinion.confirmClearSignatures()
        onRejected: {
            opinion.cancelPendingChange()
            opinionText.revert()
            deadlineField.text = Qt.binding(() => opinion.followUpDeadline)
        }
    }

    ConfirmDialog {
        id: removeSignatureDialog
        objectName: "removeSignatureDialog"
        property int index: -1
        function ask(signatureIndex: int, role: string, name: string) {
            index = signatureIndex
            question = qsTr("Delete this signature?")
            detail = qsTr("The signature of %1 %2 is removed; the opinion needs it signed again.")
                         .arg(role).arg(name)
            open()
        }
        onConfirmed: opinion.removeSignature(index)
    }

    SignatureDialog {
        id: signDialog
        onSigned: (role, name, png) => opinion.addSignature(role, name, png)
    }
}
