// Cut the wire (DESIGN §8): a relay of our own between the sync client and the real server
// drops the connection after a random number of bytes, in either direction, at least 50 times
// (FIELDPROOF_CUTS for more). Each cut run is followed by a sync that must complete; at the
// end the office holds exactly what the device holds: nothing lost, nothing twice.

#include "client/simulate/simulator.h"
#include "client/syncerror.h"
#include "device/outboxquery.h"
#include "officecheck.h"
#include "syncoffice.h"
#include "tcprelay.h"

#include <QTest>

#include <random>

using namespace fp;
using namespace fp::test;
using std::chrono::milliseconds;

class TestSyncWireCut : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void everyCutHeals();

  private:
    SyncOffice m_office;
};

void TestSyncWireCut::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
}

void TestSyncWireCut::everyCutHeals()
{
    const int cuts = qEnvironmentVariableIntValue("FIELDPROOF_CUTS") > 0
                         ? qEnvironmentVariableIntValue("FIELDPROOF_CUTS")
                         : 50;
    const auto seed =
        static_cast<std::uint32_t>(qEnvironmentVariableIsSet("FIELDPROOF_CUT_SEED")
                                       ? qEnvironmentVariableIntValue("FIELDPROOF_CUT_SEED")
                                       : std::random_device{}());
    qInfo("cuts: %d, seed: %u (FIELDPROOF_CUT_SEED repeats a run)", cuts, seed);
    std::mt19937 rng(seed);

    auto store = m_office.enrolDevice("cut", "zhang");
    QVERIFY(store);
    TcpRelay relay(m_office.port());
    const std::string url = "http://127.0.0.1:" + std::to_string(relay.port());
    SyncOptions once; // the cut run must not heal itself by retrying: the next run must
    once.retry = RetryPolicy{1, milliseconds(1), milliseconds(1)};
    once.push.max_items = 3; // several pushes per run: cuts between batches too
    SyncOptions heal;
    heal.retry = RetryPolicy{8, milliseconds(5), milliseconds(200)};
    heal.push.max_items = 3;
    m_office.sync(*store, heal, url);
    // The size of a pull request, measured on a no-op sync: where the pull ends upstream.
    const std::int64_t before = relay.bytes(TcpRelay::Direction::ToServer);
    QCOMPARE(m_office.sync(*store, heal, url).requests, 1);
    const std::int64_t pullRequest = relay.bytes(TcpRelay::Direction::ToServer) - before;

    int failedRuns = 0;
    std::int64_t resumed = 0, duplicates = 0;
    for (int i = 0; i < cuts; ++i) {
        // Each round aims at one part of a sync: the pull, the files, the items, or the
        // answers coming back. New work each round: visits (with photos when the files are
        // the target); now and then an office-side change so that pulls carry rows too.
        enum Target { Pull, Files, Items, Answers };
        const auto target = static_cast<Target>(rng() % 4);
        sim::SimulateOptions work;
        work.inspections = 1 + static_cast<int>(rng() % 3);
        work.photos = target == Files   ? 1 + static_cast<int>(rng() % 3)
                      : target == Items ? 0
                                        : static_cast<int>(rng() % 3);
        work.photo_bytes = std::int64_t{20} * 1024 +
                           static_cast<std::int64_t>(rng() % (std::uint64_t{300} * 1024));
        work.seed = rng();
        work.inspector = "zhang";
        sim::Simulator(*store, work).run();
        if (i % 5 == 0) {
            const CliRun task =
                m_office.cli({"task", "add", "--enterprise", "91210381G6P2UGEH1D", "--kind",
                              "recheck", "--due", "2017-12-01", "--inspector", "zhang"});
            QVERIFY2(task.exitCode == 0, qPrintable(task.err));
        }

        // Where to cut, in bytes of the chosen direction since arming: files dominate what
        // goes up after the pull request; a push request is its items plus ~200 bytes of
        // headers and ~150 of envelope per item; answers are a few hundred bytes per request.
        const PendingSize pending = store->pendingSize();
        const std::int64_t requests = 2 + pending.items / 3 + 2 * pending.blob_count;
        const auto below = [&rng](std::int64_t n) {
            return static_cast<std::int64_t>(
                rng() % static_cast<std::uint64_t>(std::max<std::int64_t>(n, 1)));
        };
        std::int64_t at = 0;
        switch (target) {
        case Pull:
            at = below(pullRequest);
            break;
        case Files:
            at = below(pending.blob_bytes + pending.payload_bytes + 300 * requests);
            break;
        case Items: // past the pull request, into the push requests
            at = pullRequest + below(pending.payload_bytes + 150 * pending.items + 200);
            break;
        case Answers:
            at = below(300 * requests + 150 * pending.items);
            break;
        }
        // Half the cuts are a blip (libcurl may even repeat a request on a fresh connection
        // by itself), half an outage: the wire stays down for the rest of the run.
        relay.armCut(
            at, target == Answers ? TcpRelay::Direction::ToClient : TcpRelay::Direction::ToServer,
            rng() % 2 == 0, rng() % 2 == 0);
        try {
            m_office.sync(*store, once, url);
        } catch (const SyncError &) {
            ++failedRuns; // expected: the wire was cut
        }
        relay.disarm();

        const SyncReport healed = m_office.sync(*store, heal, url);
        QVERIFY2(
            healed.complete(),
            qPrintable(
                QString("round %1: %2").arg(i).arg(QString::fromStdString(summarize(healed)))));
        resumed += healed.blobs_resumed;
        duplicates += healed.items_duplicate;
    }

    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
    qInfo("%d cuts made, %d cut runs failed, %lld uploads resumed, %lld duplicates answered",
          relay.cuts(), failedRuns, static_cast<long long>(resumed),
          static_cast<long long>(duplicates));
    // The test is only worth something if the wire really was cut, mostly mid-sync.
    QVERIFY(relay.cuts() >= cuts * 3 / 4);
    QVERIFY(failedRuns >= cuts / 2);
}

QTEST_GUILESS_MAIN(TestSyncWireCut)
#include "tst_syncwirecut.moc"
