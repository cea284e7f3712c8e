import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// One equipment item of a visit: finding, the sealed checklist and seal numbers, photos by
// evidence tag, notes, and what it still lacks.
Frame {
    id: card
    required property int index
    required property string checkId
    required property string title
    required property string detail
    required property bool unlisted
    required property bool hasFinding
    required property int finding
    required property string findingLabel
    required property bool waterCut
    required property bool powerCut
    required property bool powerUnitsRemoved
    required property bool mainEquipmentSealed
    required property var sealNumbers
    required property string notes
    required property var missing
    required property var requiredTags
    property Navigator nav
    property CheckListModel checks
    property PhotoCapture capture
    property bool readOnly: true

    objectName: "check_" + index
    padding: Theme.margin
    background: Rectangle {
        color: Theme.card
        radius: Theme.radius
        border.color: card.missing.length > 0 ? Theme.warning : "transparent"
        border.width: 2
    }

    function optionalTags(): var {
        switch (finding) {
        case Vocabulary.Sealed: return [Vocabulary.WaterCut, Vocabulary.Nameplate, Vocabulary.Overview]
        case Vocabulary.Dismantled: return [Vocabulary.Overview, Vocabulary.Other]
        }
        return [Vocabulary.Overview, Vocabulary.Nameplate, Vocabulary.Other]
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    Layout.fillWidth: true
                    text: card.title
                    font.pixelSize: Theme.fontLarge
                    font.bold: true
                    elide: Text.ElideRight
                }
                Label {
                    Layout.fillWidth: true
                    text: card.detail
                    color: Theme.muted
                    wrapMode: Text.Wrap
                }
            }
            FindingChip {
                Layout.alignment: Qt.AlignTop
                finding: card.hasFinding ? card.finding : -1
                label: card.findingLabel
            }
        }
        FindingSelector {
            Layout.fillWidth: true
            finding: card.hasFinding ? card.finding : -1
            enabled: !card.readOnly
            onChosen: (value) => card.checks.setFinding(card.index, value)
        }
        SealChecklist {
            Layout.fillWidth: true
            visible: card.finding === Vocabulary.Sealed
            enabled: !card.readOnly
            waterCut: card.waterCut
            powerCut: card.powerCut
            powerUnitsRemoved: card.powerUnitsRemoved
            mainEquipmentSealed: card.mainEquipmentSealed
            onToggled: (measure, done) => card.checks.setSealMeasure(card.index, measure, done)
        }
        SealNumbers {
            Layout.fillWidth: true
            visible: card.finding === Vocabulary.Sealed
            readOnly: card.readOnly
            numbers: card.sealNumbers
            draftKey: card.checkId.length > 0 ? "seal/" + card.checkId : ""
            onAdded: (number) => card.checks.addSealNumber(card.index, number)
            onRemoved: (number) => card.checks.removeSealNumber(card.index, number)
        }
        EvidencePhotos {
            Layout.fillWidth: true
            nav: card.nav
            capture: card.capture
            inspectionId: card.checks ? card.checks.inspectionId : ""
            checkId: card.checkId
            equipment: card.title
            readOnly: card.readOnly
            enabled: card.hasFinding
            requiredTags: card.requiredTags
            optionalTags: card.optionalTags()
        }
        AutoSaveTextArea {
            objectName: "checkNotes"
            Layout.fillWidth: true
            visible: card.hasFinding
            readOnly: card.readOnly
            savedText: card.notes
            placeholderText: qsTr("Notes on this item")
            onSave: (text) => card.checks.setNotes(card.index, text)
        }
        Repeater {
            model: card.missing
            delegate: Label {
                required property string modelData
                Layout.fillWidth: true
                text: "• " + modelData
                color: Theme.danger
                wrapMode: Text.Wrap
            }
        }
        Button {
            visible: card.unlisted && !card.readOnly
            text: qsTr("Remove this item")
            flat: true
            Layout.preferredHeight: Theme.touchSmall
            onClicked: card.checks.removeUnlisted(card.index)
        }
    }
}
