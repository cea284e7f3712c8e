import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import FieldProof

// The tablet's camera, full screen, with a large shutter button; import from a file is
// always offered too (a broken camera is no dead end).
Page {
    id: page
    objectName: "cameraPage"
    required property Navigator nav
    required property PhotoCapture capture
    required property string checkId
    required property int tag
    required property string equipment

    background: Rectangle { color: "black" }
    header: PageHeader {
        nav: page.nav
        title: qsTr("Photo: %1").arg(tags.labels[page.tag])
        subtitle: page.equipment
    }

    ChoiceModel {
        id: tags
        domain: ChoiceModel.EvidenceTags
    }

    CaptureSession {
        camera: Camera {
            id: camera
            active: true
        }
        imageCapture: ImageCapture {
            id: shot
            onImageSaved: (requestId, path) => {
                page.capture.addFromFile("file://" + path, page.checkId, page.tag, page.equipment, true)
                page.nav.back()
            }
            onErrorOccurred: (requestId, error, message) => page.nav.toast.show(message)
        }
        videoOutput: viewfinder
    }

    VideoOutput {
        id: viewfinder
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectFit
    }
    Label {
        anchors.centerIn: parent
        width: parent.width - 64
        visible: camera.error !== Camera.NoError
        text: qsTr("The camera does not work (%1). Import the photo from a file instead.").arg(camera.errorString)
        color: "white"
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
    }
    RowLayout {
        anchors.bottom: parent.bottom
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottomMargin: 24
        spacing: 32
        Button {
            text: qsTr("Import from file")
            Layout.preferredHeight: Theme.touch
            onClicked: page.nav.importPhoto(page.capture, page.checkId, page.tag, page.equipment)
        }
        RoundButton {
            objectName: "shutter"
            Layout.preferredWidth: 96
            Layout.preferredHeight: 96
            enabled: shot.readyForCapture
            text: qsTr("Shoot")
            font.pixelSize: Theme.fontLarge
            highlighted: true
            onClicked: shot.captureToFile(page.capture.newCameraFile())
        }
    }
}
