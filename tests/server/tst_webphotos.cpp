// The photos through the web page's API, against the real server process: served to staff
// only, thumbnails small and cached on disk, signatures and bad photos (docs/web.md).
// Each test function builds what it needs on the shared office: any one runs alone
// (tst_x -functions / tst_x name).

#include "core/sha256.h"
#include "testimages.h"
#include "webfixture.h"

#include <QImage>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace fp;
using namespace fp::test;

class TestWebPhotos : public WebTest
{
    Q_OBJECT

  private slots:
    void photosAreServedToStaffOnly()
    {
        WebClient web = office();
        const std::string sha = sha256Hex(m_photo);
        auto r = web.get("/api/v1/web/blobs/" + sha);
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.header("content-type"), std::string("image/jpeg"));
        QCOMPARE(r.body, m_photo);
        QCOMPARE(r.header("cache-control"), std::string(kImmutable));
        r = web.get("/api/v1/web/blobs/" + sha256Hex("never uploaded"));
        QCOMPARE(r.status, 404L);
        r = web.get("/api/v1/web/blobs/" + std::string(64, 'Z'));
        QCOMPARE(r.status, 400L);
        QCOMPARE(errorOf(r), std::string("bad_blob_id"));
        r = web.get("/api/v1/web/blobs/..%2F..%2Foffice.db"); // decoded, it is not one path segment
        QCOMPARE(r.status, 404L);
        QCOMPARE(errorOf(r), std::string("not_found"));
        QCOMPARE(HttpClient(m_office.baseUrl()).get("/api/v1/web/blobs/" + sha).status, 401L);
    }

    void thumbnailsAreSmallAndCached()
    {
        const std::string photo = encoded(photoLike(4000, 3000, 12345, 16), "JPEG");
        QVERIFY2(photo.size() > 1'000'000, "a camera-sized photo");
        const std::string sha = upload(photo);
        WebClient web = office();
        const std::string url = "/api/v1/web/blobs/" + sha + "/thumb";
        auto r = web.get(url);
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.header("content-type"), std::string("image/jpeg"));
        QCOMPARE(r.header("cache-control"), std::string(kImmutable));
        QVERIFY(!r.header("content-security-policy").empty());
        QVERIFY2(r.body.size() < 100'000, std::to_string(r.body.size()).c_str());
        const QImage thumb = decodedJpeg(r.body);
        QVERIFY2(!thumb.isNull(), "the thumbnail decodes");
        QCOMPARE(std::max(thumb.width(), thumb.height()), 320);
        QVERIFY(std::abs(thumb.height() - 320.0 * 3000 / 4000) <= 1.0); // aspect within a pixel
        const std::string first = r.body;

        // Cached under the data directory, and served from there without decoding again.
        const auto cached = std::filesystem::path(m_office.dataDir().toStdString()) / "thumbs" /
                            sha.substr(0, 2) / (sha + ".jpg");
        QVERIFY2(std::filesystem::is_regular_file(cached), cached.c_str());
        QCOMPARE(readFile(QString::fromStdString(cached.string())), first);
        const auto written = std::filesystem::last_write_time(cached);
        r = web.get(url);
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.body, first);
        QVERIFY(std::filesystem::last_write_time(cached) == written);
        // Proof that the file is what is served: plant another picture in it.
        QImage marker(32, 24, QImage::Format_RGB32);
        marker.fill(Qt::red);
        const std::string planted = encoded(marker, "JPEG");
        std::ofstream(cached, std::ios::binary | std::ios::trunc) << planted;
        r = web.get(url);
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.body, planted);
        QCOMPARE(r.header("cache-control"), std::string(kImmutable));

        // The folder may be deleted at any time: the thumbnail is made again, the same bytes.
        std::filesystem::remove_all(std::filesystem::path(m_office.dataDir().toStdString()) /
                                    "thumbs");
        r = web.get(url);
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.body, first);
        QCOMPARE(readFile(QString::fromStdString(cached.string())), first);

        // Two at once are safe: both get the whole thumbnail, one whole file remains.
        std::filesystem::remove(cached);
        std::string answers[2];
        std::thread other([&] { answers[1] = office().get(url).body; });
        answers[0] = web.get(url).body;
        other.join();
        QCOMPARE(answers[0], first);
        QCOMPARE(answers[1], first);
        QCOMPARE(readFile(QString::fromStdString(cached.string())), first);
        // No temporary file stays behind.
        for (const auto &e : std::filesystem::directory_iterator(
                 std::filesystem::path(m_office.dataDir().toStdString()) / "tmp"))
            QVERIFY2(e.path().filename().string().find("thumb-") != 0, e.path().c_str());

        // The full photo is still the full photo.
        r = web.get("/api/v1/web/blobs/" + sha);
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.body, photo);
    }

    void thumbnailsOfSignaturesAndBadPhotos()
    {
        WebClient web = office();
        // A signature (PNG) comes back whole, as a PNG; nothing is cached for it.
        QImage ink(180, 70, QImage::Format_ARGB32);
        ink.fill(Qt::transparent);
        for (int x = 10; x < 170; ++x)
            ink.setPixel(x, 35 + (x % 20) / 2, qRgb(0, 0, 80));
        const std::string png = encoded(ink, "PNG");
        const std::string signature = upload(png);
        auto r = web.get("/api/v1/web/blobs/" + signature + "/thumb");
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.header("content-type"), std::string("image/png"));
        QCOMPARE(r.body, png);
        QVERIFY(!std::filesystem::exists(std::filesystem::path(m_office.dataDir().toStdString()) /
                                         "thumbs" / signature.substr(0, 2) / (signature + ".jpg")));

        // A corrupt JPEG: 422 bad_image with libjpeg's reason (docs/web.md); the page then shows
        // the blob itself, which the full endpoint still serves.
        std::string corrupt = "\xFF\xD8\xFF\xE0";
        corrupt += std::string(5000, '\x5A');
        const std::string bad = upload(corrupt);
        r = web.get("/api/v1/web/blobs/" + bad + "/thumb");
        QCOMPARE(r.status, 422L);
        QCOMPARE(errorOf(r), std::string("bad_image"));
        QVERIFY2(messageOf(r).find(bad) != std::string::npos, r.body.c_str());
        QCOMPARE(r.header("cache-control"), std::string("no-store"));
        r = web.get("/api/v1/web/blobs/" + bad);
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.body, corrupt);
        // A header declaring 400 megapixels is refused before decoding.
        QImage small(64, 48, QImage::Format_RGB32);
        small.fill(Qt::gray);
        const std::string huge = jpegDeclaringSize(encoded(small, "JPEG"), 20000, 20000);
        QVERIFY(!huge.empty());
        r = web.get("/api/v1/web/blobs/" + upload(huge) + "/thumb");
        QCOMPARE(r.status, 422L);
        QCOMPARE(errorOf(r), std::string("image_too_large"));
        QVERIFY2(messageOf(r).find("20000 x 20000") != std::string::npos, r.body.c_str());

        // The server keeps serving: the next thumbnail is made.
        QVERIFY(m_office.server().isRunning());
        r = web.get("/api/v1/web/blobs/" + sha256Hex(m_photo) + "/thumb");
        QCOMPARE(r.status, 200L);
        QCOMPARE(decodedJpeg(r.body).size(), QSize(320, 240));

        // The same refusals as the full blob: 400, 404, 401.
        r = web.get("/api/v1/web/blobs/" + std::string(64, 'Z') + "/thumb");
        QCOMPARE(r.status, 400L);
        QCOMPARE(errorOf(r), std::string("bad_blob_id"));
        r = web.get("/api/v1/web/blobs/" + sha256Hex("never uploaded") + "/thumb");
        QCOMPARE(r.status, 404L);
        QCOMPARE(errorOf(r), std::string("not_found"));
        r = web.get("/api/v1/web/blobs/..%2F..%2Foffice.db/thumb");
        QCOMPARE(r.status, 404L);
        r = HttpClient(m_office.baseUrl())
                .get("/api/v1/web/blobs/" + sha256Hex(m_photo) + "/thumb");
        QCOMPARE(r.status, 401L);
        QCOMPARE(errorOf(r), std::string("unauthorized"));
        QVERIFY2(!m_office.server().log().contains("/thumb 500 "),
                 qPrintable(m_office.server().log()));
    }
};

QTEST_GUILESS_MAIN(TestWebPhotos)
#include "tst_webphotos.moc"
