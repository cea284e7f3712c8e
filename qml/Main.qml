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
    font.pixelSize: Theme.fontBody
    Material.theme: Material.Light
    Material.primary: Material.Indigo
    Material.accent: Material.Indigo
    color: Theme.page

    // Read by `fieldproof --startup-time`.
    property int taskCount: nav.taskCount
    // Read by the self-test: grab only once a page transition is over.
    readonly property bool busy: stack.busy

    StackView {
        id: stack
        objectName: "stack"
        anchors.fill: parent
    }

    Toast {
        id: toast
    }

    Navigator {
        id: nav
        objectName: "navigator"
        stack: stack
        toast: toast
        signInPage: Component { SignInPage {} }
        taskListPage: Component { TaskListPage {} }
        enterprisePage: Component { EnterprisePage {} }
        directoryPage: Component { EnterpriseDirectoryPage {} }
        visitPage: Component { VisitPage {} }
        opinionPage: Component { OpinionPage {} }
        syncPage: Component { SyncPage {} }
        settingsPage: Component { SettingsPage {} }
        importPage: Component { PhotoImportPage {} }
        cameraPage: Component { CameraPage {} }
        viewerPage: Component { PhotoViewerPage {} }
    }

    Component.onCompleted: nav.start()

    // The office came back from a backup: say so at once, whatever screen is open.
    Connections {
        target: SyncController
        function onOfficeRestored(message: string) { toast.showInfo(message) }
    }

    // Opens one screen by name (the self-test and the screenshot tool).
    function openPage(name: string, targets: var): bool {
        const t = targets || {}
        switch (name) {
        case "signin": nav.stack.clear(); nav.showSignIn(); return true
        case "tasks": nav.showTasks(); return true
        case "enterprise":
            nav.showTasks()
            nav.openEnterprise(t.enterpriseId || "", t.taskId || "")
            return true
        case "enterprise-returned":
            nav.showTasks()
            nav.openEnterprise(t.returnedEnterpriseId || "", t.returnedTaskId || "")
            return (t.returnedEnterpriseId || "").length > 0
        case "directory": nav.showTasks(); nav.openDirectory(); return true
        case "visit":
            nav.showTasks()
            nav.openVisit(t.inspectionId || "")
            return (t.inspectionId || "").length > 0
        case "opinion":
            nav.showTasks()
            nav.openVisit(t.inspectionId || "")
            nav.openOpinion(t.inspectionId || "")
            return (t.inspectionId || "").length > 0
        case "clear-signatures": {
            nav.showTasks()
            nav.openVisit(t.inspectionId || "")
            nav.openOpinion(t.inspectionId || "")
            const page = stack.currentItem as OpinionPage
            if (!page)
                return false
            page.askClearSignatures()
            return (t.inspectionId || "").length > 0
        }
        case "import":
            nav.showTasks()
            nav.openVisit(t.inspectionId || "")
            nav.importPhoto(nav.visitCapture, "", Vocabulary.Overview, "")
            return nav.visitCapture !== null
        case "sync": nav.showTasks(); nav.openSync(); return true
        case "settings": nav.showTasks(); nav.openSettings(); return true
        }
        return false
    }
}
