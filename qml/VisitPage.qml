import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// A site visit: every equipment item with its finding and evidence, and the visit summary
// with what is still missing. Every edit is saved at once (a killed app loses nothing).
Page {
    id: page
    objectName: "visitPage"
    required property Navigator nav
    required property string inspectionId
    readonly property bool wide: width > height
    readonly property PhotoCapture capture: photoCapture

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: visitCtl.enterpriseName
        subtitle: qsTr("%1 visit · %2 · started %3").arg(visitCtl.kindLabel).arg(visitCtl.stateLabel).arg(visitCtl.startedAt)
    }

    VisitController {
        id: visitCtl
        store: AppStore
        positioning: Positioning
        inspectionId: page.inspectionId
        onFailed: (message) => page.nav.toast.show(message)
        onFinalised: page.nav.toast.showInfo(qsTr("The visit is final. It goes to the office with the next sync."))
    }
    CheckListModel {
        id: checkModel
        store: AppStore
        positioning: Positioning
        inspectionId: page.inspectionId
        onFailed: (message) => page.nav.toast.show(message)
    }
    PhotoCapture {
        id: photoCapture
        store: AppStore
        positioning: Positioning
        inspectionId: page.inspectionId
        enterpriseName: visitCtl.enterpriseName
        inspector: visitCtl.inspectors
        longEdge: Settings.photoLongEdge
        onFailed: (message) => page.nav.toast.show(message)
    }
    Component.onCompleted: page.nav.visitCapture = photoCapture

    Component {
        id: summary
        VisitSummary {
            // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
            // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
            // qmllint disable unqualified
            nav: page.nav
            visit: visitCtl
            checks: checkModel
            capture: photoCapture
            // qmllint enable unqualified
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Banner {
            objectName: "positionWarning"
            Layout.fillWidth: true
            visible: !visitCtl.readOnly && Positioning.warning.length > 0
            tint: Theme.warning
            text: Positioning.warning
            actionText: qsTr("Record position now")
            actionEnabled: Positioning.hasFix
            onAction: visitCtl.recordPosition()
        }
        Banner {
            Layout.fillWidth: true
            visible: visitCtl.returnReason.length > 0
            tint: Theme.danger
            text: qsTr("Returned by the office: %1").arg(visitCtl.returnReason)
        }
        Banner {
            objectName: "finalBanner"
            Layout.fillWidth: true
            visible: visitCtl.loaded && visitCtl.readOnly
            tint: "#455a64"
            text: visitCtl.correctionId.length > 0
                  ? qsTr("This visit is final and read-only. A correction of it is in progress.")
                  : qsTr("This visit is final and read-only. To change something, start a correction.")
            actionText: visitCtl.correctionId.length > 0 ? qsTr("Open the correction") : qsTr("Correct")
            onAction: page.nav.replaceVisit(visitCtl.amend())
        }

        ItemDelegate {
            id: missingBar
            objectName: "missingBar"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            visible: !page.wide && visitCtl.loaded && !visitCtl.readOnly
            leftPadding: Theme.margin
            font.pixelSize: Theme.fontBody
            text: visitCtl.missing.length > 0
                  ? qsTr("Still missing before finalising (%1) · see the end of the list").arg(visitCtl.missing.length)
                  : qsTr("All evidence is there · finalise at the end of the list")
            contentItem: Label {
                text: missingBar.text
                font: missingBar.font
                elide: Text.ElideRight
                verticalAlignment: Text.AlignVCenter
                color: visitCtl.missing.length > 0 ? Theme.danger : Theme.ok
            }
            background: Rectangle { color: Theme.card }
            onClicked: list.positionViewAtEnd()
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin
            spacing: Theme.margin

            ListView {
                id: list
                objectName: "checkList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: Theme.spacing
                model: checkModel
                // Portrait: the summary follows the items. Above them, its missing list
                // would change height as items are recorded and move the card under the
                // inspector's finger; the bar above the list says how much is missing instead.
                footer: page.wide ? null : summary
                cacheBuffer: 2000
                delegate: CheckCard {
                    // qmllint disable unqualified
                    width: list.width
                    nav: page.nav
                    checks: checkModel
                    capture: photoCapture
                    readOnly: checkModel.readOnly
                    // qmllint enable unqualified
                }
                ScrollBar.vertical: ScrollBar { width: 14 }
            }
            ScrollView {
                visible: page.wide
                Layout.preferredWidth: 420
                Layout.fillHeight: true
                contentWidth: availableWidth
                Loader {
                    width: parent.width
                    active: page.wide
                    sourceComponent: summary
                }
            }
        }
    }
}
