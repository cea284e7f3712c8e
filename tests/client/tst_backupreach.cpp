// Tablets keep their evidence until the office's verified backup holds it (issue 17 item 1),
// for real: the real fieldproof-server on 127.0.0.1, `fieldproof-server backup` while it
// serves, a device syncing over libcurl into a real SQLite file and photo folder. The pull
// tells the device how far the verified backup reaches; the device frees only what it holds,
// and an office restored from that backup gets everything back, the freed files included
// (it holds them: HEAD answers 200 and nothing is uploaded).

#include "client/epochwatch.h"
#include "server/storage/officeepoch.h"
#include "syncoffice.h"

#include <QTest>

#include <filesystem>
#include <set>

using namespace fp;
using namespace fp::test;

namespace {

void simulate(DeviceStore &store, int inspections, std::uint64_t seed)
{
    simulateVisits(store, "zhang", inspections, 2 * inspections, seed);
}

/// The photo files every final inspection of `store` names, by statement seq.
std::set<std::string> filesOfSeqs(DeviceStore &store, std::int64_t from, std::int64_t to)
{
    Database db(store.databaseFile());
    Statement s(db, "SELECT p.sha256 FROM photos p JOIN statements st ON st.inspection_id = "
                    "p.inspection_id WHERE st.seq BETWEEN ? AND ?");
    s.bind(1, from).bind(2, to);
    std::set<std::string> out;
    while (s.step())
        out.insert(s.text(0));
    return out;
}

} // namespace

class TestBackupReach : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void devicesKeepFilesUntilAVerifiedBackupHoldsThem();
    void theReachStopsAtAChainGap();

  private:
    SyncOffice m_office;
    std::unique_ptr<DeviceStore> m_zhang;
};

void TestBackupReach::initTestCase()
{
    m_zhang = m_office.setUpWithDevice("tablet-zhang", "zhang");
    QVERIFY(m_zhang);
}

void TestBackupReach::devicesKeepFilesUntilAVerifiedBackupHoldsThem()
{
    DeviceStore &zhang = *m_zhang;
    QVERIFY(m_office.sync(zhang).complete()); // the plan first
    simulate(zhang, 3, 21);
    QVERIFY(m_office.sync(zhang).complete());
    QCOMPARE(zhang.pendingCount(), 0);

    // Acknowledged, but no backup yet: every file waits, nothing may be freed.
    QVERIFY(m_office.sync(zhang).complete());
    QCOMPARE(zhang.backupReach().through_seq, 0);
    StorageUse use = zhang.storageUse();
    QCOMPARE(use.waiting_files, 6);
    QCOMPARE(use.releasable_files, 0);
    QVERIFY(use.database_bytes > 0);
    QVERIFY(use.file_bytes >= 6 * 8 * 1024);
    QCOMPARE(zhang.releaseBackedUpFiles().files, 0);

    // A backup while the server serves; the command verifies it and records its reach.
    const QString backupDir = m_office.tempPath() + "/backup";
    const CliRun backup = m_office.cli({"backup", "--to", backupDir});
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.err));
    QVERIFY2(backup.out.contains("verified"), qPrintable(backup.out));

    // Two more after the backup: acknowledged, but the backup does not hold them.
    simulate(zhang, 2, 22);
    const SyncReport after = m_office.sync(zhang);
    QVERIFY(after.complete());
    QCOMPARE(after.backup_through_seq, 3); // what the first pull of this sync said
    QCOMPARE(zhang.backupReach().through_seq, 3);
    QVERIFY(!zhang.backupReach().taken_at.empty());
    use = zhang.storageUse();
    QCOMPARE(use.releasable_files, 6); // the first three visits' photos
    QCOMPARE(use.waiting_files, 4);    // the two after the backup

    // A draft that names a backed-up photo keeps it: amend the first visit.
    const std::set<std::string> first = filesOfSeqs(zhang, 1, 1);
    std::string firstId;
    {
        Database db(zhang.databaseFile());
        firstId = text(db, "SELECT inspection_id FROM statements WHERE seq = 1");
    }
    const Inspection correction = zhang.amend(firstId);
    use = zhang.storageUse();
    QCOMPARE(use.releasable_files, 4);
    QCOMPARE(use.waiting_files, 6);

    // Freeing: exactly the releasable files go; the rows stay.
    const std::set<std::string> backedUp = filesOfSeqs(zhang, 2, 3);
    const std::set<std::string> later = filesOfSeqs(zhang, 4, 5);
    const ReleaseCounts freed = zhang.releaseBackedUpFiles();
    QCOMPARE(freed.files, 4);
    QVERIFY(freed.bytes >= 4 * 8 * 1024);
    for (const std::string &sha : backedUp) {
        QVERIFY(!zhang.photos().contains(sha));
        QVERIFY(zhang.isReleased(sha));
    }
    for (const std::string &sha : first)
        QVERIFY(zhang.photos().contains(sha)); // the correction draft names them
    for (const std::string &sha : later)
        QVERIFY(zhang.photos().contains(sha)); // no verified backup holds them yet
    use = zhang.storageUse();
    QCOMPARE(use.released_files, 4);
    QCOMPARE(use.releasable_files, 0);
    QCOMPARE(zhang.bundle(firstId).photos.size(), std::size_t(2));
    // The correction draft goes to the office like any draft; its files are the office's already.
    const SyncReport drafts = m_office.sync(zhang);
    QVERIFY2(drafts.complete(), summarize(drafts).c_str());
    QCOMPARE(drafts.items_stored, 1);
    QCOMPARE(drafts.blobs_uploaded, 0);
    QCOMPARE(zhang.bundle(correction.id).photos.size(), std::size_t(2));

    // The office is lost and restored from that backup: the device offers its five final
    // visits again; the freed files are held by the restored office (HEAD), nothing is missing.
    QCOMPARE(m_office.server().stop(), 0);
    const QString restored = m_office.tempPath() + "/restored";
    const CliRun restore = runServerCli({"restore", "--from", backupDir, "--data", restored});
    QVERIFY2(restore.exitCode == 0, qPrintable(restore.err));
    ServerProcess server(restored);
    QVERIFY2(server.start(), qPrintable(server.errorText()));
    const SyncReport back = m_office.sync(zhang, {}, server.baseUrl().toStdString());
    QVERIFY2(back.complete(), summarize(back).c_str());
    QVERIFY(back.office_restored);
    QCOMPARE(back.items_reoffered, 5);
    QCOMPARE(back.items_duplicate, 3);
    QCOMPARE(back.items_stored, 2);
    QCOMPARE(back.blobs_uploaded, 4); // the two visits after the backup; none of the freed
    {
        Database db((restored + "/office.db").toStdString());
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM inspection WHERE state = 'final'"), 5);
    }
    // A new epoch: the old backup's reach is not carried over; everything is kept again.
    QCOMPARE(back.backup_through_seq, 0);
    QCOMPARE(zhang.storageUse().releasable_files, 0);
    QCOMPARE(server.stop(), 0);
}

void TestBackupReach::theReachStopsAtAChainGap()
{
    // A chain gap is stored (docs/protocol.md §7.5): a backup that holds statements 1, 2 and 4
    // reaches 2, and one without statement 1 reaches nothing.
    const std::string file = m_office.tempPath().toStdString() + "/gap.db";
    {
        Database db(file);
        db.execScript("CREATE TABLE office_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                      "INSERT INTO office_meta VALUES ('epoch', 'e1');"
                      "CREATE TABLE device_statement (device_id TEXT, seq INTEGER);"
                      "INSERT INTO device_statement VALUES ('d1', 1), ('d1', 2), ('d1', 4), "
                      "('d2', 2), ('d2', 3), ('d3', 1);"
                      "PRAGMA journal_mode=DELETE;");
    }
    const VerifiedBackup reach = readBackupReach(file, "2026-12-03T02:00:00.000Z");
    QCOMPARE(reach.epoch, std::string("e1"));
    QCOMPARE(reach.through_seq.size(), std::size_t(2));
    QCOMPARE(reach.through_seq.at("d1"), 2);
    QCOMPARE(reach.through_seq.at("d3"), 1);
    QVERIFY(!reach.through_seq.contains("d2"));

    // Recorded, it answers per device and only in its own epoch.
    Database office(m_office.tempPath().toStdString() + "/meta.db");
    office.execScript("CREATE TABLE office_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
    recordVerifiedBackup(office, reach);
    QCOMPARE(backupReachOf(office, "e1", "d1")->through_seq, 2);
    QCOMPARE(backupReachOf(office, "e1", "d1")->taken_at, std::string("2026-12-03T02:00:00.000Z"));
    QVERIFY(!backupReachOf(office, "e1", "d2"));
    QVERIFY(!backupReachOf(office, "e2", "d1")); // a restore started another epoch
}

QTEST_GUILESS_MAIN(TestBackupReach)
#include "tst_backupreach.moc"
