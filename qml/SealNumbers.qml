import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The numbers of the seals put on an item: chips to remove, a field to add.
ColumnLayout {
    id: seals
    property var numbers: []
    property bool readOnly
    signal added(string number)
    signal removed(string number)
    spacing: 8

    Label {
        text: qsTr("Seal numbers")
        color: Theme.muted
    }
    Flow {
        Layout.fillWidth: true
        spacing: 8
        Repeater {
            model: seals.numbers
            delegate: Button {
                required property string modelData
                height: Theme.touchSmall
                // Delegates reach objects of this file: legal QML that Qt 6.4's qmllint cannot
                // verify (pragma ComponentBehavior: Bound arrives in Qt 6.5).
                // qmllint disable unqualified
                text: seals.readOnly ? modelData : modelData + "  ✕"
                enabled: !seals.readOnly
                onClicked: seals.removed(modelData)
                // qmllint enable unqualified
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        visible: !seals.readOnly
        TextField {
            id: field
            objectName: "sealNumberField"
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            placeholderText: qsTr("Seal number, e.g. HC-2017-0815")
            inputMethodHints: Qt.ImhPreferUppercase | Qt.ImhNoPredictiveText
            onAccepted: addButton.clicked()
        }
        Button {
            id: addButton
            objectName: "addSealNumber"
            text: qsTr("Add")
            Layout.preferredHeight: Theme.touch
            Layout.minimumWidth: 96
            enabled: field.text.trim().length > 0
            onClicked: {
                seals.added(field.text.trim())
                field.clear()
            }
        }
    }
}
