// The kill campaign (DESIGN §8): random SIGKILLs of the fieldproof-sync process mid-sync and of
// fieldproof-server mid-request (mid blob upload, mid push batch), restarts, and random cuts
// of the wire through a loopback relay, all against one device and one office. Every round
// adds new evidence with real JPEGs and ends with a sync by the real CLI that must succeed;
// at the end the office holds exactly what the device holds, every visible blob hashes to
// its name, no partial upload is left and both databases pass PRAGMA integrity_check. With the
// office on PostgreSQL (the _postgresql run) the office's check after each server kill and at the
// end is PostgreSQL's own (amcheck on every index and table) plus `log verify`
// (officeintegrity.h): a SQLite snapshot of PostgreSQL would say nothing of PostgreSQL's files.
//   FIELDPROOF_KILLS (default 40), FIELDPROOF_CUTS (default 40), FIELDPROOF_KILL_SEED.

#include "campaignsteps.h"
#include "client/simulate/simulator.h"
#include "client/syncerror.h"
#include "device/outboxquery.h"
#include "officecheck.h"
#include "officedatabase.h"
#include "officeintegrity.h"
#include "provincestack.h"
#include "syncoffice.h"
#include "tcprelay.h"

#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <random>

using namespace fp;
using namespace fp::test;
using std::chrono::milliseconds;

namespace {

int envCount(const char *name, int fallback)
{
    const int n = qEnvironmentVariableIntValue(name);
    return n > 0 ? n : fallback;
}

} // namespace

class TestKillCampaign : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void nothingLostNothingTwice();
    void cleanupTestCase();

  private:
    std::unique_ptr<DeviceStore> openDevice() const
    {
        return std::make_unique<DeviceStore>(m_db, m_db + ".photos");
    }
    /// "ok" or the office database's problems: PRAGMA integrity_check on SQLite; on PostgreSQL
    /// amcheck on PostgreSQL itself and `log verify` (officeintegrity.h).
    std::string officeWhole() const
    {
        if (officeOnPostgres())
            return officeIntegrity(m_office);
        return integrityCheck(*m_office.officeDb());
    }

    SyncOffice m_office;
    std::unique_ptr<ProvinceServer> m_server;
    std::unique_ptr<TcpRelay> m_relay;
    std::string m_db;
    std::string m_url;
};

void TestKillCampaign::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    // The office's own server gives way to one that can be killed and restarted on its port,
    // so that the relay in front of it (and the device's enrolled address) stays the same.
    const std::uint16_t port = m_office.port();
    QCOMPARE(m_office.server().stop(), 0);
    const QString data = m_office.dataDir();
    m_server = std::make_unique<ProvinceServer>(
        QStringList{"--data", data} + officeDatabaseArgs(data), QStringList{}, data + ".log", port);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorText()));
    m_relay = std::make_unique<TcpRelay>(port);
    m_url = "http://127.0.0.1:" + std::to_string(m_relay->port());
    m_db = m_office.tempPath().toStdString() + "/device.db";
    auto store = openDevice();
    QVERIFY(enrolThrough(*store, m_url, "zhang", SyncOffice::kPassword));
}

void TestKillCampaign::nothingLostNothingTwice()
{
    const int kills = envCount("FIELDPROOF_KILLS", 40);
    const int cuts = envCount("FIELDPROOF_CUTS", 40);
    const auto seed =
        static_cast<std::uint32_t>(qEnvironmentVariableIsSet("FIELDPROOF_KILL_SEED")
                                       ? qEnvironmentVariableIntValue("FIELDPROOF_KILL_SEED")
                                       : std::random_device{}());
    qInfo("kills: %d, cuts: %d, seed: %u (FIELDPROOF_KILL_SEED repeats a run)", kills, cuts, seed);
    std::mt19937 rng(seed);
    const auto below = [&rng](std::int64_t n) {
        return static_cast<std::int64_t>(rng() % std::uint64_t(std::max<std::int64_t>(n, 1)));
    };

    // The first sync pulls the plan; the second, a no-op, measures one pull request upstream.
    QVERIFY2(runSyncCli(m_db).ok(), "the first sync failed");
    const std::int64_t before = m_relay->bytes(TcpRelay::Direction::ToServer);
    QVERIFY2(runSyncCli(m_db).ok(), "the no-op sync failed");
    const std::int64_t pullRequest = m_relay->bytes(TcpRelay::Direction::ToServer) - before;

    std::vector<Fault> plan(std::size_t(kills / 2), Fault::KillClient);
    plan.insert(plan.end(), std::size_t(kills - kills / 2), Fault::KillServer);
    plan.insert(plan.end(), std::size_t(cuts), Fault::Cut);
    std::shuffle(plan.begin(), plan.end(), rng);

    CampaignTally tally;
    QElapsedTimer clock;
    clock.start();
    for (std::size_t round = 0; round < plan.size(); ++round) {
        PendingSize pending;
        {
            auto store = openDevice();
            QCOMPARE(Database(store->databaseFile()).integrityCheck(), std::string("ok"));
            sim::SimulateOptions work;
            work.inspections = 1 + int(rng() % 4);
            work.photos = int(rng() % 5);
            work.photo_bytes = std::int64_t{30} * 1024 + below(std::int64_t{400} * 1024);
            work.seed = rng();
            work.inspector = "zhang";
            sim::Simulator(*store, work).run();
            pending = store->pendingSize();
        }
        if (round % 7 == 3) { // an office change, so that pulls carry rows too
            const CliRun task =
                m_office.cli({"task", "add", "--enterprise", "91210381G6P2UGEH1D", "--kind",
                              "recheck", "--due", "2017-12-01", "--inspector", "zhang"});
            QVERIFY2(task.exitCode == 0, qPrintable(QString("task add: exit %1: %2 %3")
                                                        .arg(task.exitCode)
                                                        .arg(task.out, task.err)));
        }
        // Upstream bytes of this round's sync: pull, HEADs and PUTs of the files, push.
        const std::int64_t upstream = pullRequest + pending.blob_bytes + pending.payload_bytes +
                                      350 * (3 + 2 * pending.blob_count);
        const std::int64_t at = below(upstream);
        const Fault fault = plan[round];
        if (fault == Fault::Cut) {
            const bool answers = rng() % 4 == 0;
            m_relay->armCut(answers ? below(600 + 200 * pending.items) : at,
                            answers ? TcpRelay::Direction::ToClient : TcpRelay::Direction::ToServer,
                            rng() % 2 == 0, rng() % 2 == 0);
            const int cutsBefore = m_relay->cuts();
            auto store = openDevice();
            SyncOptions once; // the cut run must not heal itself: the next run must
            once.retry = RetryPolicy{1, milliseconds(1), milliseconds(1)};
            once.push.max_items = 1 + int(rng() % 4);
            try {
                m_office.sync(*store, once, m_url);
            } catch (const SyncError &) {
                ++tally.failed_cut_runs;
            }
            m_relay->disarm();
            tally.cuts += m_relay->cuts() - cutsBefore;
        } else {
            SyncChild child(m_db);
            QVERIFY2(child.start(), "fieldproof-sync did not start");
            const bool mid =
                child.waitForUpstream(*m_relay, m_relay->bytes(TcpRelay::Direction::ToServer) + at);
            if (fault == Fault::KillClient) {
                if (mid) {
                    child.kill();
                    ++tally.client_kills;
                } else {
                    ++tally.client_missed;
                }
            } else {
                m_server->kill();
                ++tally.server_kills;
                tally.server_kills_mid += mid ? 1 : 0;
                tally.partials_seen += countPartials(m_office.dataDir().toStdString());
                const std::string whole = officeWhole();
                QVERIFY2(whole == "ok", whole.c_str());
                QVERIFY2(m_server->start(), qPrintable(m_server->errorText()));
            }
            const bool killedIt = fault == Fault::KillClient && mid;
            const SyncRun run = child.finish();
            // A sync that lost its server ends with an error line, never a crash or a hang.
            QVERIFY2(killedIt || run.exited,
                     qPrintable("fieldproof-sync hung or crashed: " + run.err));
        }
        // Healing: the real CLI, first time, no retry-until-pass.
        const SyncRun healed = runSyncCli(m_db);
        QVERIFY2(healed.ok(), qPrintable(QString("round %1 (%2): heal failed, exit %3: %4 %5")
                                             .arg(round)
                                             .arg(faultName(fault))
                                             .arg(healed.exit_code)
                                             .arg(healed.out, healed.err)));
    }

    QVERIFY2(runSyncCli(m_db).ok(), "the final clean sync failed");
    QCOMPARE(m_server->stop(), 0);
    auto store = openDevice();
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
    QCOMPARE(Database(store->databaseFile()).integrityCheck(), std::string("ok"));
    const std::string whole = officeWhole();
    QVERIFY2(whole == "ok", whole.c_str());
    const OfficeCounts held = officeCounts(*m_office.officeDb(), m_office.dataDir().toStdString());
    qInfo("%s", qPrintable(tally.summary(held, clock.elapsed())));

    // Worth something only if the faults really landed mid-sync.
    QVERIFY2(tally.client_kills + tally.server_kills >= kills * 3 / 4, "too few kills landed");
    QVERIFY2(tally.server_kills_mid >= (kills - kills / 2) / 2,
             "too few server kills came while a sync was running");
    QVERIFY2(tally.cuts >= cuts * 3 / 4, "too few cuts landed");
    QVERIFY(held.inspections > 0 && held.blobs > 0);
}

void TestKillCampaign::cleanupTestCase()
{
    m_relay.reset();
    m_server.reset();
}

QTEST_GUILESS_MAIN(TestKillCampaign)
#include "tst_killcampaign.moc"
