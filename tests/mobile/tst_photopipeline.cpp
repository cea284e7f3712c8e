// The photo pipeline (DESIGN §5) on real JPEGs: EXIF orientation applied, long edge bounded,
// a 48 MP source decoded at reduced size, the watermark burned in; and PhotoCapture storing
// the result through the thread pool.

#include "app/appstore.h"
#include "appfixture.h"
#include "core/json.h"
#include "devicefixture.h"
#include "photo/photocapture.h"
#include "photo/photopipeline.h"
#include "platform/positioning.h"
#include "testimages.h"
#include "text/translations.h"
#include "text/vocabulary.h"

#include <QDateTime>
#include <QFontMetrics>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

namespace {

bool isReddish(QRgb c)
{
    return qRed(c) > 180 && qBlue(c) < 90;
}
bool isBluish(QRgb c)
{
    return qBlue(c) > 180 && qRed(c) < 90;
}

/// The columns of `image` inside `band` where text was drawn (bright pixels on the dark box):
/// {first, last}, or {-1, -1} when there is none.
std::pair<int, int> inkColumns(const QImage &image, const QRect &band)
{
    int first = -1, last = -1;
    for (int x = band.left(); x <= band.right(); ++x) {
        for (int y = band.top(); y <= band.bottom(); ++y) {
            if (qGray(image.pixel(x, y)) > 160) { // the box over white is ~115
                if (first < 0)
                    first = x;
                last = x;
                break;
            }
        }
    }
    return {first, last};
}

/// Mean absolute grey difference of `a` and `b` inside `area`.
double meanDifference(const QImage &a, const QImage &b, const QRect &area)
{
    double sum = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x)
            sum += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
    }
    return sum / (double(area.width()) * area.height());
}

/// `text` as the watermark draws a line: white in `line`'s font and place, over `background`.
QImage renderLine(QSize size, QColor background, const WatermarkLine &line, const QString &text)
{
    QImage out(size, QImage::Format_RGB32);
    out.fill(background);
    QPainter painter(&out);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    painter.setPen(Qt::white);
    painter.setFont(line.font);
    painter.drawText(line.rect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, text);
    return out;
}

} // namespace

class TestPhotoPipeline : public QObject
{
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    Translations m_translations;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    PhotoResult run(const QString &source, int maxEdge = 2560, const Watermark &wm = {})
    {
        PhotoJob job;
        job.source = source;
        job.output = path(QStringLiteral("out-%1.jpg").arg(++m_runs));
        job.maxLongEdge = maxEdge;
        job.watermark = wm;
        return PhotoPipeline::process(job);
    }
    QString lastOutput() const { return path(QStringLiteral("out-%1.jpg").arg(m_runs)); }
    int m_runs = 0;

  private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The watermark as inspectors read it: 导入, 位置, 企业 … (the shipped catalogue).
        QVERIFY(m_translations.apply(QStringLiteral("zh_CN")));
    }

    void decodeSizeKeepsAspectAndNeverUpscales()
    {
        QCOMPARE(PhotoPipeline::decodeSizeFor(QSize(8000, 6000), 2560), QSize(2560, 1920));
        QCOMPARE(PhotoPipeline::decodeSizeFor(QSize(3000, 4000), 2560), QSize(1920, 2560));
        QCOMPARE(PhotoPipeline::decodeSizeFor(QSize(800, 600), 2560), QSize(800, 600));
    }

    // The raw image is red on the left, blue on the right; the EXIF tag says how to turn it.
    void exifOrientationIsApplied_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QPoint>("redAt");
        QTest::addColumn<QPoint>("blueAt");
        QTest::newRow("1 upright") << 1 << QSize(400, 200) << QPoint(50, 100) << QPoint(350, 100);
        QTest::newRow("3 rotated 180")
            << 3 << QSize(400, 200) << QPoint(350, 100) << QPoint(50, 100);
        QTest::newRow("6 rotate 90 cw")
            << 6 << QSize(200, 400) << QPoint(100, 50) << QPoint(100, 350);
        QTest::newRow("8 rotate 90 ccw")
            << 8 << QSize(200, 400) << QPoint(100, 350) << QPoint(100, 50);
        QTest::newRow("2 mirrored") << 2 << QSize(400, 200) << QPoint(350, 100) << QPoint(50, 100);
    }
    void exifOrientationIsApplied()
    {
        QFETCH(int, orientation);
        QFETCH(QSize, size);
        QFETCH(QPoint, redAt);
        QFETCH(QPoint, blueAt);
        const QString src =
            test::writeJpeg(path(QStringLiteral("exif-%1.jpg").arg(orientation)), 400, 200);
        QVERIFY(test::setExifOrientation(src, quint16(orientation)));
        const PhotoResult r = run(src);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.sourceSize, QSize(400, 200));
        QCOMPARE(r.outputSize, size);
        const QImage out(lastOutput());
        QCOMPARE(out.size(), size);
        QVERIFY2(isReddish(out.pixel(redAt)), qPrintable(QString::number(out.pixel(redAt), 16)));
        QVERIFY2(isBluish(out.pixel(blueAt)), qPrintable(QString::number(out.pixel(blueAt), 16)));
    }

    void longEdgeIsBoundedAndRotatedSourceScales()
    {
        const QString src = test::writeJpeg(path(QStringLiteral("tall.jpg")), 4000, 3000);
        QVERIFY(test::setExifOrientation(src, 6));
        const PhotoResult r = run(src);
        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.decodeSize, QSize(2560, 1920));
        QCOMPARE(r.outputSize, QSize(1920, 2560)); // upright portrait, long edge 2560
        QCOMPARE(QImageReader(lastOutput()).size(), QSize(1920, 2560));

        const PhotoResult small = run(src, 1280);
        QCOMPARE(small.outputSize, QSize(960, 1280));
    }

    // 48 MP in: the decoder is asked for the reduced size, so the pipeline succeeds under an
    // allocation limit that a full-size decode (8000 x 6000 x 4 bytes = 183 MB) would break.
    void bigSourceDecodesWithinMemoryBound()
    {
        const QString src =
            test::writeJpeg(path(QStringLiteral("48mp.jpg")), 8000, 6000, Qt::red, Qt::blue, 80);
        QVERIFY(!src.isEmpty());
        const int before = QImageReader::allocationLimit();
        QImageReader::setAllocationLimit(64);
        const PhotoResult r = run(src);
        QImageReader full(src);
        const QImage fullImage = full.read();
        QImageReader::setAllocationLimit(before);

        QVERIFY2(r.ok, qPrintable(r.error));
        QCOMPARE(r.sourceSize, QSize(8000, 6000));
        QCOMPARE(r.decodeSize, QSize(2560, 1920));
        QCOMPARE(r.outputSize, QSize(2560, 1920));
        QVERIFY2(fullImage.isNull(), "a full-size decode fits the limit: the bound proves nothing");
    }

    void watermarkIsBurnedIn()
    {
        const QString src =
            test::writeJpeg(path(QStringLiteral("plain.jpg")), 1600, 1200, Qt::white, Qt::white);
        Watermark wm;
        wm.time = QStringLiteral("2017-06-01 08:30:15");
        wm.position = QStringLiteral("40.85100°N 122.75200°E ±8 m");
        wm.enterprise = QStringLiteral("示例天成钢铁有限公司");
        wm.equipment = QStringLiteral("中频炉 5吨 · 封条");
        wm.inspector = QStringLiteral("张伟");
        QVERIFY(run(src, 2560, wm).ok);
        const QImage marked(lastOutput());
        QVERIFY(run(src).ok);
        const QImage plain(lastOutput());
        // Bottom-left holds the dark box; the top-right corner is untouched.
        QVERIFY(qGray(marked.pixel(60, 1200 - 60)) < 140);
        QVERIFY(qGray(plain.pixel(60, 1200 - 60)) > 230);
        QVERIFY(qGray(marked.pixel(1500, 100)) > 230);
    }

    // Issue 15.2: every line fits whole at any size — landscape and portrait, a tablet photo
    // down to a thumbnail-sized import. Checked on the layout (each line's measured width
    // against its place, no character lost) and on the rendered pixels (the text's ink ends
    // where its last glyph does, inside the box and the image).
    void watermarkLinesFitAtEverySize_data()
    {
        QTest::addColumn<QSize>("size");
        for (const QSize size : {QSize(2560, 1920), QSize(1920, 2560), QSize(1280, 800),
                                 QSize(800, 1280), QSize(640, 480), QSize(480, 640),
                                 QSize(320, 240), QSize(240, 320), QSize(160, 240), QSize(120, 90)})
            QTest::newRow(qPrintable(QStringLiteral("%1x%2").arg(size.width()).arg(size.height())))
                << size;
    }
    void watermarkLinesFitAtEverySize()
    {
        QFETCH(QSize, size);
        Watermark wm;
        wm.time = QStringLiteral("导入 2017-06-01 13:41:05");
        wm.position = QStringLiteral("无定位（最近一次定位在 3 分钟前，±35 米）");
        wm.enterprise = QStringLiteral("海城市示例华泰永盛铸造有限公司");
        wm.equipment = QStringLiteral("平拉玻璃生产线 日熔化量150吨 · 拆除现场");
        wm.inspector = QStringLiteral("张伟");

        const WatermarkLayout layout = wm.layout(size);
        QVERIFY(!layout.isEmpty());
        const QRect image(QPoint(0, 0), size);
        QVERIFY2(image.contains(layout.box), qPrintable(QStringLiteral("box %1,%2 %3x%4")
                                                            .arg(layout.box.x())
                                                            .arg(layout.box.y())
                                                            .arg(layout.box.width())
                                                            .arg(layout.box.height())));
        // No character lost: the drawn lines of each watermark line give back its text.
        const QStringList source = wm.lines();
        QCOMPARE(source.size(), 5);
        QStringList joined(source.size());
        for (const WatermarkLine &line : layout.lines) {
            const int advance = QFontMetrics(line.font).horizontalAdvance(line.text);
            QVERIFY2(advance <= line.rect.width(), qPrintable(QStringLiteral("%1: %2 > %3")
                                                                  .arg(line.text)
                                                                  .arg(advance)
                                                                  .arg(line.rect.width())));
            QVERIFY(layout.box.contains(line.rect));
            joined[line.source] += line.text;
        }
        for (int i = 0; i < source.size(); ++i) // a wrap drops only the space it breaks at
            QCOMPARE(joined[i].remove(QLatin1Char(' ')),
                     QString(source[i]).remove(QLatin1Char(' ')));
        QVERIFY(joined[0].contains(QStringLiteral("13:41:05")));

        // The rendered text: on a white photo, each line's ink starts at its place and reaches
        // its last glyph (a cut line ends early), and nothing is drawn right of the box.
        QImage photo(size, QImage::Format_RGB32);
        photo.fill(Qt::white);
        const WatermarkLayout burned = wm.burnInto(photo);
        QCOMPARE(burned.texts(), layout.texts());
        if (const QString dir = qEnvironmentVariable("FIELDPROOF_TEST_OUTPUT"); !dir.isEmpty())
            photo.save(QStringLiteral("%1/watermark-%2.png").arg(dir, QTest::currentDataTag()));
        for (const WatermarkLine &line : layout.lines) {
            const int advance = QFontMetrics(line.font).horizontalAdvance(line.text);
            const QRect band(line.rect.left(), line.rect.top(),
                             layout.box.right() - line.rect.left(), line.rect.height());
            const auto [first, last] = inkColumns(photo, band);
            QVERIFY2(first >= 0, qPrintable(line.text));
            QVERIFY2(last >= line.rect.left() + advance - line.font.pixelSize(),
                     qPrintable(QStringLiteral("%1: ink ends at %2, text at %3")
                                    .arg(line.text)
                                    .arg(last)
                                    .arg(line.rect.left() + advance)));
            QVERIFY(last < layout.box.right());
        }
        // Right of the box the photo is untouched.
        for (int y = layout.box.top(); y <= layout.box.bottom(); y += 3)
            QCOMPARE(qGray(photo.pixel(std::min(size.width() - 1, layout.box.right() + 2), y)),
                     255);
    }

    // A long time line on a narrow picture breaks between the date and the time, never
    // inside "13:41:05".
    void watermarkTimeWrapsBetweenDateAndTime()
    {
        Watermark wm;
        wm.time = QStringLiteral("导入 2017-06-01 13:41:05");
        wm.inspector = QStringLiteral("张伟");
        const WatermarkLayout layout = wm.layout(QSize(160, 240));
        QVERIFY(!layout.isEmpty());
        QStringList timeLines;
        for (const WatermarkLine &line : layout.lines) {
            if (line.source == 0)
                timeLines << line.text;
        }
        QVERIFY2(timeLines.size() >= 2, qPrintable(timeLines.join(QLatin1Char('|'))));
        QCOMPARE(timeLines.last(), QStringLiteral("13:41:05"));
    }

    void unreadableFileFailsWithASentence()
    {
        QFile junk(path(QStringLiteral("junk.jpg")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a jpeg at all");
        junk.close();
        const PhotoResult r = run(junk.fileName());
        QVERIFY(!r.ok);
        QVERIFY(!r.error.isEmpty());
    }

    // The whole path as the visit screen uses it: thread pool, then the store.
    void captureStoresEvidenceOffTheUiThread()
    {
        test::CaptureRig r;
        r.positioning.setFix(40.85, 122.75, 12);
        r.usePositioning();
        r.nameTheVisit();
        AppStore &store = r.store;
        QSignalSpy changed(&store, &AppStore::inspectionChanged);

        const QString src = test::writeJpeg(path(QStringLiteral("cap.jpg")), 3000, 2000);
        QVERIFY(test::setExifOrientation(src, 6));
        QVERIFY(r.capture.addFromFile(QUrl::fromLocalFile(src), {}, Vocabulary::Overview,
                                      QStringLiteral("全景")));
        QCOMPARE(r.capture.running(), 1);
        QVERIFY(r.added.wait(20000));
        QCOMPARE(r.failed.count(), 0);
        QCOMPARE(r.capture.running(), 0);
        QVERIFY(changed.count() >= 1);

        const auto photos = r.photos();
        QCOMPARE(photos.size(), std::size_t(1));
        const Photo &p = photos.front();
        QCOMPARE(QString::fromStdString(p.id), r.added.first().first().toString());
        QCOMPARE(p.width, 1706); // 2000 x 3000 upright, long edge scaled to 2560
        QCOMPARE(p.height, 2560);
        QVERIFY(p.position.has_value());
        QCOMPARE(*p.position->accuracy_m, 12.0);
        QCOMPARE(p.tag, EvidenceTag::Overview);
        QVERIFY(QFile::exists(store.blobUrl(QString::fromStdString(p.sha256)).toLocalFile()));
        QCOMPARE(QImageReader(store.blobUrl(QString::fromStdString(p.sha256)).toLocalFile()).size(),
                 QSize(1706, 2560));
        // The staging copy is gone; the source file (not the app's own shot) stays.
        QCOMPARE(QDir(store.stagingDir()).entryList(QDir::Files).size(), 0);
        QVERIFY(QFile::exists(src));
    }

    // A file from the import page: source imported, its own EXIF time (or none), no position.
    void importedPhotoKeepsItsOwnTime()
    {
        test::CaptureRig r;
        r.positioning.setFix(40.85, 122.75, 12);
        r.usePositioning();

        const QString dated = test::writeJpeg(path(QStringLiteral("old.jpg")), 800, 600);
        QVERIFY(test::setExifDateTimeOriginal(dated, "2016:05:03 10:00:05"));
        const QString undated = test::writeJpeg(path(QStringLiteral("plain.jpg")), 800, 600);
        QVERIFY(r.capture.importFile(QUrl::fromLocalFile(dated), {}, Vocabulary::Seal, {}));
        QVERIFY(r.added.wait(20000));
        QVERIFY(r.capture.importFile(QUrl::fromLocalFile(undated), {}, Vocabulary::Seal, {}));
        QVERIFY(r.added.wait(20000));

        const auto photos = r.photos();
        QCOMPARE(photos.size(), std::size_t(2));
        const QString exifUtc = QDateTime::fromString(QStringLiteral("2016-05-03 10:00:05"),
                                                      QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                    .toUTC()
                                    .toString(Qt::ISODateWithMs);
        QStringList times;
        for (const Photo &p : photos) {
            QCOMPARE(p.source, PhotoSource::Imported);
            QVERIFY(!p.position.has_value()); // never the tablet's position now
            times << QString::fromStdString(p.taken_at);
        }
        times.sort();
        QCOMPARE(times, (QStringList{QString(), exifUtc})); // unknown stays unknown, not today
    }

    // Issue 12: an imported photo's watermark says 导入 with the file's own EXIF time. The
    // pipeline reports the lines it drew; and the stored JPEG's time line is read back against
    // that text rendered alone, and against what the old code wrote (today's time).
    void importedPhotoWatermarkSaysImportedWithItsExifTime()
    {
        test::CaptureRig r;
        r.positioning.setFix(40.85, 122.75, 12);
        r.usePositioning();
        r.nameTheVisit();

        const QColor colour(0x40, 0x60, 0x80);
        const QString dated =
            test::writeJpeg(path(QStringLiteral("exif-old.jpg")), 800, 600, colour, colour);
        QVERIFY(test::setExifDateTimeOriginal(dated, "2016:05:03 10:00:05"));
        QVERIFY(r.capture.importFile(QUrl::fromLocalFile(dated), {}, Vocabulary::Seal, {}));
        QVERIFY(r.added.wait(20000));

        const QString expectedTime = QStringLiteral("导入 2016-05-03 10:00:05");
        Watermark expected;
        expected.time = expectedTime;
        expected.enterprise = QStringLiteral("示例天成钢铁有限公司");
        expected.equipment = QStringLiteral("封条");
        expected.inspector = QStringLiteral("张伟");
        const WatermarkLayout drawn = r.capture.lastResult().watermark;
        QCOMPARE(drawn.texts(),
                 (QStringList{expectedTime, QStringLiteral("企业：示例天成钢铁有限公司"),
                              QStringLiteral("设备：封条"), QStringLiteral("核查人员：张伟")}));

        const auto photos = r.photos();
        QCOMPARE(photos.size(), std::size_t(1));
        const QImage stored(
            r.store.blobUrl(QString::fromStdString(photos[0].sha256)).toLocalFile());
        QCOMPARE(stored.size(), QSize(800, 600));
        const WatermarkLayout layout = expected.layout(stored.size());
        QCOMPARE(layout.texts(), drawn.texts());
        const WatermarkLine &timeLine = layout.lines.front();
        // The box's colour, from its top padding (no text there).
        const QColor box = stored.pixelColor(layout.box.center().x(), layout.box.top() + 3);
        QVERIFY(qGray(box.rgb()) < qGray(colour.rgb()));
        const QRect area = timeLine.rect;
        const double right =
            meanDifference(stored, renderLine(stored.size(), box, timeLine, expectedTime), area);
        const QString today =
            QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        const double wrongToday =
            meanDifference(stored, renderLine(stored.size(), box, timeLine, today), area);
        const double wrongSecond = meanDifference(
            stored,
            renderLine(stored.size(), box, timeLine, QStringLiteral("导入 2016-05-03 10:00:06")),
            area);
        const double unknown = meanDifference(
            stored, renderLine(stored.size(), box, timeLine, QStringLiteral("导入，时间未知")),
            area);
        qInfo("time line read back: mean grey difference %.2f (expected text), %.2f (one second "
              "off), %.2f (today), %.2f (time unknown)",
              right, wrongSecond, wrongToday, unknown);
        QVERIFY(right < 6.0); // JPEG noise around the glyphs
        QVERIFY(right < wrongSecond * 0.85);
        QVERIFY(right * 3 < wrongToday);
        QVERIFY(right * 3 < unknown);
    }

    // Issue 15.4: one picture is one piece of evidence. The same file cannot be both the 封条
    // and the 断电 photo of one item (nor twice the same): the tablet says why, in Chinese, and
    // stores nothing; another picture, or the same one for another item, is fine.
    void samePictureIsOnePieceOfEvidence()
    {
        test::CaptureRig r;
        std::string first, second;
        r.store.with([&](DeviceStore &s) {
            first = test::saveFinding(s, r.inspection.toStdString(), "eq1", Finding::Sealed);
            second = test::saveFinding(s, r.inspection.toStdString(), "eq2", Finding::Sealed);
        });
        PhotoCapture &capture = r.capture;
        QSignalSpy &added = r.added;
        QSignalSpy &failed = r.failed;
        const QUrl seal = QUrl::fromLocalFile(
            test::writeJpeg(path(QStringLiteral("one-seal.jpg")), 640, 480, Qt::darkRed));
        const QUrl other = QUrl::fromLocalFile(
            test::writeJpeg(path(QStringLiteral("one-power.jpg")), 640, 480, Qt::darkBlue));
        const QString checkA = QString::fromStdString(first);

        QVERIFY(capture.importFile(seal, checkA, Vocabulary::Seal, QStringLiteral("中频炉")));
        QVERIFY(added.wait(20000));
        // The stored photo carries its source's hash.
        const auto photos = [&] { return r.photos(); };
        QCOMPARE(PhotoPipeline::sourceSha256Of(
                     r.store.blobUrl(QString::fromStdString(photos().at(0).sha256)).toLocalFile()),
                 PhotoPipeline::fileSha256(seal.toLocalFile()));

        QVERIFY(capture.importFile(seal, checkA, Vocabulary::PowerCut, QStringLiteral("中频炉")));
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.takeFirst().first().toString(),
                 QStringLiteral("这张照片已是本设备的“封条”照片：一张照片只能作为一项证据。"
                                "请另拍或另选一张照片作为“断电”照片。"));
        QVERIFY(capture.addFromFile(seal, checkA, Vocabulary::Seal, QStringLiteral("中频炉")));
        QVERIFY(failed.wait(20000));
        QCOMPARE(failed.takeFirst().first().toString(),
                 QStringLiteral("这张照片已是本设备的“封条”照片。"));
        QCOMPARE(photos().size(), std::size_t(1));
        QVERIFY(QFile::exists(seal.toLocalFile())); // an imported file is the inspector's own

        QVERIFY(capture.importFile(other, checkA, Vocabulary::PowerCut, QStringLiteral("中频炉")));
        QVERIFY(added.wait(20000));
        QVERIFY(capture.importFile(seal, QString::fromStdString(second), Vocabulary::Seal,
                                   QStringLiteral("工频炉")));
        QVERIFY(added.wait(20000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(photos().size(), std::size_t(3));
    }

    // Issue 15.1: a photo uses the position the chip shows. A fix 12 s old is stored with its
    // accuracy and stamped with its age; one two minutes old is not used: the photo has no
    // position, and its watermark says so and how old the last fix was.
    void photoUsesThePositionTheChipShows()
    {
        QDateTime now = QDateTime::currentDateTimeUtc(); // outlives the clock that reads it
        test::CaptureRig r;
        Positioning &positioning = r.positioning;
        positioning.setClock([&] { return now; });
        positioning.setFix(40.851, 122.752, 8, /*simulated=*/true);
        r.usePositioning();
        PhotoCapture &capture = r.capture;
        QSignalSpy &added = r.added;

        now = now.addSecs(12);
        positioning.refresh();
        const QString fresh = test::writeJpeg(path(QStringLiteral("pos-fresh.jpg")), 800, 600);
        QVERIFY(capture.addFromFile(QUrl::fromLocalFile(fresh), {}, Vocabulary::Overview, {}));
        QVERIFY(added.wait(20000));
        QCOMPARE(capture.lastResult().watermark.texts().at(1),
                 QStringLiteral("位置：40.85100°N 122.75200°E ±8 米（12 秒前定位）"));

        now = now.addSecs(110); // 122 s: the chip is grey, and the photo gets no position
        positioning.refresh();
        QCOMPARE(positioning.level(), int(Positioning::Unusable));
        const QString late =
            test::writeJpeg(path(QStringLiteral("pos-late.jpg")), 800, 600, Qt::darkGreen);
        QVERIFY(capture.addFromFile(QUrl::fromLocalFile(late), {}, Vocabulary::Overview, {}));
        QVERIFY(added.wait(20000));
        QCOMPARE(capture.lastResult().watermark.texts().at(1),
                 QStringLiteral("位置：无定位（最近一次定位在 2 分钟前）"));

        const auto photos = r.photos();
        QCOMPARE(photos.size(), std::size_t(2));
        int withPosition = 0;
        for (const Photo &p : photos) {
            if (p.position) {
                ++withPosition;
                QCOMPARE(p.position->accuracy_m, std::optional<double>(8));
                // The fix's age when it was used and the source's simulated mark are kept.
                QCOMPARE(p.position->fix_age_s, std::optional<int>(12));
                QVERIFY(p.position->simulated);
            }
        }
        QCOMPARE(withPosition, 1);
        // ... and travel to the office in the pushed bundle (optional fields of the position).
        const auto outbox = r.store.with([](DeviceStore &s) { return s.pendingOutbox(); });
        QCOMPARE(outbox.size(), std::size_t(1));
        const Json bundle = parseJson(outbox.front().payload);
        int sent = 0;
        for (const Json &p : bundle.at("photos")) {
            if (!p.contains("position"))
                continue;
            ++sent;
            QCOMPARE(p.at("position").at("fix_age_s").get<int>(), 12);
            QCOMPARE(p.at("position").at("simulated").get<bool>(), true);
        }
        QCOMPARE(sent, 1);
    }

    // The UI thread may hold the store while a photo is made durable: the worker's hash, copy
    // and fsync run outside that lock (they used to run under it, so this waited forever).
    void photoIsStoredWhileTheUiHoldsTheStore()
    {
        test::CaptureRig r;
        const QString src = test::writeJpeg(path(QStringLiteral("held.jpg")), 1200, 800);
        bool stored = false;
        r.store.with([&](DeviceStore &) {
            QVERIFY(r.capture.addFromFile(QUrl::fromLocalFile(src), {}, Vocabulary::Overview, {}));
            stored = r.added.wait(20000);
        });
        r.capture.waitForAll(); // before the store goes, whatever happened
        QVERIFY(stored);
        QCOMPARE(r.failed.count(), 0);
        QCOMPARE(r.photos().size(), std::size_t(1));
    }

    void captureOnAFinalVisitFailsWithASentence()
    {
        QTemporaryDir data;
        AppStore store(data.path());
        store.with([](DeviceStore &s) { test::addMiniPlan(s); });
        PhotoCapture capture;
        capture.setProperty("store", QVariant::fromValue(&store));
        capture.setProperty("inspectionId", QStringLiteral("no-such-visit"));
        QSignalSpy failed(&capture, &PhotoCapture::failed);
        const QString src = test::writeJpeg(path(QStringLiteral("f.jpg")), 300, 200);
        QVERIFY(capture.addFromFile(QUrl::fromLocalFile(src), {}, Vocabulary::Overview, {}));
        QVERIFY(failed.wait(20000));
        QVERIFY(!failed.first().first().toString().isEmpty());
        QVERIFY(!capture.addFromFile(QUrl::fromLocalFile(src), {}, 99, {}));
    }
};

QTEST_MAIN(TestPhotoPipeline) // the watermark draws text: fonts need a QGuiApplication
#include "tst_photopipeline.moc"
