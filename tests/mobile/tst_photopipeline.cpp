// The photo pipeline (DESIGN §5) on real JPEGs: EXIF orientation applied, long edge bounded,
// a 48 MP source decoded at reduced size, the watermark burned in; and PhotoCapture storing
// the result through the thread pool.

#include "app/appstore.h"
#include "devicefixture.h"
#include "photo/photocapture.h"
#include "photo/photopipeline.h"
#include "platform/positioning.h"
#include "testimages.h"
#include "text/vocabulary.h"

#include <QImage>
#include <QImageReader>
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

} // namespace

class TestPhotoPipeline : public QObject
{
    Q_OBJECT

  private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    PhotoResult run(const QString &source, int maxEdge = 2560, Watermark wm = {})
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
    void initTestCase() { QVERIFY(m_dir.isValid()); }

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
        QTemporaryDir data;
        AppStore store(data.path());
        store.with([](DeviceStore &s) { test::addMiniPlan(s); });
        const QString inspection = QString::fromStdString(store.with([](DeviceStore &s) {
            return s
                .startInspection(
                    NewInspection{std::string("t1"), "e1", VisitKind::Exit, {"zhang"}, "", {}})
                .id;
        }));
        Positioning positioning{QString()};
        positioning.setFix(40.85, 122.75, 12);
        PhotoCapture capture;
        capture.setProperty("store", QVariant::fromValue(&store));
        capture.setProperty("positioning", QVariant::fromValue(&positioning));
        capture.setProperty("inspectionId", inspection);
        capture.setProperty("enterpriseName", QStringLiteral("示例天成钢铁有限公司"));
        capture.setProperty("inspector", QStringLiteral("张伟"));
        QSignalSpy added(&capture, &PhotoCapture::photoAdded);
        QSignalSpy failed(&capture, &PhotoCapture::failed);
        QSignalSpy changed(&store, &AppStore::inspectionChanged);

        const QString src = test::writeJpeg(path(QStringLiteral("cap.jpg")), 3000, 2000);
        QVERIFY(test::setExifOrientation(src, 6));
        QVERIFY(capture.addFromFile(QUrl::fromLocalFile(src), {}, Vocabulary::Overview,
                                    QStringLiteral("全景")));
        QCOMPARE(capture.running(), 1);
        QVERIFY(added.wait(20000));
        QCOMPARE(failed.count(), 0);
        QCOMPARE(capture.running(), 0);
        QVERIFY(changed.count() >= 1);

        const auto bundle =
            store.with([&](DeviceStore &s) { return s.bundle(inspection.toStdString()); });
        QCOMPARE(bundle.photos.size(), std::size_t(1));
        const Photo &p = bundle.photos.front();
        QCOMPARE(QString::fromStdString(p.id), added.first().first().toString());
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
        QTemporaryDir data;
        AppStore store(data.path());
        store.with([](DeviceStore &s) { test::addMiniPlan(s); });
        const QString inspection = QString::fromStdString(store.with([](DeviceStore &s) {
            return s
                .startInspection(
                    NewInspection{std::string("t1"), "e1", VisitKind::Exit, {"zhang"}, "", {}})
                .id;
        }));
        Positioning positioning{QString()};
        positioning.setFix(40.85, 122.75, 12);
        PhotoCapture capture;
        capture.setProperty("store", QVariant::fromValue(&store));
        capture.setProperty("positioning", QVariant::fromValue(&positioning));
        capture.setProperty("inspectionId", inspection);
        QSignalSpy added(&capture, &PhotoCapture::photoAdded);

        const QString dated = test::writeJpeg(path(QStringLiteral("old.jpg")), 800, 600);
        QVERIFY(test::setExifDateTimeOriginal(dated, "2016:05:03 10:00:05"));
        const QString undated = test::writeJpeg(path(QStringLiteral("plain.jpg")), 800, 600);
        QVERIFY(capture.importFile(QUrl::fromLocalFile(dated), {}, Vocabulary::Seal, {}));
        QVERIFY(added.wait(20000));
        QVERIFY(capture.importFile(QUrl::fromLocalFile(undated), {}, Vocabulary::Seal, {}));
        QVERIFY(added.wait(20000));

        const auto bundle =
            store.with([&](DeviceStore &s) { return s.bundle(inspection.toStdString()); });
        QCOMPARE(bundle.photos.size(), std::size_t(2));
        const QString exifUtc = QDateTime::fromString(QStringLiteral("2016-05-03 10:00:05"),
                                                      QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                                    .toUTC()
                                    .toString(Qt::ISODateWithMs);
        QStringList times;
        for (const Photo &p : bundle.photos) {
            QCOMPARE(p.source, PhotoSource::Imported);
            QVERIFY(!p.position.has_value()); // never the tablet's position now
            times << QString::fromStdString(p.taken_at);
        }
        times.sort();
        QCOMPARE(times, (QStringList{QString(), exifUtc})); // unknown stays unknown, not today
    }

    // The UI thread may hold the store while a photo is made durable: the worker's hash, copy
    // and fsync run outside that lock (they used to run under it, so this waited forever).
    void photoIsStoredWhileTheUiHoldsTheStore()
    {
        QTemporaryDir data;
        AppStore store(data.path());
        store.with([](DeviceStore &s) { test::addMiniPlan(s); });
        const QString inspection = QString::fromStdString(store.with([](DeviceStore &s) {
            return s
                .startInspection(
                    NewInspection{std::string("t1"), "e1", VisitKind::Exit, {"zhang"}, "", {}})
                .id;
        }));
        PhotoCapture capture;
        capture.setProperty("store", QVariant::fromValue(&store));
        capture.setProperty("inspectionId", inspection);
        QSignalSpy added(&capture, &PhotoCapture::photoAdded);
        QSignalSpy failed(&capture, &PhotoCapture::failed);
        const QString src = test::writeJpeg(path(QStringLiteral("held.jpg")), 1200, 800);
        bool stored = false;
        store.with([&](DeviceStore &) {
            QVERIFY(capture.addFromFile(QUrl::fromLocalFile(src), {}, Vocabulary::Overview, {}));
            stored = added.wait(20000);
        });
        capture.waitForAll(); // before the store goes, whatever happened
        QVERIFY(stored);
        QCOMPARE(failed.count(), 0);
        const auto bundle =
            store.with([&](DeviceStore &s) { return s.bundle(inspection.toStdString()); });
        QCOMPARE(bundle.photos.size(), std::size_t(1));
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
