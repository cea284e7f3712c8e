// A full tablet (issue 17 item 2), at the device store: a photo, a signature or a save that
// cannot be written fails with an error isStorageFull() recognises, the draft stays exactly as
// it was (no row, no outbox change, no file left behind), and once space returns the same
// store goes on and the database opens again, whole.
//
// The storage is test::FullDisk: where the test may mount (root with CAP_SYS_ADMIN) the store's
// folder is a real 4 MiB tmpfs filled to its last byte (ENOSPC, SQLITE_FULL); elsewhere the
// test lowers its own RLIMIT_FSIZE to 0 (EFBIG, SQLITE_IOERR_WRITE). docs/reliability.md.

#include "db/database.h"
#include "device/devicefull.h"
#include "device/devicestore.h"
#include "fulldisk.h"
#include "testimages.h"

#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace fp;

namespace {

const TimePoint kStart =
    std::chrono::sys_days{std::chrono::year{2017} / 6 / 1} + std::chrono::hours{8};

/// Runs `write`; true when it threw an error that means "storage full".
template <typename Write> bool failsFull(Write write, std::string *what)
{
    try {
        write();
    } catch (const std::exception &e) {
        *what = e.what();
        return isStorageFull(e);
    }
    *what = "no error";
    return false;
}

NewPhoto photoOf(const Inspection &visit, const std::string &checkId, const QString &file)
{
    return NewPhoto{visit.id,
                    checkId,
                    EvidenceTag::DismantledSite,
                    file.toStdString(),
                    640,
                    480,
                    {},
                    "现场",
                    PhotoSource::Camera,
                    {}};
}

} // namespace

class TestDeviceFull : public QObject
{
    Q_OBJECT

  private slots:
    void storageFullKeepsTheDraftAndTheDatabase();
    void otherErrorsAreNotStorageFull();
};

void TestDeviceFull::storageFullKeepsTheDraftAndTheDatabase()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::filesystem::path data = dir.filePath("data").toStdString();
    test::FullDisk disk(data, std::int64_t{4} << 20);
    qInfo("the tablet's storage: %s", disk.how().c_str());
    ManualClock clock(kStart);
    // Photos come from outside the full folder (the camera's or the gallery's file).
    const QString before = dir.filePath("before.jpg");
    const QString shot = dir.filePath("shot.jpg");
    QVERIFY(test::writeBlockJpeg(before, 640, 480, 1) > 0);
    QVERIFY(test::writeBlockJpeg(shot, 640, 480, 2) > 0);

    std::string visitId;
    std::string checkId;
    {
        DeviceStore store(data / "device.db", data / "photos", clock);
        NewInspection start;
        start.enterprise_id = "ent-1";
        start.kind = VisitKind::Exit;
        start.inspectors = {"张伟"};
        const Inspection visit = store.startInspection(start);
        visitId = visit.id;
        EquipmentCheck check;
        check.inspection_id = visit.id;
        check.equipment_id = "eq-1";
        check.finding = Finding::Dismantled;
        checkId = store.saveCheck(check).id;
        store.addPhoto(photoOf(visit, checkId, before));
        Inspection notes = *store.inspection(visitId);
        notes.notes = "厂区大门已封闭";
        store.updateInspection(notes);

        const InspectionBundle was = store.bundle(visitId);
        const auto outboxWas = store.pendingOutbox();
        QCOMPARE(outboxWas.size(), std::size_t(1));
        const auto filesWas = store.photos().list();

        QVERIFY2(disk.fill(), disk.how().c_str());
        std::string what;
        // A photo: its file cannot be written.
        QVERIFY2(failsFull([&] { store.addPhoto(photoOf(visit, checkId, shot)); }, &what),
                 what.c_str());
        // A save bigger than the WAL holds now: 1 MB of notes, written twice (row and outbox).
        Inspection big = *store.inspection(visitId);
        big.notes = std::string(std::size_t{1} << 20, 'n');
        QVERIFY2(failsFull([&] { store.updateInspection(big); }, &what), what.c_str());
        // A signature's PNG.
        QVERIFY2(failsFull([&] { store.storeSignature(std::string(200000, 's')); }, &what),
                 what.c_str());

        // Nothing changed: the draft, its outbox row (same version), the photo folder.
        const InspectionBundle now = store.bundle(visitId);
        QCOMPARE(now.inspection.notes, std::string("厂区大门已封闭"));
        QCOMPARE(now.photos.size(), std::size_t(1));
        QCOMPARE(now.checks.size(), std::size_t(1));
        const auto outboxNow = store.pendingOutbox();
        QCOMPARE(outboxNow.size(), std::size_t(1));
        QCOMPARE(outboxNow.front().version, outboxWas.front().version);
        QCOMPARE(outboxNow.front().payload, outboxWas.front().payload);
        QCOMPARE(store.photos().list(), filesWas);
        QVERIFY(std::filesystem::is_empty(data / "photos" / "tmp"));

        // Space returns: the same store takes the same photo and the same save.
        QVERIFY(disk.release());
        store.addPhoto(photoOf(visit, checkId, shot));
        store.updateInspection(big);
        QCOMPARE(store.bundle(visitId).photos.size(), std::size_t(2));
    }
    // The database opens afterwards, whole, with nothing left over.
    DeviceStore again(data / "device.db", data / "photos", clock);
    QVERIFY(again.sweepReport().orphans.empty());
    QCOMPARE(again.bundle(visitId).photos.size(), std::size_t(2));
    QCOMPARE(again.bundle(visitId).inspection.notes.size(), std::size_t{1} << 20);
    Database look(again.databaseFile());
    QCOMPARE(look.integrityCheck(), std::string("ok"));
}

void TestDeviceFull::otherErrorsAreNotStorageFull()
{
    // The test above would pass if every failure counted as "full": these must not.
    QVERIFY(!isStorageFull(StoreError("constraint", 19)));
    QVERIFY(!isStorageFull(Error("cannot read /nowhere.jpg: No such file or directory")));
    QVERIFY(!isStorageFull(std::filesystem::filesystem_error(
        "create", std::make_error_code(std::errc::permission_denied))));
    QVERIFY(isStorageFull(std::filesystem::filesystem_error(
        "create", std::make_error_code(std::errc::no_space_on_device))));
    QVERIFY(isStorageFull(StoreError("full", 13))); // SQLITE_FULL
    QVERIFY(isStorageFull(DeviceFullError("cannot write: No space left on device")));
}

QTEST_GUILESS_MAIN(TestDeviceFull)
#include "tst_devicefull.moc"
