// The wire's edges against the real server (issue 17 item 4): a photo's declared size must be
// its blob's size; a client that half-closes after a short body still reads
// `400 incomplete_body` with `Upload-Offset`; a resume sent the moment after a cut is not
// refused as `409 upload_busy`.

#include "apifixture.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "protocol/blobpath.h"
#include "protocol/contentrange.h"
#include "rawsocket.h"
#include "testdata.h"
#include "testimages.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

namespace {

/// The head of a PUT of `total` bytes of blob `sha` from `start`, announcing `length` bytes.
std::string putHead(const std::string &token, const std::string &sha, std::int64_t start,
                    std::int64_t length, std::int64_t total)
{
    std::string head = "PUT /api/v1/blobs/" + sha + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    head.append("Authorization: Bearer ").append(token).append("\r\n");
    head.append("Content-Length: ").append(std::to_string(length)).append("\r\n");
    if (start > 0 || length != total)
        head.append("Content-Range: ")
            .append(formatContentRange(ContentRange{start, start + length - 1, total}))
            .append("\r\n");
    return head.append("\r\n");
}

} // namespace

class TestServerWire : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void declaredPhotoSizeMustBeTheBlobs();
    void halfClosedShortBodyReadsIncompleteBody();
    void resumeRightAfterACutIsNotBusy();
    void busyUploadAnswersRetryAfter();

  private:
    ApiFixture m_office;
    EnrolledDevice m_zhang;
    std::string m_tiancheng;
    std::unique_ptr<HttpClient> m_http;
    QRandomGenerator m_rng;
};

void TestServerWire::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_zhang = m_office.enroll("zhang");
    m_tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    QVERIFY(!m_tiancheng.empty());
    m_http = std::make_unique<HttpClient>(m_office.baseUrl());
    m_http->setToken(m_zhang.token);
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    m_rng.seed(seed);
}

void TestServerWire::declaredPhotoSizeMustBeTheBlobs()
{
    const std::string jpeg = test::jpegOf(test::photoLike(64, 48, 17));
    const std::string sha = sha256Hex(jpeg);
    QCOMPARE(m_http->put("/api/v1/blobs/" + sha, jpeg).status, 201L);
    const auto item = m_office.equipmentOf(m_tiancheng).front();

    // One byte more than the blob: refused, named, nothing stored.
    auto lying = finalDismantledBundle(m_tiancheng, item, sha, std::int64_t(jpeg.size()) + 1);
    const auto refused =
        m_http->postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(lying, 1)}));
    QCOMPARE(refused.status, 200L);
    QCOMPARE(firstResultField("status", refused), "rejected");
    QCOMPARE(firstResultField("code", refused), "size_mismatch");
    const std::string reason = refused.json()["results"][0].value("reason", "");
    QVERIFY2(reason.find(std::to_string(jpeg.size())) != std::string::npos, reason.c_str());
    auto db = m_office.officeDb();
    QCOMPARE(
        scalar(*db, "SELECT COUNT(*) FROM inspection WHERE id = '" + lying.inspection.id + "'"), 0);

    // The same visit with the blob's true size is stored.
    lying.photos[0].size = std::int64_t(jpeg.size());
    const auto stored =
        m_http->postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(lying, 2)}));
    QCOMPARE(firstResultField("status", stored), "stored");
}

void TestServerWire::halfClosedShortBodyReadsIncompleteBody()
{
    const std::string bytes = randomContent(5000, m_rng);
    const std::string sha = sha256Hex(bytes);
    RawSocket raw(portOf(m_office.baseUrl()));
    QVERIFY(raw.connected());
    QVERIFY(raw.send(
        putHead(m_zhang.token, sha, 0, std::int64_t(bytes.size()), std::int64_t(bytes.size())) +
        bytes.substr(0, 1234)));
    QVERIFY(raw.shutdownWrite()); // the client is done sending, and still listening
    const auto ending = raw.readUntilClosed(std::chrono::seconds(10));
    QVERIFY2(ending.closed, "the server must close after answering");
    QVERIFY2(ending.received.starts_with("HTTP/1.1 400 "), ending.received.c_str());
    QVERIFY2(ending.received.find("Upload-Offset: 1234\r\n") != std::string::npos,
             ending.received.c_str());
    const auto body = ending.received.substr(ending.received.find("\r\n\r\n") + 4);
    QCOMPARE(nlohmann::json::parse(body, nullptr, false).value("error", ""), "incomplete_body");
    // Exactly one answer on the connection.
    QCOMPARE(ending.received.find("HTTP/1.1", 1), std::string::npos);

    // HEAD says the same, and the rest completes the blob.
    const auto head = m_http->head("/api/v1/blobs/" + sha);
    QCOMPARE(head.status, 404L);
    QCOMPARE(head.header("upload-offset"), "1234");
    const auto rest = m_http->put(
        "/api/v1/blobs/" + sha, bytes.substr(1234),
        {"Content-Range: " + formatContentRange(ContentRange{1234, std::int64_t(bytes.size()) - 1,
                                                             std::int64_t(bytes.size())})});
    QCOMPARE(rest.status, 201L);
}

void TestServerWire::resumeRightAfterACutIsNotBusy()
{
    // Large enough that the cut request still writes out and syncs a few MiB when the resume
    // arrives; before the fix the resume was refused `409 upload_busy` within ~10 ms.
    constexpr std::size_t kSize = 8u << 20;
    constexpr int kRounds = 6;
    int busy = 0;
    for (int round = 0; round < kRounds; ++round) {
        const std::string bytes = randomContent(kSize, m_rng);
        const std::string sha = sha256Hex(bytes);
        const auto total = std::int64_t(bytes.size());
        const std::size_t cut = kSize / 2 + std::size_t(m_rng.bounded(1 << 20));
        {
            RawSocket raw(portOf(m_office.baseUrl()));
            QVERIFY(raw.connected());
            QVERIFY(raw.send(putHead(m_zhang.token, sha, 0, total, total) + bytes.substr(0, cut)));
            raw.close(round % 2 == 1); // FIN or RST, as a lost link or a killed app
        }
        // At once, as the client algorithm says: HEAD, then the rest from its offset.
        HttpClient http(m_office.baseUrl());
        http.setToken(m_zhang.token);
        const auto head = http.head("/api/v1/blobs/" + sha);
        QCOMPARE(head.status, 404L);
        const std::int64_t offset = std::stoll(head.header("upload-offset"));
        QVERIFY2(offset > 0 && offset <= std::int64_t(cut), head.header("upload-offset").c_str());
        const auto put = http.put(
            "/api/v1/blobs/" + sha, bytes.substr(std::size_t(offset)),
            {"Content-Range: " + formatContentRange(ContentRange{offset, total - 1, total})});
        if (put.status == 409 && put.json().value("error", "") == "upload_busy")
            ++busy;
        else
            QVERIFY2(put.status == 201, (std::to_string(put.status) + " " + put.body).c_str());
    }
    QCOMPARE(busy, 0);
}

void TestServerWire::busyUploadAnswersRetryAfter()
{
    // A live upload that holds the blob (headers and part of the body sent, the rest not yet):
    // another request on the same blob waits its bounded while, then is told to come back.
    const std::string bytes = randomContent(100000, m_rng);
    const std::string sha = sha256Hex(bytes);
    const auto total = std::int64_t(bytes.size());
    RawSocket slow(portOf(m_office.baseUrl()));
    QVERIFY(slow.connected());
    QVERIFY(slow.send(putHead(m_zhang.token, sha, 0, total, total) + bytes.substr(0, 1000)));
    // The slow request takes the lock once its headers are read. The probe is a range the
    // office cannot take (it starts at 1 of nothing held), so before that it is answered
    // 409 offset_mismatch at once, never stored; after it, upload_busy, after the wait.
    const std::string probeRange =
        "Content-Range: " + formatContentRange(ContentRange{1, 1, total});
    HttpResult other;
    qint64 waited = 0;
    for (int attempt = 0; attempt < 100; ++attempt) {
        QElapsedTimer timer;
        timer.start();
        other = m_http->put("/api/v1/blobs/" + sha, bytes.substr(1, 1), {probeRange});
        waited = timer.elapsed();
        if (other.json().value("error", "") != "offset_mismatch")
            break;
    }
    QCOMPARE(other.status, 409L);
    QCOMPARE(other.json().value("error", ""), "upload_busy");
    QCOMPARE(other.header("retry-after"), "1");
    QVERIFY2(waited >= 1500, qPrintable(QString::number(waited))); // it waited for the holder
    slow.close();
}

QTEST_GUILESS_MAIN(TestServerWire)
#include "tst_serverwire.moc"
