import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Picks a photo file (a tablet without a camera, or a desktop): folders and thumbnails,
// large enough to tap. The chosen file goes through the photo pipeline.
Page {
    id: page
    objectName: "photoImportPage"
    required property Navigator nav
    required property PhotoCapture capture
    required property string checkId
    required property int tag
    required property string equipment

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: qsTr("Choose a photo: %1").arg(tags.labels[page.tag])
        subtitle: folder.folder
    }

    ChoiceModel {
        id: tags
        domain: ChoiceModel.EvidenceTags
    }
    ImageFolderModel {
        id: folder
        folder: Settings.importDir
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        RowLayout {
            Layout.fillWidth: true
            Button {
                text: qsTr("Up one folder")
                enabled: folder.canGoUp
                Layout.preferredHeight: Theme.touch
                onClicked: folder.goUp()
            }
            Label {
                Layout.fillWidth: true
                text: folder.count === 0 ? qsTr("No photos in this folder.") : ""
                color: Theme.muted
            }
        }
        GridView {
            id: grid
            objectName: "importGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            cellWidth: 220
            cellHeight: 200
            model: folder
            delegate: ItemDelegate {
                id: entry
                required property string name
                required property url url
                required property string path
                required property bool isFolder
                objectName: "file_" + name
                // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
                // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
                // qmllint disable unqualified
                width: grid.cellWidth - 8
                height: grid.cellHeight - 8
                // qmllint enable unqualified
                padding: 4
                onClicked: {
                    if (isFolder) {
                        // qmllint disable unqualified
                        folder.folder = path
                        // qmllint enable unqualified
                    } else if (page.capture.importFile(url, page.checkId, page.tag, page.equipment)) {
                        page.nav.back()
                    }
                }
                contentItem: Column {
                    spacing: 4
                    Rectangle {
                        width: entry.width - 8
                        height: 150
                        color: entry.isFolder ? "#c5cae9" : "#eceff1"
                        Image {
                            anchors.fill: parent
                            visible: !entry.isFolder
                            source: entry.isFolder ? "" : entry.url
                            sourceSize.width: 400
                            sourceSize.height: 300
                            fillMode: Image.PreserveAspectFit
                            autoTransform: true
                            asynchronous: true
                        }
                        Label {
                            anchors.centerIn: parent
                            visible: entry.isFolder
                            text: qsTr("Folder")
                            font.pixelSize: Theme.fontLarge
                        }
                    }
                    Label {
                        width: entry.width - 8
                        text: entry.name
                        elide: Text.ElideMiddle
                        horizontalAlignment: Text.AlignHCenter
                    }
                }
            }
            ScrollBar.vertical: ScrollBar { width: 14 }
        }
    }
}
