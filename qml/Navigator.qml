import QtQuick
import QtQuick.Templates as T
import QtMultimedia
import FieldProof

// Moves between the screens. Pages get this object and call it; it owns no data.
QtObject {
    id: nav

    required property T.StackView stack
    required property Toast toast
    // Reported by the screens: tasks shown (start-up timing), the open visit's photo capture.
    property int taskCount: 0
    property PhotoCapture visitCapture: null

    // The screens, given by Main (pages know the Navigator, so it must not know them).
    required property Component signInPage
    required property Component taskListPage
    required property Component enterprisePage
    required property Component directoryPage
    required property Component visitPage
    required property Component opinionPage
    required property Component syncPage
    required property Component settingsPage
    required property Component importPage
    required property Component cameraPage
    required property Component viewerPage
    readonly property MediaDevices mediaDevices: MediaDevices {}

    function start() {
        stack.clear()
        stack.push(SyncController.enrolled ? taskListPage : signInPage, { nav: nav })
    }
    function showTasks() {
        stack.clear()
        stack.push(taskListPage, { nav: nav })
    }
    function showSignIn() {
        stack.push(signInPage, { nav: nav })
    }
    function back() {
        if (stack.depth > 1)
            stack.pop()
    }
    function openEnterprise(enterpriseId: string, taskId: string) {
        stack.push(enterprisePage, { nav: nav, enterpriseId: enterpriseId, taskId: taskId })
    }
    function openDirectory() {
        if (stack.currentItem.objectName !== "directoryPage")
            stack.push(directoryPage, { nav: nav })
    }
    function openVisit(inspectionId: string) {
        if (inspectionId.length > 0)
            stack.push(visitPage, { nav: nav, inspectionId: inspectionId })
    }
    // A correction replaces the final visit on the stack: "back" should not land on it.
    function replaceVisit(inspectionId: string) {
        if (inspectionId.length > 0)
            stack.replace(visitPage, { nav: nav, inspectionId: inspectionId })
    }
    function openOpinion(inspectionId: string) {
        stack.push(opinionPage, { nav: nav, inspectionId: inspectionId })
    }
    function openSync() {
        if (stack.currentItem.objectName !== "syncPage")
            stack.push(syncPage, { nav: nav })
    }
    function openSettings() {
        if (stack.currentItem.objectName !== "settingsPage")
            stack.push(settingsPage, { nav: nav })
    }
    function hasCamera(): bool {
        return mediaDevices.videoInputs.length > 0
    }
    // The camera when the tablet has one, else the file picker: never a dead end.
    function takePhoto(capture: PhotoCapture, checkId: string, tag: int, equipment: string) {
        const target = { nav: nav, capture: capture, checkId: checkId, tag: tag, equipment: equipment }
        stack.push(hasCamera() ? cameraPage : importPage, target)
    }
    function importPhoto(capture: PhotoCapture, checkId: string, tag: int, equipment: string) {
        stack.push(importPage, { nav: nav, capture: capture, checkId: checkId, tag: tag, equipment: equipment })
    }
    function viewPhoto(photos: PhotoListModel, row: int, readOnly: bool) {
        stack.push(viewerPage, { nav: nav, photos: photos, row: row, readOnly: readOnly })
    }
}
