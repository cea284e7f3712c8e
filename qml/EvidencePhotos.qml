import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// The photos of one item (or of the whole visit) as thumbnails, and a button per evidence
// tag to take or import the next one; required tags are marked until a photo is there.
ColumnLayout {
    id: evidence
    required property Navigator nav
    required property PhotoCapture capture
    required property string inspectionId
    required property string checkId
    required property string equipment
    required property bool readOnly
    required property var requiredTags
    required property var optionalTags
    spacing: 8

    PhotoListModel {
        id: photos
        store: AppStore
        inspectionId: evidence.inspectionId
        checkId: evidence.checkId
    }
    ChoiceModel {
        id: tags
        vocabulary: ChoiceModel.EvidenceTags
    }

    Flow {
        Layout.fillWidth: true
        spacing: 8
        visible: photos.count > 0
        Repeater {
            model: photos
            delegate: ItemDelegate {
                id: thumb
                required property int index
                required property url url
                required property string tagLabel
                width: 168
                height: 150
                padding: 0
                onClicked: evidence.nav.viewPhoto(photos, index, evidence.readOnly)
                contentItem: Column {
                    spacing: 2
                    Image {
                        width: 168
                        height: 120
                        source: thumb.url
                        sourceSize.width: 336
                        sourceSize.height: 240
                        fillMode: Image.PreserveAspectCrop
                        asynchronous: true
                        clip: true
                    }
                    Label {
                        width: 168
                        text: thumb.tagLabel
                        font.pixelSize: Theme.fontSmall
                        horizontalAlignment: Text.AlignHCenter
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }
    Flow {
        Layout.fillWidth: true
        spacing: 8
        visible: !evidence.readOnly
        Repeater {
            model: evidence.requiredTags.concat(evidence.optionalTags)
            delegate: Button {
                id: tagButton
                required property int modelData
                required property int index
                readonly property bool isRequired: index < evidence.requiredTags.length
                readonly property bool present: photos.count >= 0 && photos.countWithTag(modelData) > 0
                objectName: "photo_" + modelData
                height: Theme.touch
                enabled: evidence.enabled
                highlighted: isRequired && !present
                text: (isRequired ? (present ? "✓ " : "＋ ") : "＋ ") + tags.labels[modelData]
                      + (isRequired && !present ? qsTr(" (required)") : "")
                onClicked: evidence.nav.takePhoto(evidence.capture, evidence.checkId, modelData, evidence.equipment)
            }
        }
        BusyIndicator {
            visible: evidence.capture.running > 0
            running: visible
            height: Theme.touch
        }
    }
    Label {
        visible: !evidence.enabled && !evidence.readOnly
        text: qsTr("Choose a finding first, then add its photos.")
        color: Theme.muted
    }
}
