// Crash safety of the device store: a writer process is SIGKILLed at random moments; after
// each kill the database must be intact, every inspection the writer reported committed must
// be complete with its photo files, and no half-written photo may be visible.
//
// FIELDPROOF_CRASH_KILLS sets the number of kills (default 50; the long run uses 1000).

#include "core/sha256.h"
#include "device/devicestore.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <set>

class TestCrashSafety : public QObject
{
    Q_OBJECT

  private slots:
    void randomKills();
};

void TestCrashSafety::randomKills()
{
    const int kills = qEnvironmentVariableIntValue("FIELDPROOF_CRASH_KILLS") > 0
                          ? qEnvironmentVariableIntValue("FIELDPROOF_CRASH_KILLS")
                          : 50;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string db = dir.filePath("device.db").toStdString();
    const std::string photos = dir.filePath("photos").toStdString();
    QRandomGenerator rng(QRandomGenerator::global()->generate());

    std::set<std::string> committed;
    std::set<std::string> verifiedBlobs;
    int killedMidWrite = 0;
    int tempFilesSwept = 0;
    int orphansSeen = 0;
    std::int64_t drafts = 0;

    for (int round = 0; round < kills; ++round) {
        QProcess writer;
        writer.start(FP_CRASH_WRITER, {QString::fromStdString(db), QString::fromStdString(photos),
                                       QString::number(round * 1000)});
        QVERIFY2(writer.waitForStarted(5000), qPrintable(writer.errorString()));
        // Kill after it opened the store, at a random point of its writing.
        QVERIFY(writer.waitForReadyRead(10000));
        QTest::qSleep(static_cast<int>(rng.bounded(5, 250)));
        writer.kill();
        QVERIFY(writer.waitForFinished(5000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        const QByteArray err = writer.readAllStandardError();
        QVERIFY2(err.isEmpty(), err.constData());

        int reported = 0;
        for (const QByteArray &line : writer.readAllStandardOutput().split('\n')) {
            if (line.startsWith("committed ")) {
                committed.insert(line.mid(10).toStdString());
                ++reported;
            }
        }

        fp::DeviceStore store(db, photos);
        tempFilesSwept += store.sweepReport().temp_files_removed;
        orphansSeen = static_cast<int>(store.sweepReport().orphans.size());
        fp::Database inspect(db); // a read connection of the test's own (WAL)
        QCOMPARE(QString::fromStdString(inspect.integrityCheck()), QString("ok"));
        QVERIFY(store.photos().list().size() >= verifiedBlobs.size());

        for (const std::string &id : committed) {
            const fp::InspectionBundle b = store.bundle(id);
            QCOMPARE(b.inspection.state, fp::InspectionState::Final);
            QCOMPARE(b.checks.size(), std::size_t(2));
            QCOMPARE(b.photos.size(), std::size_t(4));
            for (const fp::Photo &p : b.photos) {
                QVERIFY2(store.photos().contains(p.sha256), p.sha256.c_str());
                QCOMPARE(store.photos().pathOf(p.sha256).parent_path().filename().string(),
                         p.sha256.substr(0, 2));
            }
        }
        // Every visible blob is whole: its content hashes to its name.
        for (const std::string &blob : store.photos().list()) {
            if (verifiedBlobs.contains(blob))
                continue;
            QCOMPARE(fp::sha256File(store.photos().pathOf(blob)), blob);
            verifiedBlobs.insert(blob);
        }
        // A kill in the middle of a visit leaves one more draft; that is the interesting case.
        fp::Statement count(inspect, "SELECT count(*) FROM inspections WHERE state = 'draft'");
        count.step();
        killedMidWrite += count.integer(0) > drafts ? 1 : 0;
        drafts = count.integer(0);
        Q_UNUSED(reported);
    }
    qInfo("kills: %d, inspections committed: %zu, kills that left a draft: %d, temp files "
          "swept: %d, orphan files in the last sweep: %d, blobs verified: %zu",
          kills, committed.size(), killedMidWrite, tempFilesSwept, orphansSeen,
          verifiedBlobs.size());
    QVERIFY2(committed.size() > 0, "the writer never committed: kills came too early");
    QVERIFY2(killedMidWrite > 0, "no kill landed mid-inspection: the test did not test much");
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
