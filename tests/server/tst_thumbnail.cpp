// The web page's photo thumbnails on their own (sync/server/thumbnail.h): real JPEGs made with
// Qt (and CMYK with libjpeg) shrink to at most 320 pixels with their aspect and content kept,
// come out baseline, honour the pixel, memory and scan bounds, refuse corrupt data by kind; the
// cache on disk writes atomically from many threads at once. The time of a 12-megapixel photo
// is measured by fp_bench_thumbnail, not here.

#include "server/thumbnails/thumbnail.h"
#include "testimages.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include <jpeglib.h>

using namespace fp;
using fp::test::jpegDeclaringSize;
using fp::test::jpegOf;
using fp::test::photoLike;

namespace {

QImage decoded(const std::string &jpeg)
{
    return QImage::fromData(reinterpret_cast<const uchar *>(jpeg.data()),
                            static_cast<int>(jpeg.size()), "JPEG");
}

/// The start-of-frame markers of a JPEG, in order (0xC0 baseline, 0xC2 progressive, ...).
std::vector<int> frameMarkers(const std::string &jpeg)
{
    std::vector<int> out;
    std::size_t at = 2;
    while (at + 4 <= jpeg.size() && static_cast<unsigned char>(jpeg[at]) == 0xFF) {
        const int marker = static_cast<unsigned char>(jpeg[at + 1]);
        if (marker == 0xDA) // start of scan: entropy-coded data follows
            break;
        if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC)
            out.push_back(marker);
        const std::size_t length = static_cast<unsigned char>(jpeg[at + 2]) * 256u +
                                   static_cast<unsigned char>(jpeg[at + 3]);
        at += 2 + length;
    }
    return out;
}

/// A CMYK JPEG of one colour, written by libjpeg (which adds the Adobe marker and, like
/// Photoshop, takes the values inverted: 255 is no ink).
std::string cmykJpeg(int width, int height, const unsigned char inverted[4])
{
    jpeg_compress_struct info;
    jpeg_error_mgr error;
    info.err = jpeg_std_error(&error);
    jpeg_create_compress(&info);
    unsigned char *buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &buffer, &size);
    info.image_width = static_cast<JDIMENSION>(width);
    info.image_height = static_cast<JDIMENSION>(height);
    info.input_components = 4;
    info.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 90, TRUE);
    jpeg_start_compress(&info, TRUE);
    std::vector<unsigned char> row(static_cast<std::size_t>(width) * 4);
    for (int x = 0; x < width; ++x)
        std::copy(inverted, inverted + 4, row.begin() + x * 4);
    while (info.next_scanline < info.image_height) {
        JSAMPROW rows[1] = {row.data()};
        jpeg_write_scanlines(&info, rows, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    std::string out(reinterpret_cast<const char *>(buffer), size);
    std::free(buffer);
    return out;
}

std::string readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

ThumbnailError::Kind failureOf(const std::string &bytes, const ThumbnailLimits &limits = {})
{
    try {
        makeThumbnail(std::string_view(bytes), limits);
    } catch (const ThumbnailError &e) {
        return e.kind();
    }
    QTest::qFail("made a thumbnail where a ThumbnailError was expected", __FILE__, __LINE__);
    return ThumbnailError::Kind::NotJpeg;
}

} // namespace

class TestThumbnail : public QObject
{
    Q_OBJECT

  private slots:
    void shrinksWithItsAspect_data();
    void shrinksWithItsAspect();
    void keepsTheContent();
    void readsProgressiveGreyAndCmyk();
    void refusesTooManyPixelsBeforeDecoding();
    void boundsTheMemoryOfProgressiveFiles();
    void refusesCorruptDataByKind();
    void cacheWritesAtomically();
};

void TestThumbnail::shrinksWithItsAspect_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<int>("height");
    QTest::newRow("4000x3000") << 4000 << 3000;
    QTest::newRow("portrait 3000x4000") << 3000 << 4000;
    QTest::newRow("tablet 2560x1920") << 2560 << 1920;
    QTest::newRow("odd 2999x1001") << 2999 << 1001;
    QTest::newRow("thin 5000x12") << 5000 << 12;
    QTest::newRow("just over 321x200") << 321 << 200;
    QTest::newRow("small 200x150, not enlarged") << 200 << 150;
}

void TestThumbnail::shrinksWithItsAspect()
{
    QFETCH(int, width);
    QFETCH(int, height);
    const std::string source = jpegOf(photoLike(width, height));
    QVERIFY(!source.empty());
    const std::string thumb = makeThumbnail(std::string_view(source));
    const QImage image = decoded(thumb);
    QVERIFY2(!image.isNull(), "the thumbnail must decode");
    const int longEdge = std::min(320, std::max(width, height));
    QCOMPARE(std::max(image.width(), image.height()), longEdge);
    // Aspect kept within a pixel on the short edge.
    const double exact = double(std::min(width, height)) * longEdge / std::max(width, height);
    const int shortEdge = std::min(image.width(), image.height());
    QVERIFY2(std::abs(shortEdge - exact) <= 1.0,
             qPrintable(QString("short edge %1, exact %2").arg(shortEdge).arg(exact)));
    QCOMPARE(image.width() >= image.height(), width >= height);
    // Baseline, and the same from the file as from memory.
    QCOMPARE(frameMarkers(thumb), std::vector<int>{0xC0});
    QTemporaryDir dir;
    const std::filesystem::path file = dir.path().toStdString() + "/photo.jpg";
    std::ofstream(file, std::ios::binary) << source;
    QCOMPARE(makeThumbnail(file), thumb);
}

void TestThumbnail::keepsTheContent()
{
    // Red left half, blue right half, a white band at the top: nothing flipped or shifted.
    QImage image(4000, 3000, QImage::Format_RGB32);
    image.fill(Qt::blue);
    for (int y = 0; y < 3000; ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < 4000; ++x) {
            if (y < 300)
                line[x] = qRgb(255, 255, 255);
            else if (x < 2000)
                line[x] = qRgb(255, 0, 0);
        }
    }
    const QImage thumb = decoded(makeThumbnail(std::string_view(jpegOf(image))));
    QCOMPARE(thumb.size(), QSize(320, 240));
    const auto near = [](QRgb c, int r, int g, int b) {
        return std::abs(qRed(c) - r) < 24 && std::abs(qGreen(c) - g) < 24 &&
               std::abs(qBlue(c) - b) < 24;
    };
    QVERIFY(near(thumb.pixel(10, 5), 255, 255, 255));
    QVERIFY(near(thumb.pixel(40, 200), 255, 0, 0));
    QVERIFY(near(thumb.pixel(280, 200), 0, 0, 255));
}

void TestThumbnail::readsProgressiveGreyAndCmyk()
{
    const std::string progressive = jpegOf(photoLike(3000, 2000), 85, true);
    QCOMPARE(frameMarkers(progressive), std::vector<int>{0xC2});
    QImage image = decoded(makeThumbnail(std::string_view(progressive)));
    QCOMPARE(image.size(), QSize(320, 213));

    const std::string grey =
        jpegOf(photoLike(1600, 1200).convertToFormat(QImage::Format_Grayscale8));
    image = decoded(makeThumbnail(std::string_view(grey)));
    QCOMPARE(image.size(), QSize(320, 240));

    const unsigned char red[4] = {255, 0, 0, 255}; // inverted CMYK: M and Y full, no C or K
    image = decoded(makeThumbnail(std::string_view(cmykJpeg(1000, 500, red))));
    QCOMPARE(image.size(), QSize(320, 160));
    const QRgb c = image.pixel(160, 80);
    QVERIFY2(qRed(c) > 220 && qGreen(c) < 40 && qBlue(c) < 40,
             qPrintable(QString("CMYK red came out as %1").arg(c, 8, 16)));
}

void TestThumbnail::refusesTooManyPixelsBeforeDecoding()
{
    const std::string small = jpegOf(photoLike(64, 48));
    // 20000 x 20000 = 400 megapixels declared; the data behind is 64 x 48.
    const std::string hostile = jpegDeclaringSize(small, 20000, 20000);
    QVERIFY(!hostile.empty());
    try {
        makeThumbnail(std::string_view(hostile));
        QFAIL("a 400-megapixel header must be refused");
    } catch (const ThumbnailError &e) {
        QCOMPARE(e.kind(), ThumbnailError::Kind::TooLarge);
        QVERIFY2(std::string(e.what()).find("20000 x 20000") != std::string::npos, e.what());
    }
    // The bound is on the declared pixels, exactly.
    const std::string photo = jpegOf(photoLike(400, 300));
    ThumbnailLimits limits;
    limits.max_pixels = 400 * 300;
    QVERIFY(!makeThumbnail(std::string_view(photo), limits).empty());
    limits.max_pixels = 400 * 300 - 1;
    QCOMPARE(failureOf(photo, limits), ThumbnailError::Kind::TooLarge);
}

void TestThumbnail::boundsTheMemoryOfProgressiveFiles()
{
    // A progressive file needs its whole coefficient buffer (about 2 bytes a sample) whatever
    // the scale: 4000 x 3000 at 4:2:0 is some 36 MB, over an 8 MiB bound.
    const std::string progressive = jpegOf(photoLike(4000, 3000), 85, true);
    ThumbnailLimits limits;
    limits.max_memory = 8 * 1024 * 1024;
    QCOMPARE(failureOf(progressive, limits), ThumbnailError::Kind::TooLarge);
    QVERIFY(!makeThumbnail(std::string_view(progressive)).empty()); // the default 256 MiB
    // A baseline file streams at 1/8 scale: the same bound is no obstacle.
    QVERIFY(!makeThumbnail(std::string_view(jpegOf(photoLike(4000, 3000))), limits).empty());
    // Scans are bounded too (Qt's progressive files have about ten).
    limits = {};
    limits.max_scans = 2;
    QCOMPARE(failureOf(progressive, limits), ThumbnailError::Kind::TooLarge);
}

void TestThumbnail::refusesCorruptDataByKind()
{
    const std::string good = jpegOf(photoLike(800, 600));
    QCOMPARE(failureOf(""), ThumbnailError::Kind::NotJpeg);
    QCOMPARE(failureOf("\x89PNG\r\n\x1a\n rest of a signature"), ThumbnailError::Kind::NotJpeg);
    // A JPEG start, then garbage: libjpeg gives up with a reason.
    std::string garbage = "\xFF\xD8\xFF\xE0";
    garbage += std::string(4000, '\x5A');
    QCOMPARE(failureOf(garbage), ThumbnailError::Kind::Corrupt);
    // Headers only, no image data.
    QCOMPARE(failureOf(good.substr(0, 120)), ThumbnailError::Kind::Corrupt);
    try {
        makeThumbnail(std::string_view(garbage));
    } catch (const ThumbnailError &e) {
        QVERIFY2(std::string(e.what()).starts_with("not a usable JPEG: "), e.what());
    }
    // Cut off in the image data: libjpeg warns and greys the rest; a browser shows the same.
    const QImage cut = decoded(makeThumbnail(std::string_view(good.substr(0, good.size() / 2))));
    QCOMPARE(cut.size(), QSize(320, 240));
}

void TestThumbnail::cacheWritesAtomically()
{
    QTemporaryDir dir;
    const std::filesystem::path root = dir.path().toStdString();
    std::filesystem::create_directories(root / "tmp");
    const ThumbnailCache cache(root / "thumbs", root / "tmp");
    const std::string id(64, 'a');
    QCOMPARE(cache.path(id), root / "thumbs" / "aa" / (id + ".jpg"));
    QVERIFY(!cache.find(id));

    const std::string thumb = makeThumbnail(std::string_view(jpegOf(photoLike(1000, 800))));
    std::vector<std::thread> threads;
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&] {
            for (int n = 0; n < 20; ++n)
                cache.store(id, thumb);
        });
    for (auto &t : threads)
        t.join();
    QCOMPARE(cache.find(id).value_or(""), thumb);
    QCOMPARE(readFile(cache.path(id)), thumb);
    QVERIFY2(std::filesystem::is_empty(root / "tmp"), "no temporary file is left behind");

    // The folder may be deleted at any time: the next store makes it again.
    std::filesystem::remove_all(root / "thumbs");
    QVERIFY(!cache.find(id));
    cache.store(id, thumb);
    QCOMPARE(cache.find(id).value_or(""), thumb);
    // A missing tmp folder is an error, not a half-written thumbnail.
    std::filesystem::remove_all(root / "tmp");
    QVERIFY_THROWS_EXCEPTION(Error, cache.store(std::string(64, 'b'), thumb));
    QVERIFY(!cache.find(std::string(64, 'b')));
}

QTEST_GUILESS_MAIN(TestThumbnail)
#include "tst_thumbnail.moc"
