// The bad-input matrix (issue 3, DESIGN §8): malformed JSON, wrong types, missing fields, huge
// numbers, path tricks, bad ranges and cursors, wrong methods. Each is answered with the right
// 4xx and a JSON {"error", "message"} body, and the server keeps serving.

#include "apifixture.h"
#include "core/sha256.h"
#include "testdata.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

class TestServerBadInput : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void refusesWithJson_data();
    void refusesWithJson();
    void stillServingAfterwards();
    void matrixIsLargeEnough();

  private:
    ApiFixture m_office;
    EnrolledDevice m_device;
    std::unique_ptr<HttpClient> m_http; // one kept-alive connection through the whole matrix
    int m_cases = 0;
};

void TestServerBadInput::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_device = m_office.enroll("zhang");
    m_http = std::make_unique<HttpClient>(m_office.baseUrl());
}

void TestServerBadInput::refusesWithJson_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<bool>("auth");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");    // expected code, or empty for any
    QTest::addColumn<QString>("mentions"); // the message must contain this, or empty

    const QString enroll = "/api/v1/devices/enroll";
    const QString pull = "/api/v1/sync/pull";
    const QString push = "/api/v1/sync/push";
    const QString blob = "/api/v1/blobs/";
    const QString someBlob = blob + QString::fromStdString(sha256Hex("some blob"));
    const QByteArray dev = QByteArray::fromStdString(m_device.id);
    const auto pushWith = [&](const QByteArray &item) {
        return "{\"device_id\":\"" + dev + "\",\"batch_id\":\"b1\",\"items\":[" + item + "]}";
    };
    const QByteArray goodItem =
        QByteArray::fromStdString(pushItem(draftBundle("e", "q"), 1).dump());
    const auto itemWith = [&](const char *key, const QByteArray &value) {
        Json j = Json::parse(goodItem.toStdString());
        if (value.isEmpty())
            j.erase(key);
        else
            j[key] = Json::parse(value.toStdString());
        return QByteArray::fromStdString(j.dump());
    };
    const QStringList none;
    const auto row = [&](const char *name, const QString &method, const QString &path,
                         const QByteArray &body, const QStringList &headers, bool auth, int status,
                         const QString &error, const QString &mentions = {}) {
        QTest::newRow(name) << method << path << body << headers << auth << status << error
                            << mentions;
        ++m_cases;
    };

    // enrol
    row("enroll: truncated JSON", "POST", enroll, "{", none, false, 400, "bad_request", "$");
    row("enroll: empty body", "POST", enroll, "", none, false, 400, "bad_request");
    row("enroll: array", "POST", enroll, "[]", none, false, 400, "bad_request", "object");
    row("enroll: null", "POST", enroll, "null", none, false, 400, "bad_request");
    row("enroll: number username", "POST", enroll,
        R"({"username":5,"password":"p","device_name":"d"})", none, false, 400, "bad_request",
        "request.username");
    row("enroll: missing password", "POST", enroll, R"({"username":"zhang","device_name":"d"})",
        none, false, 400, "bad_request", "request.password");
    row("enroll: empty device name", "POST", enroll,
        R"({"username":"zhang","password":"p","device_name":""})", none, false, 400, "bad_request",
        "device_name");
    row("enroll: nested 200 deep", "POST", enroll, QByteArray(200, '[') + QByteArray(200, ']'),
        none, false, 400, "bad_request", "nested");
    row("enroll: broken UTF-8", "POST", enroll,
        "{\"username\":\"\xff\xfe\",\"password\":\"p\",\"device_name\":\"d\"}", none, false, 400,
        "bad_request");
    row("enroll: trailing garbage", "POST", enroll,
        R"({"username":"a","password":"p","device_name":"d"} x)", none, false, 400, "bad_request");
    row("enroll: 100 KB body", "POST", enroll,
        "{\"username\":\"" + QByteArray(100 * 1024, 'a') + "\"}", none, false, 413, "too_large");
    row("enroll: GET", "GET", enroll, "", none, false, 405, "method_not_allowed");

    // pull
    row("pull: garbage cursor", "GET", pull + "?cursor=abc", "", none, true, 400, "bad_cursor");
    row("pull: negative seq", "GET", pull + "?cursor=1.-5", "", none, true, 400, "bad_cursor");
    row("pull: huge cursor", "GET", pull + "?cursor=99999999999999999999999.1", "", none, true, 400,
        "bad_cursor");
    row("pull: limit not a number", "GET", pull + "?limit=abc", "", none, true, 400, "bad_request",
        "limit");
    row("pull: limit 0", "GET", pull + "?limit=0", "", none, true, 400, "bad_request", "limit");
    row("pull: limit negative", "GET", pull + "?limit=-1", "", none, true, 400, "bad_request");
    row("pull: limit overflows", "GET", pull + "?limit=99999999999999999999", "", none, true, 400,
        "bad_request");
    row("pull: POST", "POST", pull, "{}", none, true, 405, "method_not_allowed");
    row("pull: Basic auth", "GET", pull, "", {"Authorization: Basic emhhbmc6eA=="}, false, 401,
        "unauthorized");
    row("pull: empty bearer", "GET", pull, "", {"Authorization: Bearer "}, false, 401,
        "unauthorized");

    // push
    row("push: truncated JSON", "POST", push, "{\"device_id\":", none, true, 400, "bad_request");
    row("push: empty body", "POST", push, "", none, true, 400, "bad_request");
    row("push: other device", "POST", push,
        R"({"device_id":"someone-else","batch_id":"b","items":[]})", none, true, 400,
        "device_mismatch");
    row("push: items an object", "POST", push,
        "{\"device_id\":\"" + dev + "\",\"batch_id\":\"b\",\"items\":{}}", none, true, 400,
        "bad_request", "request.items");
    row("push: missing batch_id", "POST", push, "{\"device_id\":\"" + dev + "\",\"items\":[]}",
        none, true, 400, "bad_request", "request.batch_id");
    row("push: version a string", "POST", push, pushWith(itemWith("version", "\"1\"")), none, true,
        400, "bad_request", "request.items[0].version");
    row("push: version 1e400", "POST", push,
        pushWith(QByteArray(goodItem).replace("\"version\":1", "\"version\":1e400")), none, true,
        400, "bad_request");
    row("push: version beyond int64", "POST", push,
        pushWith(itemWith("version", "99999999999999999999")), none, true, 400, "bad_request",
        "version");
    row("push: version 0", "POST", push, pushWith(itemWith("version", "0")), none, true, 400,
        "bad_request", "version");
    row("push: version fractional", "POST", push, pushWith(itemWith("version", "1.5")), none, true,
        400, "bad_request", "version");
    row("push: data missing", "POST", push, pushWith(itemWith("data", "")), none, true, 400,
        "bad_request", "request.items[0].data");
    row("push: data a number", "POST", push, pushWith(itemWith("data", "5")), none, true, 400,
        "bad_request", "data");
    row("push: type a number", "POST", push, pushWith(itemWith("type", "7")), none, true, 400,
        "bad_request", "request.items[0].type");
    row("push: device_time missing", "POST", push, pushWith(itemWith("device_time", "")), none,
        true, 400, "bad_request", "device_time");
    row("push: GET", "GET", push, "", none, true, 405, "method_not_allowed");
    row("push: DELETE", "DELETE", push, "", none, true, 405, "method_not_allowed");

    // blobs
    row("blob: not hex", "PUT", blob + "xyz", "x", none, true, 400, "bad_blob_id");
    row("blob: upper-case hex", "PUT", blob + QString::fromStdString(sha256Hex("x")).toUpper(), "x",
        none, true, 400, "bad_blob_id");
    row("blob: 63 digits", "PUT", blob + QString(63, 'a'), "x", none, true, 400, "bad_blob_id");
    row("blob: 65 digits", "PUT", blob + QString(65, 'a'), "x", none, true, 400, "bad_blob_id");
    row("blob: dot-dot", "PUT", blob + "../../../etc/passwd", "x", none, true, 400, "bad_blob_id");
    row("blob: encoded dot-dot", "PUT", blob + "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "x", none, true,
        400, "bad_blob_id");
    row("blob: id then a path", "GET", someBlob + "/x", "", none, true, 400, "bad_blob_id");
    row("blob: NUL byte", "GET", blob + "aa%00bb", "", none, true, 400, "bad_blob_id");
    row("blob: empty id", "GET", blob, "", none, true, 400, "bad_blob_id");
    row("blob: garbage range", "PUT", someBlob, "abc", {"Content-Range: bytes=0-2"}, true, 400,
        "bad_range");
    row("blob: range longer than body", "PUT", someBlob, "abc", {"Content-Range: bytes 0-9/10"},
        true, 400, "bad_range");
    row("blob: reversed range", "PUT", someBlob, "abc", {"Content-Range: bytes 5-2/10"}, true, 400,
        "bad_range");
    row("blob: DELETE", "DELETE", someBlob, "", none, true, 405, "method_not_allowed");
    row("blob: GET by an inspector", "GET", someBlob, "", none, true, 403, "forbidden");

    // elsewhere
    row("unknown path", "GET", "/api/v2/sync/pull", "", none, true, 404, "not_found");
    row("unknown method on root", "PATCH", "/", "x", none, false, 404, "not_found");
}

void TestServerBadInput::refusesWithJson()
{
    QFETCH(QString, method);
    QFETCH(QString, path);
    QFETCH(QByteArray, body);
    QFETCH(QStringList, headers);
    QFETCH(bool, auth);
    QFETCH(int, status);
    QFETCH(QString, error);
    QFETCH(QString, mentions);

    m_http->setToken(auth ? m_device.token : std::string());
    std::vector<std::string> extra;
    for (const auto &h : headers)
        extra.push_back(h.toStdString());
    const bool withBody = method != "GET" && method != "HEAD";
    const auto r = m_http->request(method.toStdString(), path.toStdString(), body.toStdString(),
                                   extra, withBody);
    QVERIFY2(r.error.empty(), r.error.c_str());
    QVERIFY2(r.status == status,
             qPrintable(QString("got %1: %2").arg(r.status).arg(QString::fromStdString(r.body))));
    const auto j = r.json();
    QVERIFY2(j.is_object() && j["error"].is_string() && j["message"].is_string(), r.body.c_str());
    QVERIFY(!j["message"].get<std::string>().empty());
    if (!error.isEmpty())
        QCOMPARE(QString::fromStdString(j["error"].get<std::string>()), error);
    if (!mentions.isEmpty())
        QVERIFY2(QString::fromStdString(j["message"].get<std::string>()).contains(mentions),
                 r.body.c_str());
}

void TestServerBadInput::stillServingAfterwards()
{
    QVERIFY(m_office.server().isRunning());
    m_http->setToken(m_device.token);
    QCOMPARE(m_http->get("/api/v1/sync/pull?limit=1").status, 200L);
    HttpClient fresh(m_office.baseUrl());
    fresh.setToken(m_device.token);
    QCOMPARE(fresh.get("/api/v1/sync/pull?limit=1").status, 200L);
    QCOMPARE(m_office.server().stop(), 0);
}

void TestServerBadInput::matrixIsLargeEnough()
{
    // Issue 3 asks for at least 30 cases; the count is reported in the closing note.
    qInfo("bad-input matrix: %d cases", m_cases);
    QVERIFY(m_cases >= 30);
}

QTEST_GUILESS_MAIN(TestServerBadInput)
#include "tst_serverbadinput.moc"
