// The sync engine's decisions against a scripted transport (no network): retries of transient
// failures only, the server's message on errors, one request for a no-op sync, outbox rows
// marked done only for stored/duplicate, rejected items kept and parked, cancellation, and the
// pull page applied with its cursor in one transaction.

#include "client/apiclient.h"
#include "client/blobrefs.h"
#include "client/pullapplier.h"
#include "client/rejectionlog.h"
#include "client/simulate/simulator.h"
#include "client/syncengine.h"
#include "client/syncerror.h"
#include "client/syncsettings.h"
#include "client/syncstatus.h"
#include "device/outboxquery.h"
#include "faketransport.h"

#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace fp;
using namespace fp::test;
using std::chrono::milliseconds;

namespace {

const RetryPolicy kFastRetry{4, milliseconds(1), milliseconds(5)};

SyncOptions fast(RetryPolicy retry = kFastRetry)
{
    SyncOptions options;
    options.retry = retry;
    return options;
}

HttpResponse emptyPage(const std::string &cursor = "1.1")
{
    return jsonResponse(200, Json{{"cursor", cursor},
                                  {"more", false},
                                  {"items", Json::array()},
                                  {"deleted", Json::array()}}
                                 .dump());
}

/// A push answer: every item gets `status`, except ids listed in `rejected`.
HttpResponse pushAnswer(const HttpRequest &request, const std::string &status,
                        const std::set<std::string> &rejected = {})
{
    const Json body = parseJson(request.body);
    Json results = Json::array();
    for (const Json &item : body["items"]) {
        Json r{{"type", item["type"]}, {"id", item["id"]}, {"version", item["version"]}};
        const bool no = rejected.contains(item["id"].get<std::string>());
        r["status"] = no ? "rejected" : status;
        if (no) {
            r["code"] = "out_of_scope";
            r["reason"] = "not in your scope";
        }
        results.push_back(r);
    }
    return jsonResponse(200, Json{{"results", results}}.dump());
}

} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

  private slots:
    void init();
    void cleanup();

    void retriesOnlyTransientFailures();
    void networkErrorsAreRetriedBoundedly();
    void errorsCarryTheServersMessage();
    void cancelStopsTheBackoff();
    void noOpSyncIsOneRequest();
    void pushMarksOnlyAcknowledgedItems();
    void rejectedItemsStayPendingAndParked();
    void batchesAreBoundedByCountAndBytes();
    void missingBlobIsUploadedAndPushedOnceMore();
    void pullAppliesPagesWithTheirCursor();
    void blobRefsNamePhotosAndSignatures();
    void outboxPagingSurvivesAcknowledgements();

  private:
    void enrol();
    void simulate(int inspections, int photos = 0);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<DeviceStore> m_store;
};

void TestSyncEngine::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const std::string root = m_dir->path().toStdString();
    m_store = std::make_unique<DeviceStore>(root + "/device.db", root + "/photos");
}

void TestSyncEngine::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

void TestSyncEngine::enrol()
{
    saveEnrolment(*m_store,
                  Enrolment{"http://127.0.0.1:1", std::nullopt, "device-1", "token-1", "zhang"});
    m_store->setSyncValue(synckey::kCursor, "1.1");
}

void TestSyncEngine::simulate(int inspections, int photos)
{
    Region region{"r1", "马风镇", RegionKind::Town};
    Enterprise e;
    e.id = "e1";
    e.credit_code = "91210381G6P2UGEH1D";
    e.name = "示例天成钢铁有限公司";
    e.region_id = region.id;
    Equipment eq;
    eq.id = "q1";
    eq.enterprise_id = e.id;
    eq.kind = "工频炉";
    m_store->put(region);
    m_store->put(e);
    m_store->put(eq);
    sim::SimulateOptions options;
    options.inspections = inspections;
    options.photos = photos;
    options.photo_bytes = 8 * 1024;
    options.acceptance_visits = false;
    sim::Simulator(*m_store, options).run();
}

void TestSyncEngine::retriesOnlyTransientFailures()
{
    int calls = 0;
    FakeTransport transport([&](const HttpRequest &) {
        ++calls;
        return calls < 3 ? jsonResponse(503, "{}") : jsonResponse(200, "{}");
    });
    ApiClient api(transport, "t", kFastRetry, nullptr);
    QCOMPARE(api.send(HttpRequest{}).status, 200);
    QCOMPARE(transport.requestCount(), 3);
    QCOMPARE(api.retries(), 2);

    for (int status : {400, 401, 403, 404, 409, 413, 422}) {
        FakeTransport once([&](const HttpRequest &) { return jsonResponse(status, "{}"); });
        ApiClient client(once, "t", kFastRetry, nullptr);
        QCOMPARE(client.send(HttpRequest{}).status, status);
        QCOMPARE(once.requestCount(), 1); // never repeated
    }
    FakeTransport busy([&](const HttpRequest &) { return jsonResponse(429, "{}"); });
    ApiClient client(busy, "t", kFastRetry, nullptr);
    QCOMPARE(client.send(HttpRequest{}).status, 429); // the last answer, after the bound
    QCOMPARE(busy.requestCount(), kFastRetry.max_attempts);
    // The token travels on every request.
    QCOMPARE(transport.sent().front().headers.at("Authorization"), std::string("Bearer t"));
}

void TestSyncEngine::networkErrorsAreRetriedBoundedly()
{
    FakeTransport down(
        [](const HttpRequest &) -> HttpResponse { throw NetworkError("connection refused"); });
    ApiClient api(down, "t", kFastRetry, nullptr);
    QVERIFY_THROWS_EXCEPTION(NetworkError, api.send(HttpRequest{}));
    QCOMPARE(down.requestCount(), kFastRetry.max_attempts);

    int calls = 0;
    FakeTransport flaky([&](const HttpRequest &) -> HttpResponse {
        if (++calls == 1)
            throw NetworkError("connection reset");
        return jsonResponse(200, "{}");
    });
    ApiClient again(flaky, "t", kFastRetry, nullptr);
    QCOMPARE(again.send(HttpRequest{}).status, 200);
    QCOMPARE(flaky.requestCount(), 2);
}

void TestSyncEngine::errorsCarryTheServersMessage()
{
    enrol();
    FakeTransport revoked([](const HttpRequest &) {
        return jsonResponse(
            401, R"({"error":"device_revoked","message":"this device was revoked by the office"})");
    });
    SyncEngine engine(*m_store, revoked, fast());
    try {
        engine.run();
        QFAIL("a revoked device must not sync");
    } catch (const ServerError &e) {
        QCOMPARE(e.status(), 401);
        QCOMPARE(e.code(), std::string("device_revoked"));
        QCOMPARE(std::string(e.what()), std::string("this device was revoked by the office"));
    }
    QCOMPARE(revoked.requestCount(), 1); // a 401 is never retried
    QVERIFY(m_store->syncValue(synckey::kLastOutcome)->find("revoked") != std::string::npos);

    // Not our JSON (a proxy's HTML page): the status is named instead.
    FakeTransport proxy([](const HttpRequest &) { return jsonResponse(403, "<html>no</html>"); });
    SyncEngine second(*m_store, proxy, fast());
    try {
        second.run();
        QFAIL("a 403 must stop the sync");
    } catch (const ServerError &e) {
        QVERIFY(std::string(e.what()).find("HTTP 403") != std::string::npos);
    }
}

void TestSyncEngine::cancelStopsTheBackoff()
{
    enrol();
    std::atomic<bool> cancel{false};
    FakeTransport down([](const HttpRequest &) -> HttpResponse { throw NetworkError("down"); });
    SyncOptions options;
    options.retry = RetryPolicy{50, milliseconds(10000), milliseconds(10000)};
    options.cancel = &cancel;
    SyncEngine engine(*m_store, down, options);
    std::jthread canceller([&] {
        std::this_thread::sleep_for(milliseconds(200));
        cancel = true;
    });
    const auto start = std::chrono::steady_clock::now();
    QVERIFY_THROWS_EXCEPTION(SyncCancelled, engine.run());
    canceller.join();
    // Without the cancel the first backoff alone would wait at least 5 s.
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
}

void TestSyncEngine::noOpSyncIsOneRequest()
{
    enrol();
    FakeTransport office([](const HttpRequest &) { return emptyPage(); });
    const SyncReport report = SyncEngine(*m_store, office, fast()).run();
    QCOMPARE(office.requestCount(), 1);
    QCOMPARE(report.requests, 1);
    QVERIFY(report.complete());
    QCOMPARE(office.sent().front().method, std::string("GET"));
    QVERIFY(office.sent().front().target.find("cursor=1.1") != std::string::npos);
    QVERIFY(!m_store->syncValue(synckey::kLastSync).value_or("").empty());
}

void TestSyncEngine::pushMarksOnlyAcknowledgedItems()
{
    enrol();
    simulate(6);
    QCOMPARE(m_store->pendingCount(), 6);
    // The office stores the first batch but the answer to the second never arrives.
    int pushes = 0;
    FakeTransport office([&](const HttpRequest &r) -> HttpResponse {
        if (r.method == "GET")
            return emptyPage();
        if (++pushes == 2)
            throw NetworkError("cut");
        return pushAnswer(r, pushes == 1 ? "stored" : "duplicate");
    });
    SyncOptions options = fast(RetryPolicy{1, milliseconds(1), milliseconds(1)});
    options.push.max_items = 4;
    QVERIFY_THROWS_EXCEPTION(NetworkError, SyncEngine(*m_store, office, options).run());
    QCOMPARE(m_store->pendingCount(), 2); // the unanswered batch stays pending
    // Next time the office answers "duplicate" (it had stored them): now they are done.
    const SyncReport report = SyncEngine(*m_store, office, options).run();
    QCOMPARE(report.items_duplicate, 2);
    QCOMPARE(m_store->pendingCount(), 0);
}

void TestSyncEngine::rejectedItemsStayPendingAndParked()
{
    enrol();
    simulate(3);
    const auto pending = m_store->pendingOutboxAfter(std::nullopt, 10);
    const std::string refused = pending[1].id;
    FakeTransport office([&](const HttpRequest &r) {
        return r.method == "GET" ? emptyPage() : pushAnswer(r, "stored", {refused});
    });
    SyncReport report = SyncEngine(*m_store, office, fast()).run();
    QCOMPARE(report.items_stored, 2);
    QCOMPARE(report.rejected.size(), std::size_t(1));
    QCOMPARE(report.rejected.front().code, std::string("out_of_scope"));
    QVERIFY(!report.complete());
    QCOMPARE(m_store->pendingCount(), 1); // never dropped
    const SyncStatus status = readSyncStatus(*m_store);
    QCOMPARE(status.rejected.size(), std::size_t(1));
    QCOMPARE(status.rejected.front().id, refused);

    // The same revision is not sent again: the next sync is a pull only.
    const auto before = office.requestCount();
    report = SyncEngine(*m_store, office, fast()).run();
    QCOMPARE(office.requestCount() - before, 1);
    QCOMPARE(report.items_parked, 1);
    QVERIFY(!report.complete());

    // Asked to retry rejected items, it goes again; accepted now, it is done and forgotten.
    office.setResponder([](const HttpRequest &r) {
        return r.method == "GET" ? emptyPage() : pushAnswer(r, "stored");
    });
    SyncOptions retry = fast();
    retry.push.retry_rejected = true;
    report = SyncEngine(*m_store, office, retry).run();
    QCOMPARE(report.items_stored, 1);
    QVERIFY(report.complete());
    QVERIFY(readSyncStatus(*m_store).rejected.empty());
}

void TestSyncEngine::batchesAreBoundedByCountAndBytes()
{
    enrol();
    simulate(10);
    std::vector<std::size_t> batchSizes;
    std::size_t largestBody = 0;
    FakeTransport office([&](const HttpRequest &r) {
        if (r.method == "GET")
            return emptyPage();
        batchSizes.push_back(parseJson(r.body)["items"].size());
        largestBody = std::max(largestBody, r.body.size());
        return pushAnswer(r, "stored");
    });
    SyncOptions options = fast();
    options.push.max_items = 4;
    SyncEngine(*m_store, office, options).run();
    QCOMPARE(batchSizes, (std::vector<std::size_t>{4, 4, 2}));

    // By bytes: a budget of about two payloads makes batches of two (one if a payload is big).
    const auto one = m_store->pendingOutboxAfter(std::nullopt, 1);
    QVERIFY(one.empty());
    simulate(6);
    const std::size_t payload = m_store->pendingOutboxAfter(std::nullopt, 1)[0].payload.size();
    batchSizes.clear();
    options.push.max_items = 100;
    options.push.max_bytes = 2 * (payload + 200) + 100;
    SyncEngine(*m_store, office, options).run();
    QVERIFY(batchSizes.size() >= 3);
    for (std::size_t n : batchSizes)
        QVERIFY(n >= 1 && n <= 2);
    QCOMPARE(m_store->pendingCount(), 0);
}

void TestSyncEngine::missingBlobIsUploadedAndPushedOnceMore()
{
    enrol();
    simulate(1, 1);
    // The office says it holds the photo, then on push says it does not (it lost it).
    bool lost = false;
    std::set<std::string> held;
    std::vector<std::string> script;
    FakeTransport office([&](const HttpRequest &r) -> HttpResponse {
        script.push_back(r.method);
        if (r.method == "GET")
            return emptyPage();
        const std::string sha = r.target.substr(r.target.rfind('/') + 1);
        if (r.method == "HEAD") {
            HttpResponse h = jsonResponse(!lost || held.contains(sha) ? 200 : 404, "");
            h.headers["upload-offset"] = "0";
            return h;
        }
        if (r.method == "PUT") {
            held.insert(sha);
            return jsonResponse(201, "{}");
        }
        if (!lost) {
            lost = true;
            Json results = Json::array();
            const Json body = parseJson(r.body); // named: a temporary would die before the loop
            for (const Json &item : body["items"])
                results.push_back({{"type", item["type"]},
                                   {"id", item["id"]},
                                   {"version", item["version"]},
                                   {"status", "rejected"},
                                   {"code", "missing_blob"},
                                   {"reason", "upload it first"}});
            return jsonResponse(200, Json{{"results", results}}.dump());
        }
        return pushAnswer(r, "stored");
    });
    const SyncReport report = SyncEngine(*m_store, office, fast()).run();
    QCOMPARE(script, (std::vector<std::string>{"GET", "HEAD", "POST", "HEAD", "PUT", "POST"}));
    QCOMPARE(report.items_stored, 1);
    QCOMPARE(report.blobs_uploaded, 1);
    QVERIFY(report.rejected.empty());
    QVERIFY(report.complete());
}

void TestSyncEngine::pullAppliesPagesWithTheirCursor()
{
    PullApplier applier(*m_store);
    PullPage first;
    first.cursor = "1.10";
    first.more = true;
    first.items = {PullItem{"region", "r1", Json(Region{"r1", "马风镇", RegionKind::Town})},
                   PullItem{"task", "t1", Json{{"id", "t1"}, {"kind", "no such kind"}}},
                   PullItem{"future_type", "x", Json::object()}};
    Enterprise e;
    e.id = "e1";
    e.credit_code = "91210381G6P2UGEH1D";
    e.name = "示例";
    e.region_id = "r1";
    first.items.push_back(PullItem{"enterprise", "e1", Json(e)});
    PullCounts counts = applier.apply(first);
    QCOMPARE(counts.upserted, 2);
    QCOMPARE(counts.skipped, 2); // an undecodable row and an unknown type do not block the feed
    QVERIFY(counts.reset);       // a first page replaces whatever office rows were there
    QCOMPARE(m_store->syncValue(synckey::kCursor).value(), std::string("1.10"));
    QCOMPARE(m_store->enterprises().size(), std::size_t(1));

    PullPage second;
    second.cursor = "1.11";
    second.deleted = {Tombstone{"enterprise", "e1"}, Tombstone{"enterprise", "never-held"}};
    counts = applier.apply(second);
    QVERIFY(!counts.reset);
    QCOMPARE(counts.removed, 2);
    QVERIFY(m_store->enterprises().empty());
    QCOMPARE(m_store->regions().size(), std::size_t(1));

    PullPage reset;
    reset.cursor = "2.11";
    reset.reset = true; // the scope changed: everything office-owned is replaced
    counts = applier.apply(reset);
    QVERIFY(counts.reset);
    QVERIFY(m_store->regions().empty());
    QCOMPARE(m_store->syncValue(synckey::kCursor).value(), std::string("2.11"));
}

void TestSyncEngine::blobRefsNamePhotosAndSignatures()
{
    const std::string a(64, 'a'), b(64, 'b'), c(64, 'c');
    const Json bundle{
        {"photos",
         {{{"sha256", a}}, {{"sha256", b}}, {{"sha256", a}}, {{"sha256", "../../etc/passwd"}}}},
        {"opinion", {{"signatures", {{{"sha256", c}}, {{"sha256", 5}}}}}}};
    QCOMPARE(blobRefs(bundle), (std::vector<std::string>{a, b, c}));
    QVERIFY(blobRefs(Json::array()).empty());
    QVERIFY(blobRefs(Json{{"photos", "nope"}}).empty());
}

void TestSyncEngine::outboxPagingSurvivesAcknowledgements()
{
    simulate(7);
    std::set<std::string> seen;
    std::optional<OutboxKey> after;
    for (int page = 0; page < 10; ++page) {
        const auto rows = m_store->pendingOutboxAfter(after, 3);
        if (rows.empty())
            break;
        for (const OutboxItem &row : rows) {
            QVERIFY(seen.insert(row.id).second); // each row exactly once
            if (seen.size() % 2 == 0)
                m_store->markPushed(row.type, row.id, row.version); // removed behind the reader
        }
        after = OutboxKey{rows.back().queued_at, rows.back().type, rows.back().id};
    }
    QCOMPARE(seen.size(), std::size_t(7));
    QCOMPARE(m_store->pendingCount(), 4);
}

QTEST_GUILESS_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
