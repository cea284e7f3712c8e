import QtQuick
import QtQuick.Controls
import FieldProof

// The position state at a glance: green with the accuracy, orange when poor or missing.
Rectangle {
    id: chip
    implicitWidth: label.implicitWidth + 24
    radius: height / 2
    color: Positioning.poor ? Theme.warning : Theme.ok

    Label {
        id: label
        anchors.centerIn: parent
        color: "white"
        font.pixelSize: Theme.fontSmall
        text: !Positioning.hasFix ? qsTr("No position")
              : Positioning.accuracy < 0 ? qsTr("Position ±?")
              : qsTr("Position ±%1 m").arg(Math.round(Positioning.accuracy))
    }
}
