import QtQuick
import QtQuick.Controls
import FieldProof

// A finding as a coloured label: green when the capacity is gone, red when it is not.
Rectangle {
    id: chip
    property int finding: -1
    property string label
    implicitWidth: text.implicitWidth + 24
    implicitHeight: 36
    radius: 18
    color: {
        switch (finding) {
        case Vocabulary.Dismantled: return Theme.ok
        case Vocabulary.Sealed: return "#1565c0"
        case Vocabulary.Operating: return Theme.danger
        case Vocabulary.IdleUnsealed: return Theme.warning
        case Vocabulary.Missing: return "#6a1b9a"
        case Vocabulary.Mismatch: return "#ad1457"
        }
        return "#90a4ae"
    }
    Label {
        id: text
        anchors.centerIn: parent
        text: chip.label
        color: "white"
        font.pixelSize: Theme.fontSmall
    }
}
