// Blob upload against the real server: HEAD offsets, whole and resumed PUTs, a cut mid-body,
// wrong offsets, wrong hashes, the size limit. A blob is visible only when whole and verified.

#include "apifixture.h"
#include "core/sha256.h"
#include "protocol/blobpath.h"
#include "protocol/contentrange.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

namespace {

std::string rangeHeader(std::int64_t start, std::int64_t end, std::int64_t total)
{
    return "Content-Range: " + formatContentRange(ContentRange{start, end, total});
}

} // namespace

class TestServerBlobs : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void unknownBlobIs404WithOffsetZero();
    void wholeUploadBecomesVisible();
    void resumedUploadInTwoRanges();
    void uploadCutAtARandomByteResumes();
    void wrongOffsetIs409();
    void wrongHashIs422AndDiscardsThePartial();
    void tooBigIs413();
    void stopsCleanly();

  private:
    std::string path(const std::string &bytes) const { return "/api/v1/blobs/" + sha256Hex(bytes); }
    QString storedFile(const std::string &bytes) const
    {
        return m_office.dataDir() + "/blobs/" +
               QString::fromStdString(blobRelativePath(sha256Hex(bytes)).string());
    }

    ApiFixture m_office;
    std::unique_ptr<HttpClient> m_http;       // an inspector's tablet
    std::unique_ptr<HttpClient> m_officeHttp; // office staff, who may download evidence
    QRandomGenerator m_rng;
};

void TestServerBlobs::initTestCase()
{
    QVERIFY2(m_office.setUp({"--max-blob-mb", "1"}), qPrintable(m_office.error()));
    m_http = std::make_unique<HttpClient>(m_office.baseUrl());
    m_http->setToken(m_office.enroll("zhang").token);
    m_officeHttp = std::make_unique<HttpClient>(m_office.baseUrl());
    m_officeHttp->setToken(m_office.enroll("office").token);
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random seed %u", seed);
    m_rng.seed(seed);
}

void TestServerBlobs::unknownBlobIs404WithOffsetZero()
{
    const auto r = m_http->head(path("never uploaded"));
    QCOMPARE(r.status, 404L);
    QCOMPARE(r.header("upload-offset"), "0");
}

void TestServerBlobs::wholeUploadBecomesVisible()
{
    const std::string bytes = randomContent(300000, m_rng);
    const auto put = m_http->put(path(bytes), bytes);
    QCOMPARE(put.status, 201L);
    QCOMPARE(put.json()["sha256"], sha256Hex(bytes));
    QCOMPARE(put.json()["complete"], true);
    QVERIFY(QFile::exists(storedFile(bytes)));

    const auto head = m_http->head(path(bytes));
    QCOMPARE(head.status, 200L);
    QCOMPARE(head.header("content-length"), std::to_string(bytes.size()));
    const auto get = m_officeHttp->get(path(bytes));
    QCOMPARE(get.status, 200L);
    QVERIFY(get.body == bytes);
    // Tablets upload evidence; only the office downloads it.
    const auto denied = m_http->get(path(bytes));
    QCOMPARE(denied.status, 403L);
    QCOMPARE(denied.json()["error"], "forbidden");
    // Uploading it again is harmless.
    const auto again = m_http->put(path(bytes), bytes);
    QCOMPARE(again.status, 200L);
    QCOMPARE(again.json()["complete"], true);
}

void TestServerBlobs::resumedUploadInTwoRanges()
{
    const std::string bytes = randomContent(200000, m_rng);
    const auto cut = std::int64_t(m_rng.bounded(1, int(bytes.size()) - 1));
    const auto total = std::int64_t(bytes.size());
    const auto first = m_http->put(path(bytes), bytes.substr(0, std::size_t(cut)),
                                   {rangeHeader(0, cut - 1, total)});
    QCOMPARE(first.status, 200L);
    QCOMPARE(first.json()["complete"], false);
    QCOMPARE(first.header("upload-offset"), std::to_string(cut));

    // Not visible while partial.
    const auto head = m_http->head(path(bytes));
    QCOMPARE(head.status, 404L);
    QCOMPARE(head.header("upload-offset"), std::to_string(cut));
    QCOMPARE(m_officeHttp->get(path(bytes)).status, 404L);
    QVERIFY(!QFile::exists(storedFile(bytes)));

    const auto second = m_http->put(path(bytes), bytes.substr(std::size_t(cut)),
                                    {rangeHeader(cut, total - 1, total)});
    QCOMPARE(second.status, 201L);
    QCOMPARE(m_officeHttp->get(path(bytes)).body, bytes);
}

void TestServerBlobs::uploadCutAtARandomByteResumes()
{
    const std::string bytes = randomContent(600000, m_rng);
    const auto cut = std::size_t(m_rng.bounded(1, int(bytes.size()) - 1));
    const auto r = m_http->putCut(path(bytes), bytes, cut);
    QVERIFY2(!r.error.empty(), "the cut upload must fail on the client side");

    // Resume from wherever the server says it is, as a client would. The server may still be
    // noticing the dropped connection, so a busy answer is retried (bounded).
    HttpClient http(m_office.baseUrl());
    http.setToken(m_office.enroll("zhang").token);
    const auto total = std::int64_t(bytes.size());
    long status = 0;
    for (int attempt = 0; attempt < 100 && status != 201; ++attempt) {
        const auto head = http.head(path(bytes));
        QCOMPARE(head.status, 404L);
        const std::int64_t offset = std::stoll(head.header("upload-offset"));
        QVERIFY(offset >= 0 && offset <= std::int64_t(cut));
        const auto put = http.put(path(bytes), bytes.substr(std::size_t(offset)),
                                  {rangeHeader(offset, total - 1, total)});
        status = put.status;
        if (status == 409)
            QTest::qWait(20);
        else
            QVERIFY2(status == 201, put.body.c_str());
    }
    QCOMPARE(status, 201L);
    QCOMPARE(m_officeHttp->get(path(bytes)).body, bytes);
}

void TestServerBlobs::wrongOffsetIs409()
{
    const std::string bytes = randomContent(1000, m_rng);
    QCOMPARE(m_http->put(path(bytes), bytes.substr(0, 400), {rangeHeader(0, 399, 1000)}).status,
             200L);
    for (const std::int64_t start : {0, 300, 500}) {
        const auto r = m_http->put(path(bytes), bytes.substr(std::size_t(start), 100),
                                   {rangeHeader(start, start + 99, 1000)});
        QCOMPARE(r.status, 409L);
        QCOMPARE(r.json()["error"], "offset_mismatch");
        QCOMPARE(r.header("upload-offset"), "400");
    }
    // A PUT without Content-Range is the whole blob and starts over.
    QCOMPARE(m_http->put(path(bytes), bytes).status, 201L);
}

void TestServerBlobs::wrongHashIs422AndDiscardsThePartial()
{
    const std::string bytes = randomContent(5000, m_rng);
    std::string corrupt = bytes;
    corrupt[2500] = char(corrupt[2500] ^ 0x55);
    QCOMPARE(m_http->put(path(bytes), corrupt.substr(0, 2600), {rangeHeader(0, 2599, 5000)}).status,
             200L);
    const auto r = m_http->put(path(bytes), corrupt.substr(2600), {rangeHeader(2600, 4999, 5000)});
    QCOMPARE(r.status, 422L);
    QCOMPARE(r.json()["error"], "hash_mismatch");
    QVERIFY(!QFile::exists(storedFile(bytes)));
    const auto head = m_http->head(path(bytes));
    QCOMPARE(head.status, 404L);
    QCOMPARE(head.header("upload-offset"), "0");
    QCOMPARE(m_http->put(path(bytes), bytes).status, 201L);
}

void TestServerBlobs::tooBigIs413()
{
    const std::string big = randomContent(1024 * 1024 + 1, m_rng); // limit: --max-blob-mb 1
    const auto whole = m_http->put(path(big), big);
    QCOMPARE(whole.status, 413L);
    QCOMPARE(whole.json()["error"], "too_large");
    const auto ranged = m_http->put(path(big), big.substr(0, 1000),
                                    {rangeHeader(0, 999, std::int64_t(big.size()))});
    QCOMPARE(ranged.status, 413L);
    QCOMPARE(m_http->head(path(big)).header("upload-offset"), "0");
    // Exactly at the limit is fine.
    const std::string atLimit = randomContent(1024 * 1024, m_rng);
    QCOMPARE(m_http->put(path(atLimit), atLimit).status, 201L);
}

void TestServerBlobs::stopsCleanly()
{
    QCOMPARE(m_office.server().stop(), 0);
    // Nothing half-written was left visible.
    QDirIterator it(m_office.dataDir() + "/blobs", QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(QFileInfo(f).fileName().toStdString(), sha256Hex(f.readAll().toStdString()));
    }
}

QTEST_GUILESS_MAIN(TestServerBlobs)
#include "tst_serverblobs.moc"
