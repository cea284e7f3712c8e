import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import FieldProof

ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: 1280
    height: 800
    visible: true
    title: qsTr("FieldProof")
    property int taskCount: 0

    function openPage(name: string, targets: var): bool {
        return name.length > 0 && targets !== undefined
    }
}
