// Backup and restore without loss (issue 17 item 1), for real: the real fieldproof-server on
// 127.0.0.1 serving while `fieldproof-server backup` copies its data directory, devices syncing
// over libcurl into real SQLite files, `restore` into a fresh folder and a new server on it.
// After the devices sync, the office holds every inspection and blob again, none twice.

#include "client/epochwatch.h"
#include "client/logcheck.h"
#include "syncoffice.h"

#include <QTest>

#include <algorithm>
#include <atomic>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

void simulate(DeviceStore &store, const char *inspector, int inspections, std::uint64_t seed)
{
    simulateVisits(store, inspector, inspections, 2 * inspections, seed);
}

/// The names of the blob files under a data directory's blobs/.
std::set<std::string> blobNames(const QString &dataDir)
{
    std::set<std::string> out;
    const std::filesystem::path blobs = dataDir.toStdString() + "/blobs";
    for (const auto &entry : std::filesystem::recursive_directory_iterator(blobs)) {
        if (entry.is_regular_file())
            out.insert(entry.path().filename().string());
    }
    return out;
}

/// The office's inspections as "id@version", and how many rows there are in all.
std::set<std::string> inspections(Database &db, std::int64_t &rows)
{
    std::set<std::string> out;
    rows = 0;
    Statement s(db, "SELECT id, version FROM inspection WHERE state = 'final'");
    while (s.step()) {
        out.insert(s.text(0) + "@" + std::to_string(s.integer(1)));
        ++rows;
    }
    return out;
}

} // namespace

class TestBackupRestore : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void aNewOfficeHasAnEpochAndDevicesKeepIt();
    void restoreLosesNothingAndDuplicatesNothing();
    void verifyFailsOnACorruptedBlob();
    void restoreRefusesANonEmptyFolder();
    void aBackupTakenDuringPushesIsConsistent();
    void badInputIsOneLine();

  private:
    SyncOffice m_office;
    std::unique_ptr<DeviceStore> m_zhang;
    std::unique_ptr<DeviceStore> m_li;
    QString m_backup;
};

void TestBackupRestore::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_zhang = m_office.enrolDevice("tablet-zhang", "zhang");
    m_li = m_office.enrolDevice("tablet-li", "li");
    QVERIFY(m_zhang && m_li);
    m_backup = m_office.tempPath() + "/backup";
}

void TestBackupRestore::aNewOfficeHasAnEpochAndDevicesKeepIt()
{
    auto db = m_office.officeDb();
    const std::string epoch = text(*db, "SELECT value FROM office_meta WHERE key = 'epoch'");
    QCOMPARE(epoch.size(), std::size_t(32));
    QVERIFY(scalar(*db, "PRAGMA user_version") >= 6); // the epoch came with version 6
    for (DeviceStore *device : {m_zhang.get(), m_li.get()}) {
        const SyncReport report = m_office.sync(*device);
        QVERIFY(report.complete());
        QVERIFY(!report.office_restored); // the first epoch a device sees is only saved
        QCOMPARE(device->syncValue(synckey::kOfficeEpoch).value_or(""), epoch);
    }
}

void TestBackupRestore::restoreLosesNothingAndDuplicatesNothing()
{
    // Before the backup: 3 + 2 final inspections acknowledged.
    simulate(*m_zhang, "zhang", 3, 11);
    simulate(*m_li, "li", 2, 12);
    QVERIFY(m_office.sync(*m_zhang).complete());
    QVERIFY(m_office.sync(*m_li).complete());
    QCOMPARE(m_zhang->pendingCount(), 0);

    // The backup, while the server serves (it is running: the CLI opens its own connection).
    QVERIFY(m_office.server().isRunning());
    const CliRun backup = m_office.cli({"backup", "--to", m_backup});
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.err));
    QVERIFY2(backup.out.contains("10 blobs"), qPrintable(backup.out));
    const CliRun verify = runServerCli({"backup", "verify", "--from", m_backup});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));

    // After the backup: 2 + 1 more, acknowledged, gone from the outboxes.
    simulate(*m_zhang, "zhang", 2, 13);
    simulate(*m_li, "li", 1, 14);
    QVERIFY(m_office.sync(*m_zhang).complete());
    QVERIFY(m_office.sync(*m_li).complete());
    QCOMPARE(m_zhang->pendingCount() + m_li->pendingCount(), 0);
    // One more sync each: the devices now keep the office's tree head of all 8 inspections.
    QVERIFY(m_office.sync(*m_zhang).complete());
    QVERIFY(m_office.sync(*m_li).complete());
    QCOMPARE(savedLogHead(*m_zhang)->tree_size, 16); // 8 finals, each with its statement leaf
    std::int64_t rowsBefore = 0;
    std::set<std::string> before;
    std::string oldEpoch;
    {
        auto db = m_office.officeDb();
        before = inspections(*db, rowsBefore);
        oldEpoch = text(*db, "SELECT value FROM office_meta WHERE key = 'epoch'");
    }
    QCOMPARE(rowsBefore, 8);
    const std::set<std::string> blobsBefore = blobNames(m_office.dataDir());
    QCOMPARE(blobsBefore.size(), std::size_t(16));

    // The office is lost; restore the backup into a fresh folder and serve it.
    QCOMPARE(m_office.server().stop(), 0);
    // Meanwhile zhang finalises one more: pending, and signed after every re-offered statement.
    simulate(*m_zhang, "zhang", 1, 15);
    const std::vector<OutboxItem> pending = m_zhang->pendingOutbox();
    QCOMPARE(pending.size(), std::size_t(1));
    before.insert(pending.front().id + "@" + std::to_string(pending.front().version));
    ++rowsBefore;
    const QString restored = m_office.tempPath() + "/restored";
    const CliRun restore = runServerCli({"restore", "--from", m_backup, "--data", restored});
    QVERIFY2(restore.exitCode == 0, qPrintable(restore.err));
    QVERIFY2(restore.out.contains("new epoch"), qPrintable(restore.out));
    {
        Database db((restored + "/office.db").toStdString());
        std::int64_t rows = 0;
        QCOMPARE(inspections(db, rows).size(), std::size_t(5)); // what the backup held
        const std::string newEpoch = text(db, "SELECT value FROM office_meta WHERE key = 'epoch'");
        QCOMPARE(newEpoch.size(), std::size_t(32));
        QVERIFY(newEpoch != oldEpoch);
    }
    QCOMPARE(blobNames(restored).size(), std::size_t(10));
    ServerProcess server(restored);
    QVERIFY2(server.start(), qPrintable(server.errorText()));
    const std::string url = server.baseUrl().toStdString();

    // Every device syncs: it sees the new epoch, offers its acknowledged finals again.
    const SyncReport zhang = m_office.sync(*m_zhang, {}, url);
    const SyncReport li = m_office.sync(*m_li, {}, url);
    QVERIFY2(zhang.complete(), summarize(zhang).c_str());
    QVERIFY2(li.complete(), summarize(li).c_str());

    // The office holds everything again, nothing twice.
    {
        Database db((restored + "/office.db").toStdString());
        std::int64_t rows = 0;
        const std::set<std::string> after = inspections(db, rows);
        QCOMPARE(after.size(), before.size());
        QCOMPARE(after, before);
        QCOMPARE(rows, rowsBefore);
        QCOMPARE(rows, 9);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM log_leaf WHERE type = 'inspection'"), 9);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM log_leaf WHERE type = 'statement'"), 9);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM device_statement"), 9);
        // Re-offered in chain order: no statement arrived after a hole, none was a fork.
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM chain_event"), 0);
    }
    // Every blob the office held before, and the two photos of the one finalised meanwhile.
    const std::set<std::string> blobsAfter = blobNames(restored);
    QCOMPARE(blobsAfter.size(), blobsBefore.size() + 2);
    QVERIFY(std::includes(blobsAfter.begin(), blobsAfter.end(), blobsBefore.begin(),
                          blobsBefore.end()));

    // How: what the restored office still held was a duplicate, what it lost was stored again.
    QVERIFY(zhang.office_restored);
    QVERIFY(zhang.log_head_dropped); // the restored log is shorter than the one it saw
    QCOMPARE(zhang.items_reoffered, 5);
    QCOMPARE(zhang.items_stored, 3); // the 2 the restore lost and the new one
    QCOMPARE(zhang.items_duplicate, 3);
    QVERIFY2(QString::fromStdString(summarize(zhang)).contains("restored from a backup"),
             summarize(zhang).c_str());
    QCOMPARE(li.items_reoffered, 3);
    QCOMPARE(li.items_stored, 1);
    QCOMPARE(li.items_duplicate, 2);
    QCOMPARE(zhang.blobs_uploaded + li.blobs_uploaded, 8); // the lost and the new photos
    const CliRun logVerify = runServerCli({"log", "verify", "--data", restored});
    QVERIFY2(logVerify.exitCode == 0, qPrintable(logVerify.err));

    // The next sync is quiet: same epoch, nothing to offer, and the log watch holds again.
    const SyncReport again = m_office.sync(*m_zhang, {}, url);
    QVERIFY(!again.office_restored);
    QCOMPARE(again.items_reoffered, 0);
    QCOMPARE(again.items_stored + again.items_duplicate, 0);
    QVERIFY(savedLogHead(*m_zhang));
    server.stop();
}

void TestBackupRestore::verifyFailsOnACorruptedBlob()
{
    std::filesystem::path blob;
    for (const auto &entry :
         std::filesystem::recursive_directory_iterator(m_backup.toStdString() + "/blobs")) {
        if (entry.is_regular_file()) {
            blob = entry.path();
            break;
        }
    }
    QVERIFY(!blob.empty());
    {
        std::fstream f(blob, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(100);
        f.put('\x5a'); // one byte changed, the size kept
    }
    const CliRun verify = runServerCli({"backup", "verify", "--from", m_backup});
    QCOMPARE(verify.exitCode, 1);
    QCOMPARE(verify.err.count('\n'), 1);
    QVERIFY2(verify.err.contains(QString::fromStdString(blob.filename().string())),
             qPrintable(verify.err));
    // A restore verifies first and refuses it.
    const QString target = m_office.tempPath() + "/from-corrupted";
    const CliRun restore = runServerCli({"restore", "--from", m_backup, "--data", target});
    QCOMPARE(restore.exitCode, 1);
    QVERIFY2(restore.err.contains("does not verify"), qPrintable(restore.err));
    QVERIFY(!QFileInfo::exists(target + "/office.db"));
}

void TestBackupRestore::restoreRefusesANonEmptyFolder()
{
    const QString fresh = m_office.tempPath() + "/backup2";
    const CliRun backup = m_office.cli({"backup", "--to", fresh});
    QVERIFY2(backup.exitCode == 0, qPrintable(backup.err));
    // Into a folder that already holds an office: refused, unless --force.
    const CliRun refused = runServerCli({"restore", "--from", fresh, "--data", m_office.dataDir()});
    QCOMPARE(refused.exitCode, 1);
    QCOMPARE(refused.err.count('\n'), 1);
    QVERIFY2(refused.err.contains("--force"), qPrintable(refused.err));
    // Backing up into a non-empty folder is refused too.
    const CliRun twice = m_office.cli({"backup", "--to", fresh});
    QCOMPARE(twice.exitCode, 1);
    const CliRun forced =
        runServerCli({"restore", "--from", fresh, "--data", m_office.dataDir(), "--force"});
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
}

void TestBackupRestore::aBackupTakenDuringPushesIsConsistent()
{
    // The office restored above, served again; li pushes 30 inspections (60 photos) while a
    // backup is taken. Whether the two overlap is up to the scheduler; what the backup holds
    // must be consistent either way: every photo of every inspection in its database is in it.
    ServerProcess server(m_office.dataDir());
    QVERIFY2(server.start(), qPrintable(server.errorText()));
    simulate(*m_li, "li", 30, 21);
    SyncReport pushed;
    std::string failure;
    std::atomic<bool> done{false};
    std::thread pusher([&] {
        try {
            SyncOptions options;
            options.push.max_items = 2; // many batches: backups land between them
            pushed = m_office.sync(*m_li, options, server.baseUrl().toStdString());
        } catch (const std::exception &e) {
            failure = e.what();
        }
        done = true;
    });
    // Backups one after the other while the push runs (at most five), each checked below.
    QStringList backups;
    QStringList problems;
    for (int n = 0; n < 5 && (n == 0 || !done); ++n) {
        backups << m_office.tempPath() + "/during-" + QString::number(n);
        const CliRun backup =
            runServerCli({"backup", "--data", m_office.dataDir(), "--to", backups.last()});
        if (backup.exitCode != 0)
            problems << backup.err;
    }
    pusher.join();
    QVERIFY2(failure.empty(), failure.c_str());
    QVERIFY2(pushed.complete(), summarize(pushed).c_str());
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(' ')));
    server.stop();

    for (const QString &during : backups) {
        const CliRun verify = runServerCli({"backup", "verify", "--from", during});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
        const QString copy = during + "-restored";
        const CliRun restore = runServerCli({"restore", "--from", during, "--data", copy});
        QVERIFY2(restore.exitCode == 0, qPrintable(restore.err));
        const std::set<std::string> blobs = blobNames(copy);
        Database db((copy + "/office.db").toStdString());
        Statement s(db, "SELECT id, data FROM inspection");
        int checked = 0;
        while (s.step()) {
            const Json data = parseJson(s.text(1));
            for (const Json &photo : data.at("photos")) {
                const std::string sha = photo.at("sha256").get<std::string>();
                QVERIFY2(blobs.contains(sha), (s.text(0) + " names a missing blob " + sha).c_str());
            }
            ++checked;
        }
        QVERIFY(checked >= 8);
        qInfo("%s, taken during the push, holds %d inspections and %zu blobs",
              qPrintable(QFileInfo(during).fileName()), checked, blobs.size());
        const CliRun logVerify = runServerCli({"log", "verify", "--data", copy});
        QVERIFY2(logVerify.exitCode == 0, qPrintable(logVerify.err));
    }
}

void TestBackupRestore::badInputIsOneLine()
{
    const QString tmp = m_office.tempPath();
    struct Case
    {
        QStringList args;
        int exitCode;
        const char *says;
    };
    const std::vector<Case> cases = {
        {{"backup", "--data", m_office.dataDir()}, 2, "--to"},
        {{"backup", "--data", tmp + "/nothing-here", "--to", tmp + "/b-none"}, 1, "does not exist"},
        {{"backup", "verify"}, 2, "--from"},
        {{"backup", "verify", "--from", tmp + "/nothing-here"}, 1, "manifest.json is missing"},
        {{"restore", "--from", m_backup}, 2, "--data"},
        {{"restore", "--from", tmp + "/nothing-here", "--data", tmp + "/r-none"},
         1,
         "does not verify"},
    };
    for (const Case &c : cases) {
        const CliRun run = runServerCli(c.args);
        QVERIFY2(run.exitCode == c.exitCode, qPrintable(c.args.join(' ') + ": " + run.err));
        QCOMPARE(run.err.count('\n'), 1);
        QVERIFY2(run.err.contains(c.says), qPrintable(run.err));
    }
    QVERIFY(!QFileInfo::exists(tmp + "/r-none/office.db"));
}

QTEST_GUILESS_MAIN(TestBackupRestore)
#include "tst_backuprestore.moc"
