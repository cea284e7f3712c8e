// A full tablet (issue 17 item 2), through the app's own paths: a photo taken or imported
// through PhotoCapture and a save through VisitController on a full data folder fail with the
// Chinese sentence that says to free space; the draft stays as it was (no photo, no staging
// file, the old notes, the same revision); with space back the same actions work, and the app's
// store opens again on the same folder.
//
// The data folder is test::FullDisk: a real 8 MiB tmpfs filled to its last byte where the test
// may mount, RLIMIT_FSIZE 0 on this process otherwise (docs/reliability.md).

#include "app/appstore.h"
#include "controllers/synccontroller.h"
#include "controllers/visitcontroller.h"
#include "devicefixture.h"
#include "fulldisk.h"
#include "photo/photocapture.h"
#include "platform/storeerror.h"
#include "sync/clientsyncbackend.h"
#include "syncoffice.h"
#include "text/translations.h"
#include "text/vocabulary.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

class TestFullDisk : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_translations.apply(QStringLiteral("zh_CN")));
        // The sentence the inspector reads: full, nothing saved, what to do.
        const QString text = storageFullText();
        QVERIFY2(text.contains(QStringLiteral("存储空间已满")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("清理空间")), qPrintable(text));
    }

    void photoAndSaveOnAFullTabletSayWhatToDo()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        test::FullDisk disk(dataDir.toStdString(), std::int64_t{8} << 20);
        qInfo("the tablet's storage: %s", disk.how().c_str());
        // The camera's (or gallery's) file lives elsewhere.
        const QString src = test::writeJpeg(dir.filePath(QStringLiteral("shot.jpg")), 1600, 1200);
        QVERIFY(!src.isEmpty());

        QString visit;
        {
            AppStore store(dataDir);
            store.with([](DeviceStore &s) { test::addMiniPlan(s); });
            visit = QString::fromStdString(
                store.with([](DeviceStore &s) { return test::startMiniVisit(s); }));
            VisitController v;
            v.setStore(&store);
            v.setInspectionId(visit);
            v.setNotes(QStringLiteral("厂区大门已封闭"));
            // The draft's version as its outbox row carries it: every saved change raises it.
            const auto revision = [&] {
                return store.with(
                    [&](DeviceStore &s) { return s.pendingOutbox().front().version; });
            };
            const std::int64_t was = revision();

            PhotoCapture capture;
            capture.setProperty("store", QVariant::fromValue(&store));
            capture.setProperty("inspectionId", visit);
            QSignalSpy added(&capture, &PhotoCapture::photoAdded);
            QSignalSpy photoFailed(&capture, &PhotoCapture::failed);
            QSignalSpy saveFailed(&v, &VisitController::failed);

            QVERIFY2(disk.fill(), disk.how().c_str());
            QVERIFY(capture.addFromFile(QUrl::fromLocalFile(src), {}, Vocabulary::Overview,
                                        QStringLiteral("全景")));
            QVERIFY(photoFailed.wait(20000));
            QCOMPARE(added.count(), 0);
            QCOMPARE(photoFailed.first().first().toString(), storageFullText());
            v.setNotes(QString(2 << 20, QLatin1Char('n'))); // more than the WAL has room for
            QCOMPARE(saveFailed.count(), 1);
            QCOMPARE(saveFailed.first().first().toString(), storageFullText());

            // The draft as it was: no photo, the old notes, the same version, no staging file.
            const auto bundle =
                store.with([&](DeviceStore &s) { return s.bundle(visit.toStdString()); });
            QCOMPARE(bundle.photos.size(), std::size_t(0));
            QCOMPARE(bundle.inspection.notes, std::string("厂区大门已封闭"));
            QCOMPARE(revision(), was);
            QCOMPARE(QDir(store.stagingDir()).entryList(QDir::Files).size(), 0);
            v.reload();
            QCOMPARE(v.notes(), QStringLiteral("厂区大门已封闭"));

            // Space returns: the same photo and the same save go through.
            QVERIFY(disk.release());
            QVERIFY(capture.addFromFile(QUrl::fromLocalFile(src), {}, Vocabulary::Overview,
                                        QStringLiteral("全景")));
            QVERIFY(added.wait(20000));
            QCOMPARE(photoFailed.count(), 1);
            v.setNotes(QStringLiteral("厂区大门已封闭，设备已拆除"));
            QCOMPARE(saveFailed.count(), 1);
            capture.waitForAll();
        }
        // The app opens its store again on the same folder.
        AppStore again(dataDir);
        const auto bundle =
            again.with([&](DeviceStore &s) { return s.bundle(visit.toStdString()); });
        QCOMPARE(bundle.photos.size(), std::size_t(1));
        QCOMPARE(bundle.inspection.notes, std::string("厂区大门已封闭，设备已拆除"));
    }

    // A sync on a full tablet (the real server and library): the pull cannot keep what it
    // received, and the inspector reads the storage-full sentence in Chinese, not SQLite's
    // English; with space back the same sync completes.
    void aSyncOnAFullTabletSaysWhatToDo()
    {
        test::SyncOffice office;
        QVERIFY2(office.setUp(), qPrintable(office.error()));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString dataDir = dir.filePath(QStringLiteral("data"));
        test::FullDisk disk(dataDir.toStdString(), std::int64_t{8} << 20);
        qInfo("the tablet's storage: %s", disk.how().c_str());
        AppStore store(dataDir);
        SyncController sync(&store, std::make_unique<ClientSyncBackend>());
        QSignalSpy enrolled(&sync, &SyncController::enrolFinished);
        QVERIFY(sync.enrol(QString::fromStdString(office.baseUrl()), QStringLiteral("zhang"),
                           QString::fromLatin1(test::SyncOffice::kPassword)));
        QVERIFY(enrolled.wait(60000));
        QVERIFY2(enrolled.last().first().toBool(), qPrintable(sync.lastError()));

        QSignalSpy finished(&sync, &SyncController::syncFinished);
        QVERIFY2(disk.fill(), disk.how().c_str());
        QVERIFY(sync.start()); // the first pull brings the plan: it must be written
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY2(sync.lastError().contains(QStringLiteral("存储空间已满")),
                 qPrintable(sync.lastError()));
        QVERIFY2(!sync.lastError().contains(QStringLiteral("SQL")), qPrintable(sync.lastError()));

        QVERIFY(disk.release());
        QVERIFY(sync.start());
        QVERIFY(finished.wait(60000));
        QVERIFY2(finished.last().first().toBool(), qPrintable(sync.lastError()));
        QVERIFY(store.with([](DeviceStore &s) { return !s.enterprises().empty(); }));
    }

  private:
    Translations m_translations;
};

QTEST_MAIN(TestFullDisk) // the watermark draws text: fonts need a QGuiApplication
#include "tst_fulldisk.moc"
