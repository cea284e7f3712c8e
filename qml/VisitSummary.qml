import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// The visit as a whole: what is still missing, finalise, the opinion, people, position,
// notes, photos of the whole visit, and items found on site.
ColumnLayout {
    id: summary
    objectName: "visitSummary"
    required property Navigator nav
    required property VisitController visit
    required property CheckListModel checks
    required property PhotoCapture capture
    width: parent ? parent.width : 0
    spacing: Theme.margin

    Section {
        objectName: "missingSection"
        Layout.fillWidth: true
        visible: !summary.visit.readOnly
        title: summary.visit.missing.length > 0
               ? qsTr("Still missing before finalising (%1)").arg(summary.visit.missing.length)
               : qsTr("All evidence is there")
        ColumnLayout {
            width: parent.width
            spacing: 6
            Repeater {
                model: summary.visit.missing
                delegate: Label {
                    required property string modelData
                    Layout.fillWidth: true
                    text: "• " + modelData
                    color: Theme.danger
                    wrapMode: Text.Wrap
                }
            }
            Button {
                objectName: "finaliseButton"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 8
                highlighted: true
                font.pixelSize: Theme.fontLarge
                enabled: summary.visit.canFinalise
                text: qsTr("Finalise the visit")
                onClicked: confirm.open()
            }
        }
    }
    Button {
        objectName: "opinionButton"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touch
        visible: summary.visit.isAcceptance
        text: qsTr("Acceptance opinion and signatures")
        onClicked: summary.nav.openOpinion(summary.visit.inspectionId)
    }
    Button {
        objectName: "addUnlistedButton"
        Layout.fillWidth: true
        Layout.preferredHeight: Theme.touch
        visible: !summary.visit.readOnly
        text: qsTr("Record equipment not in the plan")
        onClicked: unlisted.open()
    }
    Section {
        title: qsTr("People and place")
        Layout.fillWidth: true
        ColumnLayout {
            width: parent.width
            spacing: 6
            Label { text: qsTr("Inspectors present (separate names with commas)"); color: Theme.muted; Layout.fillWidth: true; wrapMode: Text.Wrap }
            TextField {
                objectName: "inspectorsField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                readOnly: summary.visit.readOnly
                text: summary.visit.inspectors
                onEditingFinished: summary.visit.inspectors = text
            }
            Label { text: qsTr("Enterprise representative"); color: Theme.muted; Layout.fillWidth: true; wrapMode: Text.Wrap }
            TextField {
                objectName: "representativeField"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                readOnly: summary.visit.readOnly
                text: summary.visit.representative
                onEditingFinished: summary.visit.representative = text
            }
            Label { text: qsTr("Position of the visit"); color: Theme.muted; Layout.fillWidth: true; wrapMode: Text.Wrap }
            Label {
                Layout.fillWidth: true
                text: summary.visit.positionSummary
                wrapMode: Text.Wrap
            }
            Label { text: qsTr("Notes"); color: Theme.muted; Layout.fillWidth: true; wrapMode: Text.Wrap }
            AutoSaveTextArea {
                objectName: "visitNotes"
                Layout.fillWidth: true
                Layout.minimumHeight: 96
                readOnly: summary.visit.readOnly
                savedText: summary.visit.notes
                placeholderText: qsTr("What else the office should know")
                onSave: (text) => summary.visit.notes = text
            }
        }
    }
    Section {
        title: qsTr("Photos of the whole visit")
        Layout.fillWidth: true
        EvidencePhotos {
            width: parent.width
            nav: summary.nav
            capture: summary.capture
            inspectionId: summary.visit.inspectionId
            checkId: ""
            equipment: ""
            readOnly: summary.visit.readOnly
            enabled: true
            requiredTags: []
            optionalTags: [Vocabulary.Overview, Vocabulary.CommitmentLetter, Vocabulary.Other]
        }
    }

    Dialog {
        id: confirm
        objectName: "finaliseDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(640, parent ? parent.width - 64 : 640)
        modal: true
        title: qsTr("Finalise this visit?")
        standardButtons: Dialog.Ok | Dialog.Cancel
        Label {
            width: parent.width
            wrapMode: Text.Wrap
            text: qsTr("After this the visit cannot be changed, only corrected by a new visit. It goes to the office with the next sync.")
        }
        onAccepted: summary.visit.finalise()
    }
    UnlistedItemDialog {
        id: unlisted
        checks: summary.checks
    }
}
