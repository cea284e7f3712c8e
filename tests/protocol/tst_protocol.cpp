// The wire types of protocol v1: JSON round trips, strict decoding that names the field,
// Content-Range parsing and formatting, blob id and path rules, the JSON depth limit.

#include "core/error.h"
#include "protocol/api.h"
#include "protocol/blobpath.h"
#include "protocol/contentrange.h"
#include "protocol/enroll.h"
#include "protocol/errorbody.h"
#include "protocol/pullpage.h"
#include "protocol/push.h"
#include "protocol/wirejson.h"

#include <QtTest>

using namespace fp;

namespace {

/// The DecodeError message for decoding `json` as T, or "" if it decoded.
template <typename T> std::string decodeError(const std::string &json)
{
    try {
        decode<T>(parseWireJson(json), "request");
    } catch (const DecodeError &e) {
        return e.what();
    }
    return {};
}

template <typename T> T roundTrip(const T &value)
{
    return decode<T>(parseWireJson(Json(value).dump()), "request");
}

} // namespace

class TestProtocol : public QObject
{
    Q_OBJECT

  private slots:
    void enrollRoundTrips();
    void pullPageRoundTrips();
    void pushRoundTripsWithReservedFields();
    void pushResultRoundTrips();
    void errorBodyRoundTrips();
    void decodingNamesTheField_data();
    void decodingNamesTheField();
    void unknownKeysAreIgnored();
    void jsonDepthIsLimited();
    void contentRangeParses_data();
    void contentRangeParses();
    void contentRangeFormats();
    void blobIdsAndPaths();
};

void TestProtocol::enrollRoundTrips()
{
    const EnrollRequest req{"zhang", "pässwörd", "平板 7"};
    QCOMPARE(roundTrip(req), req);
    const EnrollResponse res{"0190b3a0-1111-7000-8000-000000000001", std::string(64, 'f'), "zhang",
                             Role::Office};
    QCOMPARE(roundTrip(res), res);
    QCOMPARE(Json(res)["role"], "office");
}

void TestProtocol::pullPageRoundTrips()
{
    PullPage page;
    page.cursor = "3.1042";
    page.more = true;
    page.reset = true;
    page.items.push_back(PullItem{"region", "r1", Json{{"id", "r1"}, {"name", "马风镇"}}});
    page.deleted.push_back(Tombstone{"task", "t1"});
    QCOMPARE(roundTrip(page), page);
    const Json j = page;
    QCOMPARE(j["items"][0]["data"]["name"], "马风镇");
    QCOMPARE(j["deleted"][0]["type"], "task");
    QVERIFY(!j.contains("backup")); // absent, not null, without a verified backup

    // How far the office's verified backup reaches (issue 17).
    page.backup = BackupReach{12, "2026-12-03T02:00:00.000Z"};
    QCOMPARE(roundTrip(page), page);
    const Json withBackup = page;
    QCOMPARE(withBackup["backup"]["through_seq"], 12);
    Json negative = withBackup;
    negative["backup"]["through_seq"] = -1;
    QVERIFY_THROWS_EXCEPTION(DecodeError, decode<PullPage>(negative, "page"));
}

void TestProtocol::pushRoundTripsWithReservedFields()
{
    PushItem item{"inspection",
                  "i1",
                  3,
                  Json{{"inspection", Json::object()}},
                  "2017-06-01T08:00:00.000Z",
                  std::string("c2lnbmF0dXJl"),
                  std::string(64, 'a')};
    PushRequest req{"d1", "b1", {item}};
    QCOMPARE(roundTrip(req), req);
    item.signature.reset();
    item.prev_hash.reset();
    const Json j = item;
    QVERIFY(!j.contains("signature")); // absent, not null, until DESIGN §9 lands
    QCOMPARE(roundTrip(PushRequest{"d1", "b1", {item}}).items[0], item);
}

void TestProtocol::pushResultRoundTrips()
{
    const PushResponse res{
        {PushResult{"inspection", "i1", 2, PushStatus::Stored, {}, {}},
         PushResult{"inspection", "i2", 1, PushStatus::Rejected,
                    std::string("upload these blobs first"), std::string("missing_blob")},
         PushResult{"inspection", "i3", 1, PushStatus::Duplicate, {}, {}}}};
    QCOMPARE(roundTrip(res), res);
    const Json j = res;
    QCOMPARE(j["results"][1]["status"], "rejected");
    QCOMPARE(j["results"][1]["code"], "missing_blob");
    QVERIFY(!j["results"][0].contains("reason"));
}

void TestProtocol::errorBodyRoundTrips()
{
    const ErrorBody e{"bad_request", "request.items[0].version: expected an integer"};
    QCOMPARE(roundTrip(e), e);
}

void TestProtocol::decodingNamesTheField_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    QTest::newRow("enroll username") << "enroll"
                                     << R"({"password":"p","device_name":"d"})"
                                     << "request.username";
    QTest::newRow("enroll type") << "enroll"
                                 << R"({"username":1,"password":"p","device_name":"d"})"
                                 << "request.username";
    QTest::newRow("push items") << "push"
                                << R"({"device_id":"d","batch_id":"b","items":5})"
                                << "request.items";
    QTest::newRow("push version")
        << "push"
        << R"({"device_id":"d","batch_id":"b","items":[{"type":"inspection","id":"i","version":"2","data":{},"device_time":"t"}]})"
        << "request.items[0].version";
    QTest::newRow("push version zero")
        << "push"
        << R"({"device_id":"d","batch_id":"b","items":[{"type":"inspection","id":"i","version":0,"data":{},"device_time":"t"}]})"
        << "request.items[0].version";
    QTest::newRow("push data")
        << "push"
        << R"({"device_id":"d","batch_id":"b","items":[{"type":"inspection","id":"i","version":1,"data":[],"device_time":"t"}]})"
        << "request.items[0].data";
    QTest::newRow("push signature type")
        << "push"
        << R"({"device_id":"d","batch_id":"b","items":[{"type":"inspection","id":"i","version":1,"data":{},"device_time":"t","signature":7}]})"
        << "request.items[0].signature";
    QTest::newRow("result status")
        << "result"
        << R"({"results":[{"type":"x","id":"i","version":1,"status":"lost"}]})"
        << "request.results[0].status";
    QTest::newRow("page more") << "page"
                               << R"({"cursor":"1.0","more":"yes"})"
                               << "request.more";
    QTest::newRow("malformed") << "page"
                               << R"({"cursor":)"
                               << "$";
}

void TestProtocol::decodingNamesTheField()
{
    QFETCH(QString, type);
    QFETCH(QString, json);
    QFETCH(QString, field);
    const std::string text = json.toStdString();
    std::string error;
    if (type == "enroll")
        error = decodeError<EnrollRequest>(text);
    else if (type == "push")
        error = decodeError<PushRequest>(text);
    else if (type == "result")
        error = decodeError<PushResponse>(text);
    else
        error = decodeError<PullPage>(text);
    QVERIFY2(QString::fromStdString(error).startsWith(field + ":"), error.c_str());
}

void TestProtocol::unknownKeysAreIgnored()
{
    const auto req = decode<EnrollRequest>(
        parseWireJson(R"({"username":"u","password":"p","device_name":"d","future":1})"),
        "request");
    QCOMPARE(req.username, "u");
}

void TestProtocol::jsonDepthIsLimited()
{
    const auto nested = [](int depth) {
        return std::string(std::size_t(depth), '[') + std::string(std::size_t(depth), ']');
    };
    QVERIFY(parseWireJson(nested(api::kMaxJsonDepth)).is_array());
    try {
        parseWireJson(nested(api::kMaxJsonDepth + 2));
        QFAIL("deep nesting must be refused");
    } catch (const DecodeError &e) {
        QCOMPARE(e.field(), "$");
    }
    QVERIFY_THROWS_EXCEPTION(DecodeError, parseWireJson(nested(100000)));
    // Brackets inside strings (escaped quotes included) are text, not nesting.
    const std::string text = std::string(100, '[') + "\\\"" + std::string(100, '{');
    const Json j = parseWireJson(Json{{"note", text}}.dump());
    QCOMPARE(j["note"], text);
}

void TestProtocol::contentRangeParses_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<qint64>("start");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<qint64>("total");
    QTest::newRow("whole") << "bytes 0-99/100" << true << 0LL << 99LL << 100LL;
    QTest::newRow("tail") << "bytes 400-999/1000" << true << 400LL << 999LL << 1000LL;
    QTest::newRow("one byte") << "bytes 0-0/1" << true << 0LL << 0LL << 1LL;
    QTest::newRow("large") << "bytes 0-4294967296/4294967297" << true << 0LL << 4294967296LL
                           << 4294967297LL;
    QTest::newRow("end past total") << "bytes 0-100/100" << false << 0LL << 0LL << 0LL;
    QTest::newRow("reversed") << "bytes 5-2/10" << false << 0LL << 0LL << 0LL;
    QTest::newRow("unknown total") << "bytes 0-9/*" << false << 0LL << 0LL << 0LL;
    QTest::newRow("unsatisfied") << "bytes */100" << false << 0LL << 0LL << 0LL;
    QTest::newRow("equals sign") << "bytes=0-9/10" << false << 0LL << 0LL << 0LL;
    QTest::newRow("other unit") << "items 0-9/10" << false << 0LL << 0LL << 0LL;
    QTest::newRow("negative") << "bytes -1-9/10" << false << 0LL << 0LL << 0LL;
    QTest::newRow("spaces") << "bytes 0 - 9/10" << false << 0LL << 0LL << 0LL;
    QTest::newRow("trailing") << "bytes 0-9/10x" << false << 0LL << 0LL << 0LL;
    QTest::newRow("overflow") << "bytes 0-9/99999999999999999999" << false << 0LL << 0LL << 0LL;
    QTest::newRow("empty") << "" << false << 0LL << 0LL << 0LL;
}

void TestProtocol::contentRangeParses()
{
    QFETCH(QString, header);
    QFETCH(bool, valid);
    const auto range = parseContentRange(header.toStdString());
    QCOMPARE(range.has_value(), valid);
    if (valid) {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(qint64, total);
        QCOMPARE(range->start, start);
        QCOMPARE(range->end, end);
        QCOMPARE(range->total, total);
        QCOMPARE(range->length(), end - start + 1);
    }
}

void TestProtocol::contentRangeFormats()
{
    const ContentRange r{1024, 2047, 5000};
    QCOMPARE(formatContentRange(r), "bytes 1024-2047/5000");
    QCOMPARE(parseContentRange(formatContentRange(r)), r);
}

void TestProtocol::blobIdsAndPaths()
{
    const std::string id = "ab" + std::string(62, '0');
    QVERIFY(isValidBlobId(id));
    QCOMPARE(blobRelativePath(id).string(), "ab/" + id);
    QCOMPARE(blobUrlPath(id), "/api/v1/blobs/" + id);
    for (const std::string &bad :
         {std::string(), std::string(63, 'a'), std::string(65, 'a'), "AB" + std::string(62, '0'),
          "../" + std::string(61, 'a'), std::string(62, 'a') + "/.", std::string(64, 'g')}) {
        QVERIFY2(!isValidBlobId(bad), bad.c_str());
        QVERIFY_THROWS_EXCEPTION(ValidationError, blobRelativePath(bad));
    }
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
