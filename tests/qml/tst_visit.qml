import QtQuick
import QtTest
import FieldProof
import FieldProof.Ui
import FieldProofTest

// The tablet app end to end through its real screens: sign in to the real office server,
// receive the tasks, record a sealed item with seal numbers and photos imported from files,
// watch the missing-evidence hints go, finalise, check the store, and sync the visit.
TestCase {
    id: test
    name: "WholeVisit"
    when: windowShown
    property var window: null

    Component {
        id: mainComponent
        Main {}
    }

    function findByPrefix(item, prefix) {
        if (!item)
            return null
        if (item.objectName && item.objectName.startsWith(prefix))
            return item
        const kids = item.children || []
        for (let i = 0; i < kids.length; ++i) {
            const found = findByPrefix(kids[i], prefix)
            if (found)
                return found
        }
        return item.contentItem ? findByPrefix(item.contentItem, prefix) : null
    }
    // The screen on top (pages below it keep their controls, hidden).
    function currentPage() {
        return findChild(window.contentItem, "stack").currentItem
    }
    function inCurrentPage(objectName) {
        const page = currentPage()
        return page.objectName === objectName ? page : findChild(page, objectName)
    }
    // A control of the current screen, once no page transition runs (taps are ignored then).
    function waitFor(objectName) {
        tryVerify(() => !window.busy && inCurrentPage(objectName) !== null, 10000, objectName)
        return inCurrentPage(objectName)
    }
    // Scrolls the visit's list so that `item` is on screen (a tap elsewhere hits something else).
    function reveal(item) {
        const list = findChild(window.contentItem, "checkList")
        const top = item.mapToItem(list.contentItem, 0, 0).y
        if (top + item.height > list.contentY + list.height)
            list.contentY = top + item.height - list.height + 16
        if (top < list.contentY)
            list.contentY = top - 16
        waitForRendering(list) // the list has moved before the tap lands
        return item
    }
    function tap(item) {
        verify(item)
        mouseClick(reveal(item))
    }
    // The visit's summary (its missing list, whole-visit photos and finalise dialog).
    function visitSummary() {
        let summary = findChild(window.contentItem, "missingSection")
        while (summary && summary.objectName !== "visitSummary")
            summary = summary.parent
        return summary
    }
    function missingTitle() {
        return findChild(window.contentItem, "missingSection").title
    }

    function initTestCase() {
        window = mainComponent.createObject(null)
        verify(window)
    }
    function cleanupTestCase() {
        window.destroy()
    }

    // zhang's tablet signs in through the sign-in screen and receives its tasks.
    function signIn() {
        const url = Probe.startServer()
        verify(url.length > 0, "the office server did not start")
        verify(!SyncController.enrolled)
        waitFor("signInPage")
        findChild(window.contentItem, "serverField").text = url
        findChild(window.contentItem, "usernameField").text = "zhang"
        findChild(window.contentItem, "passwordField").text = "zhang-demo-2017"
        mouseClick(findChild(window.contentItem, "signInButton"))
        tryVerify(() => SyncController.enrolled, 30000, "enrolled")
        waitFor("taskListPage")
        tryVerify(() => !SyncController.running && window.taskCount === 3, 30000, "tasks pulled")
    }
    // Where every test function starts, whatever ran before it (each one also runs alone,
    // e.g. `tst_qml_app test_3_syncSendsTheVisit`): signed in (through signIn() if no test
    // did so yet), on the task list, no search.
    function atTaskList() {
        if (!SyncController.enrolled)
            signIn()
        for (let i = 0; i < 6 && currentPage().objectName !== "taskListPage"; ++i) {
            mouseClick(waitFor("backButton"))
            tryVerify(() => !window.busy)
        }
        waitFor("taskListPage")
        const search = findChild(window.contentItem, "searchField")
        if (search.text !== "") {
            search.text = ""
            search.textEdited()
        }
    }

    function test_1_signInAndReceiveTasks() {
        atTaskList()
        tryVerify(() => !SyncController.running && window.taskCount === 3, 30000, "tasks pulled")
        compare(SyncController.lastError, "")
        compare(SyncController.username, "zhang")
    }

    // A whole visit of Hongyuan from its task: a sealed item with seal numbers and two photos,
    // the missing-evidence hints going one by one, finalised.
    function recordWholeVisit() {
        findChild(window.contentItem, "searchField").text = "91210381XU8C1R696T"
        findChild(window.contentItem, "searchField").textEdited()
        tryVerify(() => window.taskCount === 1)
        const task = findByPrefix(findChild(window.contentItem, "taskList"), "task_")
        verify(task)
        mouseClick(task)
        mouseClick(waitFor("startVisitButton"))
        waitFor("visitPage")
        const card = waitFor("check_0")
        compare(missingTitle().indexOf("1"), missingTitle().length - 3) // "…（1项）": a finding

        tap(findChild(card, "finding_1")) // 已封存
        // The seal rules: four checks, a seal number, seal and power-cut photos, and the
        // enterprise's public commitment letter.
        tryVerify(() => missingTitle().indexOf("（8项）") > 0, 5000, missingTitle())
        tap(findChild(card, "waterCut"))
        tap(findChild(card, "powerCut"))
        tap(findChild(card, "powerUnitsRemoved"))
        tap(findChild(card, "mainSealed"))
        findChild(card, "sealNumberField").text = "HC-2017-0815"
        tap(findChild(card, "addSealNumber"))
        tryVerify(() => missingTitle().indexOf("（3项）") > 0, 5000, missingTitle())

        tap(findChild(card, "photo_" + Vocabulary.Seal))
        mouseClick(waitFor("file_seal.jpg")) // no camera here: the file picker
        waitFor("visitPage")
        tryVerify(() => missingTitle().indexOf("（2项）") > 0, 20000, missingTitle())
        tap(findChild(waitFor("check_0"), "photo_" + Vocabulary.PowerCut))
        mouseClick(waitFor("file_power.jpg"))
        waitFor("visitPage")
        tryVerify(() => missingTitle().indexOf("（1项）") > 0, 20000, missingTitle())
        // The summary's own photos are outside the list that reveal() scrolls: click it.
        const letter = findChild(visitSummary(), "photo_" + Vocabulary.CommitmentLetter)
        verify(letter)
        letter.clicked()
        mouseClick(waitFor("file_letter.jpg"))
        waitFor("visitPage")
        tryVerify(() => missingTitle() === "证据齐全，可以完成核查", 20000, missingTitle())

        const finalise = findChild(window.contentItem, "finaliseButton")
        verify(finalise.enabled)
        mouseClick(finalise)
        // A Dialog is no visual child: look for it under the summary that declares it.
        const dialog = findChild(visitSummary(), "finaliseDialog")
        verify(dialog)
        tryVerify(() => dialog.opened)
        dialog.accept()
        tryVerify(() => !dialog.visible) // a closing modal dialog still takes the taps
        tryVerify(() => Probe.visitCount("final") === 1, 5000)
        compare(Probe.visitCount("draft"), 0)
        compare(Probe.finalVisitSummary(),
                "sealed HC-2017-0815 water=1 power=1 commitment_letter power_cut seal")
        tryVerify(() => findChild(window.contentItem, "finalBanner").visible)
    }

    function test_2_wholeVisit() {
        atTaskList()
        recordWholeVisit()
    }

    function test_3_syncSendsTheVisit() {
        atTaskList()
        if (Probe.visitCount("final") === 0) {
            recordWholeVisit() // run alone: the visit to send
            atTaskList()
        }
        compare(AppStore.pendingCount, 1)
        mouseClick(waitFor("syncBadge"))
        mouseClick(waitFor("syncNow"))
        tryVerify(() => !SyncController.running, 60000)
        compare(SyncController.lastError, "")
        compare(Probe.pending(), 0)
        compare(AppStore.pendingCount, 0)
        verify(SyncController.lastSync !== "尚无")
    }

    function test_4_languageSwitchesLive() {
        atTaskList()
        mouseClick(waitFor("settingsButton"))
        const page = waitFor("settingsPage")
        compare(page.header.title, "设置")
        mouseClick(waitFor("langEn"))
        tryCompare(page.header, "title", "Settings")
        compare(Settings.language, "en")
        mouseClick(waitFor("langZh"))
        tryCompare(page.header, "title", "设置")
    }

    // A tip-off about a plant: found through the directory (task or not), an ad-hoc visit.
    function test_5_adHocVisitFromTheDirectory() {
        atTaskList()
        mouseClick(waitFor("directoryButton"))
        const list = waitFor("directoryList")
        verify(list.count > 0)
        const search = waitFor("directorySearch")
        search.text = "没有这家企业"
        search.textEdited()
        tryCompare(list, "count", 0)
        search.text = ""
        search.textEdited()
        tryVerify(() => list.count > 0)
        const drafts = Probe.visitCount("draft")
        const entry = findByPrefix(list, "enterprise_")
        verify(entry)
        mouseClick(entry)
        waitFor("enterprisePage")
        mouseClick(waitFor("adHoc_" + Vocabulary.Recheck))
        waitFor("visitPage")
        compare(Probe.visitCount("draft"), drafts + 1)
    }
}
