// The sync client against the real fieldproof-server on 127.0.0.1, over real libcurl: a full
// sync checked item by item and hash by hash on the office side, an incremental sync, the
// one-request no-op sync, a revoked device, a scope change, a file missing on the device, a
// cut upload that resumes, a cancel from another thread, and files going up over several
// connections at once.

#include "client/curltransport.h"
#include "client/enroller.h"
#include "client/simulate/simulator.h"
#include "client/syncerror.h"
#include "client/syncstatus.h"
#include "officecheck.h"
#include "serverprocess.h"
#include "syncoffice.h"
#include "tcprelay.h"

#include <QTemporaryDir>
#include <QTest>

#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

using namespace fp;
using namespace fp::test;
using std::chrono::milliseconds;

namespace {

constexpr std::int64_t kKiB = 1024;
constexpr std::int64_t kMiB = 1024 * kKiB;

sim::SimulateResult simulate(DeviceStore &store, int inspections, int photos,
                             std::int64_t photoBytes = 40 * kKiB, std::uint64_t seed = 1)
{
    sim::SimulateOptions options;
    options.inspections = inspections;
    options.photos = photos;
    options.photo_bytes = photoBytes;
    options.seed = seed;
    options.inspector = "zhang";
    return sim::Simulator(store, options).run();
}

SyncOptions noRetry()
{
    SyncOptions options;
    options.retry = RetryPolicy{1, milliseconds(1), milliseconds(1)};
    return options;
}

std::set<std::string> officeEnterprisesIn(Database &db, const std::vector<std::string> &regions)
{
    std::set<std::string> ids;
    for (const std::string &name : regions) {
        Statement s(db, "SELECT e.id FROM enterprise e JOIN region r ON r.id = e.region_id "
                        "WHERE r.name = ?");
        s.bind(1, name);
        while (s.step())
            ids.insert(s.text(0));
    }
    return ids;
}

/// An upload lane for the tests: real libcurl underneath; its first request waits (at most
/// 20 s) until `quorum` lanes are sending at once, which only parallel uploads can reach.
class MeetingTransport final : public Transport
{
  public:
    struct Meeting
    {
        int quorum = 2;
        std::mutex mutex;
        std::condition_variable arrived;
        int present = 0;
        bool met = false;
        std::atomic<int> opened{0};
        std::atomic<std::int64_t> requests{0};
    };

    MeetingTransport(const TransportOptions &options, Meeting &meeting)
        : m_curl(options), m_meeting(meeting)
    {
        ++m_meeting.opened;
    }

    HttpResponse send(const HttpRequest &request) override
    {
        if (m_first) {
            m_first = false;
            std::unique_lock lock(m_meeting.mutex);
            if (++m_meeting.present >= m_meeting.quorum)
                m_meeting.met = true;
            m_meeting.arrived.notify_all();
            m_meeting.arrived.wait_for(lock, std::chrono::seconds(20),
                                       [this] { return m_meeting.met; });
        }
        ++m_meeting.requests;
        return m_curl.send(request);
    }
    std::int64_t requestCount() const override { return m_curl.requestCount(); }

  private:
    CurlTransport m_curl;
    Meeting &m_meeting;
    bool m_first = true;
};

std::set<std::string> deviceEnterprises(DeviceStore &store)
{
    std::set<std::string> ids;
    for (const Enterprise &e : store.enterprises())
        ids.insert(e.id);
    return ids;
}

} // namespace

class TestSyncServer : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();

    void fullSyncDeliversEverything();
    void incrementalSyncSendsOnlyTheChange();
    void noOpSyncIsOneRoundTrip();
    void revokedDeviceStopsWithTheServersMessage();
    void scopeChangeRemovesRowsOnTheDevice();
    void fileMissingOnDeviceIsReported();
    void cutUploadResumesFromTheOfficesOffset();
    void cancelFromAnotherThread();
    void filesGoUpOverSeveralConnectionsAtOnce();
    void aLaneThatCannotConnectStopsTheSync();
    void tlsIsVerifiedAgainstThePinnedCa();
    void recordsOnlySendsWhatNamesNoFile();

  private:
    /// A device enrolled as `name` for `username` that has pulled the plan; null (the test has
    /// failed) when the enrolment failed.
    std::unique_ptr<DeviceStore> deviceWithPlan(const std::string &name,
                                                const std::string &username = "zhang");
    /// A device with the plan whose earlier work is all at the office: `inspections` simulated
    /// visits (`photos` photos of 40 KiB, from `seed`) pushed and their reviews pulled back.
    /// Null when that failed (the test has failed).
    std::unique_ptr<DeviceStore> settledDevice(const std::string &name, int inspections, int photos,
                                               std::uint64_t seed);
    /// Syncs until a run moves nothing (reviews of pushed inspections come back once).
    void settle(DeviceStore &store);

    SyncOffice m_office;
};

void TestSyncServer::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
}

std::unique_ptr<DeviceStore> TestSyncServer::deviceWithPlan(const std::string &name,
                                                            const std::string &username)
{
    auto store = m_office.enrolDevice(name, username);
    if (store)
        m_office.sync(*store);
    return store;
}

std::unique_ptr<DeviceStore> TestSyncServer::settledDevice(const std::string &name, int inspections,
                                                           int photos, std::uint64_t seed)
{
    auto store = deviceWithPlan(name);
    if (!store)
        return store;
    simulate(*store, inspections, photos, 40 * kKiB, seed);
    settle(*store);
    return QTest::currentTestFailed() ? nullptr : std::move(store);
}

void TestSyncServer::settle(DeviceStore &store)
{
    for (int i = 0; i < 5; ++i) {
        const SyncReport r = m_office.sync(store);
        QVERIFY(r.complete());
        if (r.rows_upserted == 0 && r.rows_removed == 0 && r.push_batches == 0)
            return;
    }
    QFAIL("the device kept pulling changes");
}

void TestSyncServer::fullSyncDeliversEverything()
{
    auto store = m_office.enrolDevice("full", "zhang");
    QVERIFY(store);
    SyncReport first = m_office.sync(*store);
    QVERIFY(first.complete());
    QVERIFY(first.scope_reset); // a first pull replaces whatever was there
    auto db = m_office.officeDb();
    const auto expected = officeEnterprisesIn(*db, {SyncOffice::kMafeng, SyncOffice::kBali});
    QVERIFY(expected.size() >= 2);
    QCOMPARE(deviceEnterprises(*store), expected); // exactly the scope, nothing of 感王镇
    for (const std::string &id : expected) {
        Statement eq(*db, "SELECT count(*) FROM equipment WHERE enterprise_id = ?");
        eq.bind(1, id).step();
        QCOMPARE(std::int64_t(store->equipmentOf(id).size()), eq.integer(0));
    }

    const sim::SimulateResult made = simulate(*store, 24, 14);
    QCOMPARE(made.inspections, 24);
    QCOMPARE(made.signatures, 4); // two acceptance visits
    std::vector<SyncProgress> seen;
    SyncOptions options;
    options.push.max_items = 10; // several batches
    options.progress = [&seen](const SyncProgress &p) { seen.push_back(p); };
    const SyncReport report = m_office.sync(*store, options);
    QVERIFY2(report.complete(), summarize(report).c_str());
    QCOMPARE(report.items_stored, 24);
    QCOMPARE(report.items_duplicate, 0);
    QVERIFY(report.rejected.empty());
    // 14 photos spread over the visits, plus one per further planned item of each acceptance
    // visit (they cover the whole plan), plus two signatures each.
    QVERIFY(made.photos >= 14);
    QCOMPARE(report.blobs_uploaded, made.photos + made.signatures);
    QCOMPARE(report.push_batches, 3);
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);

    // Progress only moves forward and ends at its totals.
    QVERIFY(!seen.empty());
    for (std::size_t i = 1; i < seen.size(); ++i) {
        QVERIFY(seen[i].bytes_done >= seen[i - 1].bytes_done);
        QVERIFY(seen[i].items_done >= seen[i - 1].items_done);
    }
    QCOMPARE(seen.back().phase, SyncProgress::Phase::Done);
    QCOMPARE(seen.back().items_done, seen.back().items_total);
    QCOMPARE(seen.back().items_total, 24);
    QCOMPARE(seen.back().bytes_done, seen.back().bytes_total);

    // Running it again changes nothing at the office.
    settle(*store);
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
}

void TestSyncServer::recordsOnlySendsWhatNamesNoFile()
{
    // A metered link the inspector keeps to records: the visits without photos go, the others
    // wait in the outbox, not a byte of a file is sent; the next run with files sends the rest.
    auto store = settledDevice("metered", 0, 0, 31);
    QVERIFY(store);
    const sim::SimulateResult made = simulate(*store, 12, 4, 40 * kKiB, 32);
    QCOMPARE(made.inspections, 12);
    SyncOptions metered;
    metered.push.upload_files = false;
    const SyncReport recordsOnly = m_office.sync(*store, metered);
    QCOMPARE(recordsOnly.blobs_uploaded, 0);
    QCOMPARE(recordsOnly.blob_bytes_sent, 0);
    QVERIFY2(recordsOnly.items_stored > 0, summarize(recordsOnly).c_str());
    QVERIFY2(recordsOnly.items_waiting_for_files > 0, summarize(recordsOnly).c_str());
    QCOMPARE(recordsOnly.items_stored + recordsOnly.items_waiting_for_files, 12);
    QVERIFY(recordsOnly.rejected.empty());
    QCOMPARE(recordsOnly.items_left, recordsOnly.items_waiting_for_files);
    QVERIFY(!recordsOnly.complete());

    const SyncReport withFiles = m_office.sync(*store);
    QVERIFY2(withFiles.complete(), summarize(withFiles).c_str());
    QCOMPARE(withFiles.items_stored, recordsOnly.items_waiting_for_files);
    QCOMPARE(withFiles.items_waiting_for_files, 0);
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
}

void TestSyncServer::incrementalSyncSendsOnlyTheChange()
{
    auto store = settledDevice("incremental", 5, 3, 11);
    QVERIFY(store);

    simulate(*store, 1, 1, 64 * kKiB, 12);
    const SyncReport report = m_office.sync(*store);
    QCOMPARE(report.items_stored, 1);
    QCOMPARE(report.items_duplicate, 0);
    QCOMPARE(report.blobs_uploaded, 1);
    QCOMPARE(report.blobs_present, 0); // the photos of the earlier visits are not even checked
    QCOMPARE(report.push_batches, 1);
    QVERIFY(report.blob_bytes_sent > 50 * kKiB && report.blob_bytes_sent < 80 * kKiB);
    QCOMPARE(report.requests, 4); // pull, HEAD, PUT, push
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
}

void TestSyncServer::noOpSyncIsOneRoundTrip()
{
    auto store = settledDevice("noop", 3, 1, 21);
    QVERIFY(store);

    // Through the relay, to count what really crosses the wire.
    TcpRelay relay(m_office.port());
    const std::string url = "http://127.0.0.1:" + std::to_string(relay.port());
    const SyncReport report = m_office.sync(*store, {}, url);
    QVERIFY(report.complete());
    QCOMPARE(report.requests, 1);
    QCOMPARE(relay.connections(), 1);
    QVERIFY(relay.bytes(TcpRelay::Direction::ToServer) < 1024);
    QVERIFY(relay.bytes(TcpRelay::Direction::ToClient) < 2048);
    QCOMPARE(report.rows_upserted + report.rows_removed, 0);
}

void TestSyncServer::revokedDeviceStopsWithTheServersMessage()
{
    auto store = deviceWithPlan("revoked");
    QVERIFY(store);
    simulate(*store, 2, 0);
    const CliRun revoke = m_office.cli(
        {"device", "revoke", QString::fromStdString(loadEnrolment(*store)->device_id)});
    QVERIFY2(revoke.exitCode == 0, qPrintable(revoke.err));
    try {
        m_office.sync(*store);
        QFAIL("a revoked device synced");
    } catch (const ServerError &e) {
        QCOMPARE(e.status(), 401);
        QCOMPARE(e.code(), std::string("revoked"));
        QVERIFY2(std::string(e.what()).find("revoked") != std::string::npos, e.what());
    }
    QCOMPARE(store->pendingCount(), 2); // nothing lost: the evidence waits for a new enrolment
    QVERIFY(readSyncStatus(*store).last_outcome.find("revoked") != std::string::npos);
}

void TestSyncServer::scopeChangeRemovesRowsOnTheDevice()
{
    const CliRun add = m_office.cli(
        {"user", "add", "--username", "wu", "--role", "inspector", "--region", SyncOffice::kMafeng},
        QByteArray(SyncOffice::kPassword) + "\n");
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    auto store = deviceWithPlan("scope", "wu");
    QVERIFY(store);
    auto db = m_office.officeDb();
    const auto mafeng = officeEnterprisesIn(*db, {SyncOffice::kMafeng});
    const auto ganwang = officeEnterprisesIn(*db, {SyncOffice::kGanwang});
    QCOMPARE(deviceEnterprises(*store), mafeng);
    // Evidence captured before the change, not yet synced.
    simulate(*store, 1, 0, 0, 31);

    const CliRun scope =
        m_office.cli({"user", "scope", "--username", "wu", "--region", SyncOffice::kGanwang});
    QVERIFY2(scope.exitCode == 0, qPrintable(scope.err));
    const SyncReport report = m_office.sync(*store);
    QVERIFY(report.scope_reset);
    QCOMPARE(deviceEnterprises(*store), ganwang); // 马风镇's rows are gone from the device
    for (const std::string &id : mafeng)
        QVERIFY(store->equipmentOf(id).empty());

    // The visit to a 马风镇 enterprise is no longer the inspector's to report: the office
    // rejects it, the device keeps it pending and says so, and does not resend it blindly.
    QCOMPARE(report.rejected.size(), std::size_t(1));
    QCOMPARE(report.rejected.front().code, std::string("out_of_scope"));
    QVERIFY(!report.complete());
    QCOMPARE(store->pendingCount(), 1);
    QCOMPARE(readSyncStatus(*store).rejected.size(), std::size_t(1));
    const SyncReport again = m_office.sync(*store);
    QCOMPARE(again.items_parked, 1);
    QCOMPARE(again.requests, 1);
}

void TestSyncServer::fileMissingOnDeviceIsReported()
{
    auto store = deviceWithPlan("missing");
    QVERIFY(store);
    simulate(*store, 2, 2, 30 * kKiB, 41);
    Database device(store->databaseFile()); // a read connection of the test's own (WAL)
    Statement first(device, "SELECT sha256 FROM photos ORDER BY id LIMIT 1");
    QVERIFY(first.step());
    std::filesystem::remove(store->photos().pathOf(first.text(0)));
    const SyncReport report = m_office.sync(*store);
    QCOMPARE(report.items_stored, 1);
    QCOMPARE(report.rejected.size(), std::size_t(1));
    QCOMPARE(report.rejected.front().code, std::string("blob_missing_on_device"));
    QCOMPARE(store->pendingCount(), 1);
}

void TestSyncServer::cutUploadResumesFromTheOfficesOffset()
{
    auto store = deviceWithPlan("resume");
    QVERIFY(store);
    const std::int64_t size = simulate(*store, 1, 1, 3 * kMiB, 51).photo_bytes;
    QVERIFY(size > 2 * kMiB);

    TcpRelay relay(m_office.port());
    const std::string url = "http://127.0.0.1:" + std::to_string(relay.port());
    // The wire stays down after the cut: libcurl itself resends a request whose reused
    // connection died before any answer (it rewinds the body), so a single cut would sometimes
    // be healed inside the sync and nothing would be left to resume.
    relay.armCut(size / 2, TcpRelay::Direction::ToServer, false, true);
    QVERIFY_THROWS_EXCEPTION(NetworkError, m_office.sync(*store, noRetry(), url));
    QCOMPARE(relay.cuts(), 1);
    relay.disarm();
    QCOMPARE(store->pendingCount(), 1);

    const SyncReport report = m_office.sync(*store, {}, url);
    QVERIFY(report.complete());
    QCOMPARE(report.blobs_resumed, 1);
    QVERIFY(report.blob_bytes_sent > size / 4);
    // Only the part the office did not hold went again (it held ~half) — unless the office
    // was still busy with the cut request and answered 409 upload_busy after reading the
    // body anyway (the server drains it); then the client waits and resumes, sending more.
    Database device(store->databaseFile()); // a read connection of the test's own (WAL)
    Statement photo(device, "SELECT sha256 FROM photos");
    QVERIFY(photo.step());
    const bool busy = m_office.server().log().contains(
        QString::fromStdString("PUT /api/v1/blobs/" + photo.text(0) + " 409"));
    QVERIFY2(report.blob_bytes_sent < size * 3 / 4 || busy,
             qPrintable(QString::number(report.blob_bytes_sent)));
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
}

void TestSyncServer::cancelFromAnotherThread()
{
    auto store = deviceWithPlan("cancel");
    QVERIFY(store);
    simulate(*store, 1, 1, 4 * kMiB, 61);

    std::atomic<bool> cancel{false};
    std::mutex mutex;
    std::condition_variable changed;
    bool uploading = false;
    std::jthread ui([&] { // plays the app's UI thread: it presses "cancel" mid-upload
        std::unique_lock lock(mutex);
        changed.wait_for(lock, std::chrono::seconds(20), [&] { return uploading; });
        cancel = true;
        changed.notify_all();
    });
    SyncOptions options;
    options.cancel = &cancel;
    options.progress = [&](const SyncProgress &p) {
        if (p.phase != SyncProgress::Phase::Upload)
            return;
        if (p.bytes_done == 0) {
            // Progress is reported at most every 50 ms: pausing here makes the next report
            // come from inside the upload.
            std::this_thread::sleep_for(milliseconds(100));
            return;
        }
        // Hold the transfer until the other thread has pressed cancel (a slow link).
        std::unique_lock lock(mutex);
        uploading = true;
        changed.notify_all();
        changed.wait_for(lock, std::chrono::seconds(20), [&] { return cancel.load(); });
    };
    QVERIFY_THROWS_EXCEPTION(SyncCancelled, m_office.sync(*store, options));
    QVERIFY(uploading); // it was cancelled mid-upload, not before
    ui.join();
    QCOMPARE(store->pendingCount(), 1);

    const SyncReport report = m_office.sync(*store);
    QVERIFY(report.complete());
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
}

void TestSyncServer::filesGoUpOverSeveralConnectionsAtOnce()
{
    auto store = deviceWithPlan("lanes");
    QVERIFY(store);
    const sim::SimulateResult made = simulate(*store, 6, 12, 200 * kKiB, 81);
    const std::int64_t files = made.photos + made.signatures;
    QVERIFY(files >= 12);

    MeetingTransport::Meeting meeting;
    const TransportOptions lane = transportOptions(*loadEnrolment(*store));
    SyncOptions options;
    options.upload_connections = 3;
    options.upload_transport = [&] { return std::make_unique<MeetingTransport>(lane, meeting); };
    const auto caller = std::this_thread::get_id();
    bool otherThread = false;
    std::int64_t lastBytes = 0;
    bool backwards = false;
    options.progress = [&](const SyncProgress &p) {
        otherThread |= std::this_thread::get_id() != caller;
        backwards |= p.bytes_done < lastBytes;
        lastBytes = p.bytes_done;
    };
    CurlTransport own(lane);
    const SyncReport report = SyncEngine(*store, own, options).run();
    QVERIFY2(report.complete(), summarize(report).c_str());
    QVERIFY2(meeting.met, "the files never went up two at a time");
    QCOMPARE(meeting.opened.load(), 3); // opened once, kept for the whole run
    QVERIFY(!otherThread);              // progress reaches the caller on its own thread
    QVERIFY(!backwards);
    QCOMPARE(report.blobs_uploaded, files);
    QCOMPARE(report.blobs_checked, files); // one HEAD each, whichever lane carried it
    QCOMPARE(report.items_stored, made.inspections);
    // The report counts every connection's requests: the lanes' HEADs and PUTs, and the
    // pull and the push on the sync's own connection.
    QCOMPARE(meeting.requests.load(), 2 * files);
    QCOMPARE(report.requests, own.requestCount() + meeting.requests.load());
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
}

void TestSyncServer::aLaneThatCannotConnectStopsTheSync()
{
    auto store = deviceWithPlan("deadlane");
    QVERIFY(store);
    simulate(*store, 3, 4, 30 * kKiB, 91);
    const std::int64_t pending = store->pendingCount();

    // The lanes go to a port nothing listens on (a relay that has been stopped).
    TransportOptions dead = transportOptions(*loadEnrolment(*store));
    {
        TcpRelay relay(m_office.port());
        dead.base_url = "http://127.0.0.1:" + std::to_string(relay.port());
    }
    SyncOptions options = noRetry();
    options.upload_transport = [&dead] { return std::make_unique<CurlTransport>(dead); };
    QVERIFY_THROWS_EXCEPTION(NetworkError, m_office.sync(*store, options));
    // No item went without its files: all of them are still pending, none is at the office.
    QCOMPARE(store->pendingCount(), pending);
    auto db = m_office.officeDb();
    Statement held(*db, "SELECT count(*) FROM inspection i JOIN device d ON d.id = i.device_id "
                        "WHERE d.name = 'test deadlane'");
    QVERIFY(held.step());
    QCOMPARE(held.integer(0), std::int64_t{0});

    const SyncReport report = m_office.sync(*store);
    QVERIFY2(report.complete(), summarize(report).c_str());
    FP_VERIFY_MATCHES_OFFICE(*store, m_office);
}

void TestSyncServer::tlsIsVerifiedAgainstThePinnedCa()
{
    QTemporaryDir keys;
    if (!hasOpenssl())
        QSKIP("no openssl command to make a test certificate");
    const TestCertificate tls = makeTestCertificate(keys.path());
    QVERIFY2(tls.error.isEmpty(), qPrintable(tls.error));
    const QString &cert = tls.cert;
    SyncOffice office;
    QVERIFY2(office.setUp({"--tls-cert", cert, "--tls-key", tls.key}), qPrintable(office.error()));
    QVERIFY(office.baseUrl().starts_with("https://"));

    // The office's own certificate is not in the system's trust store: refused.
    {
        DeviceStore store(office.tempPath().toStdString() + "/untrusting.db",
                          office.tempPath().toStdString() + "/untrusting.photos");
        TransportOptions options;
        options.base_url = office.baseUrl();
        CurlTransport transport(options);
        QVERIFY_THROWS_EXCEPTION(NetworkError,
                                 enrollDevice(store, transport,
                                              EnrollInput{office.baseUrl(), std::nullopt, "zhang",
                                                          SyncOffice::kPassword, "untrusting"}));
        QVERIFY(!loadEnrolment(store));
    }
    // Pinned to the office's CA: enrolment, pull and push all go over verified TLS.
    auto store = office.enrolDevice("pinned", "zhang", cert.toStdString());
    QVERIFY(store);
    QCOMPARE(loadEnrolment(*store)->ca_file->string(), cert.toStdString());
    office.sync(*store);
    simulate(*store, 2, 1, 30 * kKiB, 71);
    QVERIFY(office.sync(*store).complete());
    FP_VERIFY_MATCHES_OFFICE(*store, office);
}

QTEST_GUILESS_MAIN(TestSyncServer)
#include "tst_syncserver.moc"
