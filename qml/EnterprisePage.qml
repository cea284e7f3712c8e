import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// One enterprise: details, cards, planned equipment with the latest findings, visits made;
// and the way into a visit.
Page {
    id: page
    objectName: "enterprisePage"
    required property Navigator nav
    required property string enterpriseId
    required property string taskId
    readonly property bool wide: width > height

    background: Rectangle { color: Theme.page }
    header: PageHeader {
        nav: page.nav
        title: enterprise.name
        subtitle: qsTr("Credit code %1").arg(enterprise.creditCode)
    }

    EnterpriseController {
        id: enterprise
        store: AppStore
        positioning: Positioning
        enterpriseId: page.enterpriseId
        taskId: page.taskId
        inspector: Settings.inspectorName.length > 0 ? Settings.inspectorName : SyncController.username
        onFailed: (message) => page.nav.toast.show(message)
    }
    ChoiceModel {
        id: kinds
        domain: ChoiceModel.VisitKinds
    }

    ScrollView {
        id: scroll
        anchors.fill: parent
        contentWidth: availableWidth

        GridLayout {
            width: scroll.availableWidth - 2 * Theme.margin
            x: Theme.margin
            y: Theme.margin
            columns: page.wide ? 2 : 1
            columnSpacing: Theme.margin
            rowSpacing: Theme.margin

            ColumnLayout {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
                spacing: Theme.margin

                EnterpriseDetails {
                    controller: enterprise
                    Layout.fillWidth: true
                }
                Section {
                    title: qsTr("Start or continue")
                    Layout.fillWidth: true
                    ColumnLayout {
                        width: parent.width
                        spacing: Theme.spacing
                        Label {
                            objectName: "returnReason"
                            Layout.fillWidth: true
                            visible: enterprise.returnReason.length > 0
                            wrapMode: Text.Wrap
                            color: Theme.danger
                            text: qsTr("Returned by the office: %1").arg(enterprise.returnReason)
                        }
                        // The main action: resume the draft; else correct what the office
                        // returned; else start the task's visit.
                        Button {
                            objectName: "startVisitButton"
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch + 8
                            highlighted: true
                            font.pixelSize: Theme.fontLarge
                            visible: enterprise.openDraftId.length > 0
                                     || enterprise.returnedVisitId.length > 0
                                     || enterprise.taskKind >= 0
                            text: enterprise.openDraftId.length > 0
                                  ? qsTr("Continue the draft visit")
                                  : enterprise.returnedVisitId.length > 0
                                    ? qsTr("Correct the returned visit")
                                    : qsTr("Start the %1 visit").arg(enterprise.taskKindLabel)
                            onClicked: page.nav.openVisit(enterprise.openDraftId.length > 0
                                                          ? enterprise.openDraftId
                                                          : enterprise.returnedVisitId.length > 0
                                                            ? enterprise.correctReturned()
                                                            : enterprise.startVisit())
                        }
                        Label {
                            text: qsTr("Ad-hoc visit (after a tip-off, no task):")
                            color: Theme.muted
                        }
                        Flow {
                            Layout.fillWidth: true
                            spacing: 8
                            Repeater {
                                model: kinds
                                delegate: Button {
                                    required property int value
                                    required property string label
                                    objectName: "adHoc_" + value
                                    height: Theme.touch
                                    text: label
                                    // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
                                    // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
                                    // qmllint disable unqualified
                                    onClicked: page.nav.openVisit(enterprise.startAdHocVisit(value))
                                    // qmllint enable unqualified
                                }
                            }
                        }
                    }
                }
                CardList {
                    enterpriseId: page.enterpriseId
                    Layout.fillWidth: true
                }
                VisitHistory {
                    nav: page.nav
                    enterpriseId: page.enterpriseId
                    Layout.fillWidth: true
                }
            }
            EquipmentList {
                enterpriseId: page.enterpriseId
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                Layout.alignment: Qt.AlignTop
            }
        }
    }
}
