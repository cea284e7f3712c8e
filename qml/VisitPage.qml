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
    readonly property PhotoCapture capture: capture

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: visit.enterpriseName
        subtitle: qsTr("%1 visit · %2 · started %3").arg(visit.kindLabel).arg(visit.stateLabel).arg(visit.startedAt)
    }

    VisitController {
        id: visit
        store: AppStore
        positioning: Positioning
        inspectionId: page.inspectionId
        onFailed: (message) => page.nav.toast.show(message)
        onFinalised: page.nav.toast.show(qsTr("The visit is final. It goes to the office with the next sync."))
    }
    CheckListModel {
        id: checks
        store: AppStore
        positioning: Positioning
        inspectionId: page.inspectionId
        onFailed: (message) => page.nav.toast.show(message)
    }
    PhotoCapture {
        id: capture
        store: AppStore
        positioning: Positioning
        inspectionId: page.inspectionId
        enterpriseName: visit.enterpriseName
        inspector: visit.inspectors
        longEdge: Settings.photoLongEdge
        onFailed: (message) => page.nav.toast.show(message)
    }
    Component.onCompleted: page.nav.visitCapture = capture

    Component {
        id: summary
        VisitSummary {
            nav: page.nav
            visit: visit
            checks: checks
            capture: capture
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Banner {
            objectName: "positionWarning"
            Layout.fillWidth: true
            visible: !visit.readOnly && Positioning.warning.length > 0
            tint: Theme.warning
            text: Positioning.warning
            actionText: qsTr("Record position now")
            actionEnabled: Positioning.hasFix
            onAction: visit.recordPosition()
        }
        Banner {
            Layout.fillWidth: true
            visible: visit.returnReason.length > 0
            tint: Theme.danger
            text: qsTr("Returned by the office: %1").arg(visit.returnReason)
        }
        Banner {
            objectName: "finalBanner"
            Layout.fillWidth: true
            visible: visit.loaded && visit.readOnly
            tint: "#455a64"
            text: visit.correctionId.length > 0
                  ? qsTr("This visit is final and read-only. A correction of it is in progress.")
                  : qsTr("This visit is final and read-only. To change something, start a correction.")
            actionText: visit.correctionId.length > 0 ? qsTr("Open the correction") : qsTr("Correct")
            onAction: page.nav.replaceVisit(visit.amend())
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
                model: checks
                header: page.wide ? null : summary
                cacheBuffer: 2000
                delegate: CheckDelegate {
                    width: list.width
                    nav: page.nav
                    checks: checks
                    capture: capture
                    readOnly: checks.readOnly
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
