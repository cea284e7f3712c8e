// Hostile requests against the real server (DESIGN §8): another device's token, a revoked
// device, another region's enterprise, replayed push batches (also concurrent), huge and
// absurdly nested JSON, slow-loris connections that stop mid-request, and blob ids with path
// tricks. Each is answered with the documented status and a JSON body, and the server keeps
// serving everyone else. The server runs with --io-timeout-s 2 so that the slow-loris bound
// is checked in seconds.

#include "apifixture.h"
#include "core/sha256.h"
#include "db/database.h"
#include "rawsocket.h"
#include "testdata.h"

#include <QtTest>

#include <filesystem>
#include <set>
#include <thread>

using namespace fp;
using namespace fp::test;
using namespace std::chrono_literals;

namespace {

constexpr int kIoTimeoutS = 2;

bool isJsonError(const HttpResult &r, const std::string &code)
{
    const auto j = r.json();
    return j.is_object() && j.value("error", std::string()) == code &&
           !j.value("message", std::string()).empty();
}

std::string describe(const HttpResult &r)
{
    return std::to_string(r.status) + " " + r.body.substr(0, 300) + " " + r.error;
}

/// Every path under `dir`, to show that a request created nothing anywhere.
std::set<std::string> listing(const std::filesystem::path &dir)
{
    std::set<std::string> out;
    for (const auto &e : std::filesystem::recursive_directory_iterator(dir))
        if (e.path().extension() != ".db-wal" && e.path().extension() != ".db-shm")
            out.insert(e.path().string());
    return out;
}

} // namespace

class TestServerSecurity : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void anotherDevicesTokenCannotActForIt();
    void revokedDeviceIsRefusedEverywhere();
    void anotherRegionsEnterpriseIsOutOfScope();
    void replayedBatchesStoreOnce();
    void nestedAndHugeJsonIsRefused_data();
    void nestedAndHugeJsonIsRefused();
    void bracketsInsideStringsAreNotNesting();
    void slowLorisIsCutOffWhileOthersAreServed();
    void blobIdPathTricksAreRefused_data();
    void blobIdPathTricksAreRefused();
    void nulInTheRequestLineIsRefused();
    void stillServingAfterwards();

  private:
    std::unique_ptr<HttpClient> client(const EnrolledDevice &device)
    {
        auto http = std::make_unique<HttpClient>(m_office.baseUrl());
        http->setToken(device.token);
        return http;
    }
    Json draftItem(int version, const std::string &enterprise)
    {
        return pushItem(draftBundle(enterprise, m_office.equipmentOf(enterprise).front()), version);
    }

    ApiFixture m_office;
    EnrolledDevice m_zhang;
    EnrolledDevice m_li;
    std::string m_tiancheng; // 马风镇: zhang's scope
    std::string m_fengyuan;  // 感王镇: li's scope
};

void TestServerSecurity::initTestCase()
{
    QVERIFY2(m_office.setUp({"--io-timeout-s", QString::number(kIoTimeoutS)}),
             qPrintable(m_office.error()));
    m_zhang = m_office.enroll("zhang");
    m_li = m_office.enroll("li");
    m_tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    m_fengyuan = m_office.enterpriseId(ApiFixture::kFengyuanCode);
    QVERIFY(!m_zhang.token.empty() && !m_li.token.empty());
    QVERIFY(!m_tiancheng.empty() && !m_fengyuan.empty());
}

void TestServerSecurity::anotherDevicesTokenCannotActForIt()
{
    const EnrolledDevice second = m_office.enroll("zhang");
    const Json item = draftItem(1, m_tiancheng);
    // A token of one device speaking for another device of the same user.
    auto http = client(second);
    const auto r = http->postJson("/api/v1/sync/push", pushBody(m_zhang.id, {item}));
    QVERIFY2(r.status == 400 && isJsonError(r, "device_mismatch"), describe(r).c_str());
    // zhang stores a draft; li's device (another user) may not overwrite it.
    auto mine = client(m_zhang);
    const auto stored = mine->postJson("/api/v1/sync/push", pushBody(m_zhang.id, {item}));
    QCOMPARE(stored.status, 200L);
    QCOMPARE(stored.json()["results"][0]["status"], "stored");
    Json newer = item;
    newer["version"] = 2;
    newer["data"]["inspection"]["enterprise_id"] = m_fengyuan; // in li's scope
    const auto theirs = client(m_li)->postJson("/api/v1/sync/push", pushBody(m_li.id, {newer}));
    QCOMPARE(theirs.status, 200L);
    QCOMPARE(theirs.json()["results"][0]["status"], "rejected");
    QCOMPARE(theirs.json()["results"][0]["code"], "not_owner");
}

void TestServerSecurity::revokedDeviceIsRefusedEverywhere()
{
    const EnrolledDevice tablet = m_office.enroll("zhang");
    const CliRun run = m_office.cli({"device", "revoke", QString::fromStdString(tablet.id)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    auto http = client(tablet);
    const std::string blob = "/api/v1/blobs/" + sha256Hex("revoked photo");
    const HttpResult answers[] = {
        http->get("/api/v1/sync/pull?limit=1"),
        http->postJson("/api/v1/sync/push", pushBody(tablet.id, {draftItem(1, m_tiancheng)})),
        http->put(blob, "revoked photo"),
        http->get(blob),
    };
    for (const auto &r : answers)
        QVERIFY2(r.status == 401 && isJsonError(r, "revoked"), describe(r).c_str());
    QCOMPARE(http->head(blob).status, 401L);
    QVERIFY(!std::filesystem::exists(m_office.dataDir().toStdString() + "/tmp/" +
                                     sha256Hex("revoked photo") + ".part"));
}

void TestServerSecurity::anotherRegionsEnterpriseIsOutOfScope()
{
    auto http = client(m_zhang);
    const Json item = draftItem(1, m_fengyuan);
    const auto r = http->postJson("/api/v1/sync/push", pushBody(m_zhang.id, {item}));
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["results"][0]["status"], "rejected");
    QCOMPARE(r.json()["results"][0]["code"], "out_of_scope");
    Database office((m_office.dataDir() + "/office.db").toStdString());
    Statement held(office, "SELECT count(*) FROM inspection WHERE id = ?");
    QVERIFY(held.bind(1, item["id"].get<std::string>()).step());
    QCOMPARE(held.integer(0), 0);
    // Evidence never flows back to tablets, whosever it is: 403, not the photo.
    const auto photo = http->get("/api/v1/blobs/" + sha256Hex("any"));
    QVERIFY2(photo.status == 403 && isJsonError(photo, "forbidden"), describe(photo).c_str());
}

void TestServerSecurity::replayedBatchesStoreOnce()
{
    std::vector<Json> items;
    for (int i = 0; i < 5; ++i)
        items.push_back(draftItem(1, m_tiancheng));
    const std::string body = pushBody(m_zhang.id, items);
    // Eight devices' worth of replays at once, then three more one after another.
    std::vector<HttpResult> answers(8);
    {
        std::vector<std::thread> threads;
        for (auto &answer : answers)
            threads.emplace_back([&, slot = &answer] {
                *slot = client(m_zhang)->postJson("/api/v1/sync/push", body);
            });
        for (auto &t : threads)
            t.join();
    }
    for (int i = 0; i < 3; ++i)
        answers.push_back(client(m_zhang)->postJson("/api/v1/sync/push", body));
    std::map<std::string, int> stored;
    for (const auto &r : answers) {
        QVERIFY2(r.status == 200, describe(r).c_str());
        const Json body = r.json(); // a named object: iterating a temporary's member dangles
        for (const auto &res : body["results"]) {
            const std::string status = res["status"].get<std::string>();
            QVERIFY2(status == "stored" || status == "duplicate", res.dump().c_str());
            stored[res["id"].get<std::string>()] += status == "stored" ? 1 : 0;
        }
    }
    Database office((m_office.dataDir() + "/office.db").toStdString());
    for (const auto &item : items) {
        const std::string id = item["id"].get<std::string>();
        QCOMPARE(stored[id], 1);
        Statement audit(office, "SELECT count(*) FROM push_audit WHERE item_id = ? AND "
                                "status = 'stored'");
        QVERIFY(audit.bind(1, id).step());
        QCOMPARE(audit.integer(0), 1);
        Statement held(office, "SELECT count(*) FROM inspection WHERE id = ?");
        QVERIFY(held.bind(1, id).step());
        QCOMPARE(held.integer(0), 1);
    }
}

void TestServerSecurity::nestedAndHugeJsonIsRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    const QString push = "/api/v1/sync/push";
    const QString enroll = "/api/v1/devices/enroll";
    const QByteArray open(100000, '[');
    QTest::newRow("push: 100,000 open arrays") << push << open << 400 << "bad_request";
    QTest::newRow("push: 100,000 balanced arrays")
        << push << open + QByteArray(100000, ']') << 400 << "bad_request";
    QByteArray objects;
    for (int i = 0; i < 100000; ++i)
        objects += "{\"a\":";
    QTest::newRow("push: 100,000 nested objects") << push << objects << 400 << "bad_request";
    QTest::newRow("enroll: 100,000 open arrays") << enroll << open << 413 << "too_large";
    QTest::newRow("enroll: 60,000 open arrays")
        << enroll << QByteArray(60000, '[') << 400 << "bad_request";
    QTest::newRow("push: 15 MiB of open arrays")
        << push << QByteArray(15 << 20, '[') << 400 << "bad_request";
    QTest::newRow("push: 17 MiB body") << push << QByteArray(17 << 20, ' ') << 413 << "too_large";
    // Nesting 33 deep inside an item's data: over the documented 32 levels.
    QByteArray data = "{\"device_id\":\"x\",\"batch_id\":\"b\",\"items\":[{\"data\":";
    data += QByteArray(30, '[') + QByteArray(30, ']') + "}]}";
    QTest::newRow("push: 33 levels inside an item") << push << data << 400 << "bad_request";
}

void TestServerSecurity::nestedAndHugeJsonIsRefused()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, error);
    auto http = client(m_zhang);
    const auto r = http->postJson(path.toStdString(), body.toStdString());
    QVERIFY2(r.status == status && isJsonError(r, error.toStdString()), describe(r).c_str());
    QCOMPARE(client(m_zhang)->get("/api/v1/sync/pull?limit=1").status, 200L);
}

void TestServerSecurity::bracketsInsideStringsAreNotNesting()
{
    // 100,000 brackets inside a string are text, not nesting: the body is well-formed and the
    // answer is about the credentials, not the JSON.
    const Json body{{"username", "nobody"},
                    {"password", std::string(50000, '[') + std::string(50000, '{')},
                    {"device_name", "d"}};
    HttpClient http(m_office.baseUrl());
    const auto r = http.postJson("/api/v1/devices/enroll", body.dump());
    QVERIFY2(r.status == 413 || (r.status == 401 && isJsonError(r, "bad_credentials")),
             describe(r).c_str());
    const Json small{{"username", "nobody"}, {"password", "[[[[{{{{\\\"]]"}, {"device_name", "d"}};
    const auto s = http.postJson("/api/v1/devices/enroll", small.dump());
    QVERIFY2(s.status == 401 && isJsonError(s, "bad_credentials"), describe(s).c_str());
}

void TestServerSecurity::slowLorisIsCutOffWhileOthersAreServed()
{
    // More half-requests than the server has worker threads (32): every one must be closed
    // within the I/O timeout, and an honest device must still get its answer meanwhile.
    const std::uint16_t port = portOf(m_office.baseUrl());
    std::vector<std::unique_ptr<RawSocket>> loris;
    for (int i = 0; i < 40; ++i) {
        auto s = std::make_unique<RawSocket>(port);
        QVERIFY(s->connected());
        const std::string half =
            i % 2 == 0 ? "GET /api/v1/sync/pull HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthor"
                       : "POST /api/v1/sync/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
                         "Bearer " +
                             m_zhang.token + "\r\nContent-Length: 5000\r\n\r\n{\"device_id\":";
        QVERIFY(s->send(half));
        loris.push_back(std::move(s));
    }
    const auto started = std::chrono::steady_clock::now();
    const auto honest = client(m_zhang)->get("/api/v1/sync/pull?limit=1");
    const auto honestTook = std::chrono::steady_clock::now() - started;
    QVERIFY2(honest.status == 200, describe(honest).c_str());
    QVERIFY2(honestTook < std::chrono::seconds(3 * kIoTimeoutS + 5), "the honest request starved");
    for (auto &s : loris) {
        const auto end = s->readUntilClosed(std::chrono::seconds(3 * kIoTimeoutS + 5));
        QVERIFY2(end.closed, "a half-sent request kept its connection open past the bound");
    }
    qInfo("40 half-sent requests closed; an honest pull meanwhile took %lld ms",
          static_cast<long long>(
              std::chrono::duration_cast<std::chrono::milliseconds>(honestTook).count()));
}

void TestServerSecurity::blobIdPathTricksAreRefused_data()
{
    QTest::addColumn<QString>("id");
    const std::string hex = sha256Hex("trick");
    QTest::newRow("dot-dot") << "../../office.db";
    QTest::newRow("dot-dot after an id") << QString::fromStdString(hex) + "/../../office.db";
    QTest::newRow("encoded dot-dot") << "%2e%2e%2f%2e%2e%2foffice.db";
    QTest::newRow("double-encoded dot-dot") << "%252e%252e%252foffice.db";
    QTest::newRow("absolute") << "/etc/passwd";
    QTest::newRow("encoded absolute") << "%2fetc%2fpasswd";
    QTest::newRow("backslashes") << "..\\..\\office.db";
    QTest::newRow("encoded NUL after an id") << QString::fromStdString(hex) + "%00";
    QTest::newRow("NUL inside") << QString::fromStdString(hex.substr(0, 32)) + "%00" +
                                       QString::fromStdString(hex.substr(32));
    QTest::newRow("tmp part name") << QString::fromStdString(hex) + ".part";
    QTest::newRow("64 dots") << QString(64, '.');
}

void TestServerSecurity::blobIdPathTricksAreRefused()
{
    QFETCH(QString, id);
    const std::filesystem::path data = m_office.dataDir().toStdString();
    const auto before = listing(data);
    auto http = client(m_zhang);
    const std::string path = "/api/v1/blobs/" + id.toStdString();
    const auto put = http->put(path, "trick");
    QVERIFY2(put.status == 400 && isJsonError(put, "bad_blob_id"), describe(put).c_str());
    const auto get = client(m_zhang)->get(path);
    QVERIFY2((get.status == 400 && isJsonError(get, "bad_blob_id")), describe(get).c_str());
    QCOMPARE(client(m_zhang)->head(path).status, 400L);
    QCOMPARE(listing(data), before);
}

void TestServerSecurity::nulInTheRequestLineIsRefused()
{
    RawSocket s(portOf(m_office.baseUrl()));
    QVERIFY(s.connected());
    const std::string hex = sha256Hex("nul");
    std::string request = "PUT /api/v1/blobs/" + hex.substr(0, 10) + std::string(1, '\0') +
                          hex.substr(11) + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                          m_zhang.token + "\r\nContent-Length: 3\r\n\r\nnul";
    QVERIFY(s.send(request));
    const auto end = s.readUntilClosed(std::chrono::seconds(3 * kIoTimeoutS + 5));
    QVERIFY2(end.received.starts_with("HTTP/1.1 400"), end.received.c_str());
    QVERIFY2(end.received.find("\"error\"") != std::string::npos, end.received.c_str());
}

void TestServerSecurity::stillServingAfterwards()
{
    QVERIFY(m_office.server().isRunning());
    QCOMPARE(client(m_zhang)->get("/api/v1/sync/pull?limit=1").status, 200L);
    QCOMPARE(m_office.server().stop(), 0);
}

QTEST_GUILESS_MAIN(TestServerSecurity)
#include "tst_serversecurity.moc"
