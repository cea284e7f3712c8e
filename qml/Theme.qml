pragma Singleton
import QtQuick

// Sizes and colours of the tablet screens: large enough to hit with gloves (≥ 48 px, most
// targets 56), text readable at arm's length in a plant.
QtObject {
    readonly property int touch: 56
    readonly property int touchSmall: 48
    readonly property int spacing: 12
    readonly property int margin: 16
    readonly property int radius: 8
    readonly property int fontSmall: 16
    readonly property int fontBody: 18
    readonly property int fontLarge: 22
    readonly property int fontTitle: 26
    readonly property color ok: "#2e7d32"
    readonly property color warning: "#e65100"
    readonly property color danger: "#c62828"
    readonly property color muted: "#5f6368"
    readonly property color card: "#ffffff"
    readonly property color page: "#eef1f5"
    readonly property color line: "#d0d5dd"
}
