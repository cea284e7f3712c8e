import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import FieldProof

// The enterprise's record as the office keeps it, and the task.
Section {
    id: details
    required property EnterpriseController controller
    title: qsTr("Enterprise")

    GridLayout {
        width: parent.width
        columns: 2
        columnSpacing: Theme.spacing
        rowSpacing: 6

        component Key: Label {
            color: Theme.muted
            Layout.alignment: Qt.AlignTop
        }
        component Value: Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
        }

        Key { text: qsTr("Region") }
        Value { text: details.controller.regionName }
        Key { text: qsTr("Industry") }
        Value { text: details.controller.industry }
        Key { text: qsTr("Address") }
        Value { text: details.controller.address }
        Key { text: qsTr("Legal representative") }
        Value { text: details.controller.legalRepresentative }
        Key { text: qsTr("Phone") }
        Value { text: details.controller.contactPhone }
        Key {
            text: qsTr("Task")
            visible: details.controller.taskKind >= 0
        }
        Value {
            visible: details.controller.taskKind >= 0
            text: qsTr("%1 visit, due %2").arg(details.controller.taskKindLabel).arg(details.controller.taskDue)
            font.bold: true
        }
    }
}
