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
        anchors.fill: parent
        anchors.margins: 8
        source: page.photo.url
        fillMode: Image.PreserveAspectFit
        asynchronous: true
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
