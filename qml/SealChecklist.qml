import QtQuick
import QtQuick.Controls
import FieldProof

// What was done to a sealed item: water cut, power cut, power units removed, main equipment
// sealed (断水, 断电, 拆除动力装置, 封存主体设备).
Flow {
    id: list
    property bool waterCut
    property bool powerCut
    property bool powerUnitsRemoved
    property bool mainEquipmentSealed
    signal toggled(int measure, bool done)
    spacing: 8

    component Measure: CheckBox {
        id: box
        property int measure
        signal toggledTo(int measure, bool done)
        height: Theme.touch
        font.pixelSize: Theme.fontBody
        onClicked: box.toggledTo(box.measure, box.checked)
    }
    Measure {
        objectName: "waterCut"
        measure: Vocabulary.WaterCutMeasure
        text: qsTr("Water cut")
        checked: list.waterCut
        onToggledTo: (measure, done) => list.toggled(measure, done)
    }
    Measure {
        objectName: "powerCut"
        measure: Vocabulary.PowerCutMeasure
        text: qsTr("Power cut")
        checked: list.powerCut
        onToggledTo: (measure, done) => list.toggled(measure, done)
    }
    Measure {
        objectName: "powerUnitsRemoved"
        measure: Vocabulary.PowerUnitsRemovedMeasure
        text: qsTr("Power units removed")
        checked: list.powerUnitsRemoved
        onToggledTo: (measure, done) => list.toggled(measure, done)
    }
    Measure {
        objectName: "mainSealed"
        measure: Vocabulary.MainSealedMeasure
        text: qsTr("Main equipment sealed")
        checked: list.mainEquipmentSealed
        onToggledTo: (measure, done) => list.toggled(measure, done)
    }
}
