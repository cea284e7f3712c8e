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
        domain: ChoiceModel.EvidenceTags
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
                objectName: "thumb_" + index
                width: 168
                height: 150
                padding: 0
                // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
                // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
                // qmllint disable unqualified
                onClicked: evidence.nav.viewPhoto(photos, index, evidence.readOnly)
                // qmllint enable unqualified
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
                // qmllint disable unqualified
                readonly property bool isRequired: index < evidence.requiredTags.length
                readonly property bool present: photos.count >= 0 && photos.countWithTag(modelData) > 0
                // qmllint enable unqualified
                objectName: "photo_" + modelData
                height: Theme.touch
                // qmllint disable unqualified
                enabled: evidence.enabled
                // qmllint enable unqualified
                highlighted: isRequired && !present
                // qmllint disable unqualified
                text: (isRequired ? (present ? "✓ " : "＋ ") : "＋ ") + tags.labels[modelData]
                // qmllint enable unqualified
                      + (isRequired && !present ? qsTr(" (required)") : "")
                // qmllint disable unqualified
                onClicked: evidence.nav.takePhoto(evidence.capture, evidence.checkId, modelData, evidence.equipment)
                // qmllint enable unqualified
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
