import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// Yellow and red cards and emission-list entries with their deadlines.
Section {
    id: section
    required property string enterpriseId
    title: qsTr("Cards (%1)").arg(cards.count)
    visible: cards.count > 0

    CardListModel {
        id: cards
        store: AppStore
        enterpriseId: section.enterpriseId
    }

    ColumnLayout {
        width: parent.width
        spacing: 8
        Repeater {
            model: cards
            delegate: RowLayout {
                id: card
                required property int level
                required property string levelLabel
                required property string standardLabel
                required property string department
                required property string issuedOn
                required property string deadline
                required property bool extended
                required property string stateLabel
                required property bool overdue
                Layout.fillWidth: true
                spacing: Theme.spacing
                Rectangle {
                    Layout.preferredWidth: 16
                    Layout.preferredHeight: 44
                    radius: 3
                    color: card.level === 0 ? "#fbc02d" : card.level === 1 ? "#d32f2f" : "#6d4c41"
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: card.levelLabel + " · " + card.standardLabel + " · " + card.stateLabel
                        font.bold: true
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        color: card.overdue ? Theme.danger : Theme.muted
                        text: card.deadline.length > 0
                              ? qsTr("%1, issued %2, rectify by %3%4").arg(card.department).arg(card.issuedOn)
                                    .arg(card.deadline).arg(card.extended ? qsTr(" (extended)") : "")
                              : qsTr("%1, issued %2").arg(card.department).arg(card.issuedOn)
                    }
                }
            }
        }
    }
}
