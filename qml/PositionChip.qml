import QtQuick
import QtQuick.Controls
import FieldProof

// The position state at a glance, with the age of the fix: green with the accuracy while fixes
// come in, orange when the accuracy is poor or unknown or no new fix came for 30 s, grey when
// there is no usable fix (none yet, or the last one is two minutes old: records then carry none).
Rectangle {
    id: chip
    objectName: "positionChip"
    implicitWidth: label.implicitWidth + 24
    radius: height / 2
    color: Positioning.level === Positioning.Good ? Theme.ok
         : Positioning.level === Positioning.Doubtful ? Theme.warning
         : Theme.muted

    Label {
        id: label
        objectName: "positionChipText"
        anchors.centerIn: parent
        color: "white"
        font.pixelSize: Theme.fontSmall
        text: Positioning.chipText
    }
}
