import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// The visits made to this enterprise on this tablet; tap to open (final ones read-only).
Section {
    id: section
    required property Navigator nav
    required property string enterpriseId
    title: qsTr("Visits on this tablet (%1)").arg(visits.count)
    visible: visits.count > 0

    VisitListModel {
        id: visits
        store: AppStore
        enterpriseId: section.enterpriseId
    }

    ColumnLayout {
        width: parent.width
        spacing: 4
        Repeater {
            model: visits
            delegate: ItemDelegate {
                id: visit
                required property string inspectionId
                required property string kindLabel
                required property string startedAt
                required property bool isFinal
                required property string stateLabel
                required property bool isCorrection
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch
                text: (isCorrection ? qsTr("Correction: ") : "") + kindLabel + " · " + startedAt + " · " + stateLabel
                // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
                // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
                // qmllint disable unqualified
                onClicked: section.nav.openVisit(inspectionId)
                // qmllint enable unqualified
            }
        }
    }
}
