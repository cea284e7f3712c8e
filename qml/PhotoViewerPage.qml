import QtQuick
import QtQuick.Controls
import FieldProof

// One stored photo, full size, with its tag and caption; a draft's photo can be deleted.
Page {
    id: page
    objectName: "photoViewerPage"
    required property Navigator nav
    required property PhotoListModel photos
    required property int row
    required property bool readOnly
    readonly property var photo: {
        const m = page.photos
        if (!m) // the visit page (and its model) went first
            return { url: "", tagLabel: "", caption: "", takenAt: "" }
        const i = m.index(page.row, 0)
        return {
            url: m.data(i, PhotoListModel.UrlRole),
            tagLabel: m.data(i, PhotoListModel.TagLabelRole),
            caption: m.data(i, PhotoListModel.CaptionRole),
            takenAt: m.data(i, PhotoListModel.TakenAtRole)
        }
    }

    background: Rectangle { color: "#111" }
    header: PageHeader {
        nav: page.nav
        title: page.photo.tagLabel
        subtitle: page.photo.takenAt + "  " + page.photo.caption
    }

    Image {
        objectName: "viewerImage"
        anchors.fill: parent
        anchors.margins: 8
        source: page.photo.url
        fillMode: Image.PreserveAspectFit
        asynchronous: true
        // Decoded at the size it is shown (a stored photo is up to 2560 px: 20 MB as pixels),
        // and not kept in the image cache once the viewer closes (issue 15.11).
        sourceSize.width: Math.ceil(Math.max(width, height) * Screen.devicePixelRatio)
        sourceSize.height: Math.ceil(Math.max(width, height) * Screen.devicePixelRatio)
        cache: false
    }
    Button {
        objectName: "deletePhoto"
        visible: !page.readOnly
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 24
        height: Theme.touch
        text: qsTr("Delete this photo")
        onClicked: confirm.open()
    }
    ConfirmDialog {
        id: confirm
        objectName: "deletePhotoDialog"
        question: qsTr("Delete this photo?")
        detail: qsTr("The photo is removed from the visit and from this tablet.")
        onConfirmed: {
            page.photos.remove(page.row)
            page.nav.back()
        }
    }
}
