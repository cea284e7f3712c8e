// SyncController: enrolment and sync run on the worker thread and report by signals; the UI
// thread stays free; cancel works; failures become sentences; the real library's error for an
// unreachable office is one of them too.

#include "app/appstore.h"
#include "controllers/synccontroller.h"
#include "devicefixture.h"
#include "fakesyncbackend.h"
#include "serverprocess.h"
#include "sync/clientsyncbackend.h"
#include "sync/syncmessages.h"
#include "syncoffice.h"
#include "text/translations.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

class TestSyncController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    struct Rig
    {
        std::unique_ptr<AppStore> store;
        test::FakeSyncBackend *fake = nullptr;
        std::unique_ptr<SyncController> sync;
    };
    Rig rig()
    {
        Rig r;
        r.store = std::make_unique<AppStore>(m_dir.filePath(QStringLiteral("d%1").arg(++m_n)));
        auto fake = std::make_unique<test::FakeSyncBackend>();
        r.fake = fake.get();
        r.sync = std::make_unique<SyncController>(r.store.get(), std::move(fake));
        return r;
    }
    /// Enrols `r` with the fake office's right password: true once that has succeeded.
    static bool enrol(Rig &r)
    {
        QSignalSpy enrolled(r.sync.get(), &SyncController::enrolFinished);
        r.sync->enrol(QStringLiteral("https://office"), QStringLiteral("zhang"),
                      QStringLiteral("secret"));
        return enrolled.wait(5000) && enrolled.last().first().toBool();
    }

  private Q_SLOTS:
    void initTestCase() { Translations().apply(QStringLiteral("en")); }

    void enrolOnTheWorkerThenStraightIn()
    {
        Rig r = rig();
        QVERIFY(!r.sync->enrolled());
        QSignalSpy enrolled(r.sync.get(), &SyncController::enrolFinished);
        QVERIFY(!r.sync->enrol(QString(), QStringLiteral("zhang"), QStringLiteral("x"))); // blanks
        QCOMPARE(enrolled.count(), 1);
        QVERIFY(!r.sync->lastError().isEmpty());

        QVERIFY(r.sync->enrol(QStringLiteral("https://office"), QStringLiteral("zhang"),
                              QStringLiteral("wrong")));
        QVERIFY(r.sync->enrolling());
        QVERIFY(enrolled.wait(5000));
        QCOMPARE(enrolled.last().first().toBool(), false);
        QCOMPARE(r.sync->lastError(), QStringLiteral("Wrong username or password."));
        QVERIFY(!r.sync->enrolled());

        QVERIFY(r.sync->enrol(QStringLiteral("https://office"), QStringLiteral("zhang"),
                              QStringLiteral("secret")));
        QVERIFY(enrolled.wait(5000));
        QCOMPARE(enrolled.last().first().toBool(), true);
        QVERIFY(r.sync->enrolled());
        QCOMPARE(r.sync->username(), QStringLiteral("zhang"));
        QCOMPARE(r.sync->serverUrl(), QStringLiteral("https://office"));
        QCOMPARE(r.sync->lastError(), QString());

        // A later start reads the enrolment at once, before any event loop runs.
        const QString dir = r.store->dataDir();
        r.sync.reset();
        r.store.reset();
        AppStore store(dir);
        SyncController again(&store, std::make_unique<test::FakeSyncBackend>());
        QVERIFY(again.enrolled());
        QCOMPARE(again.username(), QStringLiteral("zhang"));
    }

    void syncReportsProgressAndRefreshesViews()
    {
        Rig r = rig();
        QSignalSpy finished(r.sync.get(), &SyncController::syncFinished);
        QVERIFY(r.sync->start());
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY(r.sync->lastError().contains(QStringLiteral("not signed in")));

        QVERIFY(enrol(r));

        QSignalSpy progress(r.sync.get(), &SyncController::progressChanged);
        QSignalSpy refreshed(r.store.get(), &AppStore::refreshed);
        QSignalSpy identity(r.sync.get(), &SyncController::identityChanged);
        QVERIFY(r.sync->start());
        QVERIFY(r.sync->running());
        QVERIFY(!r.sync->start()); // one at a time
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().first().toBool(), true);
        QVERIFY(progress.count() >= 3);
        QCOMPARE(r.sync->itemsText(), QStringLiteral("3 / 3 visits"));
        QCOMPARE(r.sync->bytesText(), QStringLiteral("3.0 / 3.0 MB"));
        QCOMPARE(r.sync->itemsFraction(), 1.0);
        QCOMPARE(refreshed.count(), 1);
        QCOMPARE(r.sync->lastError(), QString());
        // A sentence for people, not the developer's counts (issue 15.6).
        QCOMPARE(r.sync->lastSummary(),
                 QStringLiteral("Sent 3 photos and 1 visit, all delivered. Received 10 updates "
                                "of tasks and lists."));
        QTRY_VERIFY_WITH_TIMEOUT(r.sync->lastSync() != QStringLiteral("Never"), 5000);
        QVERIFY(identity.count() >= 1);
    }

    // A new office epoch (a restore from a backup) is said at once, not silently re-sent.
    void officeRestoredIsSaid()
    {
        Rig r = rig();
        QVERIFY(enrol(r));
        QSignalSpy finished(r.sync.get(), &SyncController::syncFinished);
        QSignalSpy restored(r.sync.get(), &SyncController::officeRestored);
        QVERIFY(r.sync->start());
        QVERIFY(finished.wait(5000));
        QCOMPARE(restored.count(), 0);
        QCOMPARE(r.sync->officeNotice(), QString());

        r.fake->restoredReoffering = 5;
        QVERIFY(r.sync->start());
        QVERIFY(finished.wait(5000));
        QCOMPARE(restored.count(), 1);
        QCOMPARE(r.sync->officeNotice(),
                 QStringLiteral("The office was restored from a backup; sending again the 5 "
                                "visit(s) it may have lost, with their photos…"));
        QCOMPARE(restored.first().first().toString(), r.sync->officeNotice());

        // In Chinese, as the inspector reads it.
        Translations zh;
        QVERIFY(zh.apply(QStringLiteral("zh_CN")));
        SyncRunResult result;
        result.office_restored = true;
        result.items_reoffered = 5;
        QCOMPARE(officeRestoredText(result),
                 QStringLiteral("办公室已从备份恢复，正在重新上传可能丢失的 5 份核查及其照片…"));
        zh.apply(QStringLiteral("en"));
    }

    void failuresBecomeSentences_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<QString>("words");
        QTest::newRow("network") << int(SyncFailure::Network) << QStringLiteral("Nothing is lost");
        QTest::newRow("revoked") << int(SyncFailure::Unauthorized)
                                 << QStringLiteral("Sign in again");
        QTest::newRow("scope") << int(SyncFailure::Forbidden) << QStringLiteral("regions");
        QTest::newRow("server") << int(SyncFailure::Server) << QStringLiteral("database is locked");
        QTest::newRow("full") << int(SyncFailure::StorageFull) << QStringLiteral("storage is full");
    }
    void failuresBecomeSentences()
    {
        QFETCH(int, failure);
        QFETCH(QString, words);
        Rig r = rig();
        QVERIFY(enrol(r));
        r.fake->nextFailure = static_cast<SyncFailure>(failure);
        QSignalSpy finished(r.sync.get(), &SyncController::syncFinished);
        r.sync->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().first().toBool(), false);
        QVERIFY2(r.sync->lastError().contains(words), qPrintable(r.sync->lastError()));
    }

    void cancelStopsARunningSync()
    {
        Rig r = rig();
        QVERIFY(enrol(r));
        r.fake->slow = true;
        QSignalSpy finished(r.sync.get(), &SyncController::syncFinished);
        QVERIFY(r.sync->start());
        QTRY_VERIFY_WITH_TIMEOUT(r.fake->started, 5000); // the UI thread kept running meanwhile
        QVERIFY(r.sync->running());
        r.sync->cancel();
        QVERIFY(finished.wait(5000));
        QVERIFY(!r.sync->running());
        QVERIFY(r.sync->lastError().startsWith(QStringLiteral("Sync cancelled")));
    }

    // The real sync library: an office that is not there is a network failure, in words.
    void realLibraryUnreachableOffice()
    {
        AppStore store(m_dir.filePath(QStringLiteral("real")));
        SyncController sync(&store, std::make_unique<ClientSyncBackend>());
        QVERIFY(!sync.enrolled());
        QSignalSpy enrolled(&sync, &SyncController::enrolFinished);
        QVERIFY(sync.enrol(QStringLiteral("http://127.0.0.1:9"), QStringLiteral("zhang"),
                           QStringLiteral("pw")));
        QVERIFY(enrolled.wait(60000));
        QCOMPARE(enrolled.last().first().toBool(), false);
        QVERIFY2(sync.lastError().startsWith(QStringLiteral("Cannot reach the office server")),
                 qPrintable(sync.lastError()));
        QVERIFY(!sync.enrolled());
    }

    // Issue 15.9: background sync. Every interval while visits wait to be sent (never with
    // nothing to send), and when the network comes back; off when switched off.
    void syncsByItselfWhileWorkIsPending()
    {
        Rig r = rig();
        QVERIFY(enrol(r));
        QSignalSpy started(r.sync.get(), &SyncController::autoSyncStarted);
        QSignalSpy finished(r.sync.get(), &SyncController::syncFinished);
        QVERIFY(!r.sync->autoSync()); // the app turns it on from Settings.autoSync
        r.sync->setAutoSyncIntervalMs(20);
        r.sync->setAutoSync(true);
        QTest::qWait(200); // ten ticks with nothing to send
        QCOMPARE(started.count(), 0);

        r.store->with([](DeviceStore &s) {
            test::addMiniPlan(s);
            test::startMiniVisit(s, VisitKind::Exit, {});
        });
        QVERIFY(r.store->pendingCount() > 0);
        QVERIFY(started.wait(5000));
        QCOMPARE(started.last().first().toString(), QStringLiteral("timer"));
        QVERIFY(r.sync->running());
        QVERIFY(finished.wait(5000));

        r.sync->setAutoSync(false);
        const int before = started.count();
        QTest::qWait(200);
        r.sync->networkChanged(false);
        r.sync->networkChanged(true);
        QCOMPARE(started.count(), before);
        QVERIFY(!r.sync->running());
    }

    void syncsWhenTheNetworkComesBack()
    {
        Rig r = rig();
        QVERIFY(enrol(r));
        r.sync->setAutoSync(true); // the default interval: only the network starts it here
        QSignalSpy started(r.sync.get(), &SyncController::autoSyncStarted);
        QSignalSpy finished(r.sync.get(), &SyncController::syncFinished);
        r.sync->networkChanged(true); // online all along: nothing came back
        QCOMPARE(started.count(), 0);
        r.sync->networkChanged(false);
        QCOMPARE(started.count(), 0);
        r.sync->networkChanged(true);
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.last().first().toString(), QStringLiteral("network"));
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.last().first().toBool(), true);
    }

    // Issue 15.9: a metered connection with the setting on (its default) sends records only,
    // by hand and by itself; the result says what waits for Wi-Fi. Off the meter, or with the
    // setting off, files go too.
    void meteredConnectionSendsRecordsOnly()
    {
        Rig r = rig();
        QVERIFY(enrol(r));
        QSignalSpy finished(r.sync.get(), &SyncController::syncFinished);
        QSignalSpy cost(r.sync.get(), &SyncController::networkCostChanged);
        QVERIFY(r.sync->meteredRecordsOnly());
        QVERIFY(!r.sync->recordsOnly());

        r.sync->setMetered(true);
        QCOMPARE(cost.count(), 1);
        QVERIFY(r.sync->recordsOnly());
        r.fake->waitingForFiles = 2;
        QVERIFY(r.sync->start());
        QVERIFY(finished.wait(5000));
        QVERIFY(r.fake->lastRecordsOnly);
        QVERIFY2(
            r.sync->lastSummary().contains(QStringLiteral("2 visit(s) with photos wait for Wi-Fi")),
            qPrintable(r.sync->lastSummary()));
        QVERIFY2(!r.sync->lastSummary().contains(QStringLiteral("photo,")),
                 qPrintable(r.sync->lastSummary()));

        // Started by itself (the network came back, still metered): records only as well.
        r.sync->setAutoSync(true);
        r.sync->networkChanged(false);
        r.sync->networkChanged(true);
        QVERIFY(finished.wait(5000));
        QVERIFY(r.fake->lastRecordsOnly);

        r.sync->setMeteredRecordsOnly(false);
        QVERIFY(!r.sync->recordsOnly());
        QVERIFY(r.sync->start());
        QVERIFY(finished.wait(5000));
        QVERIFY(!r.fake->lastRecordsOnly);
        QVERIFY2(!r.sync->lastSummary().contains(QStringLiteral("Wi-Fi")),
                 qPrintable(r.sync->lastSummary()));

        r.sync->setMeteredRecordsOnly(true);
        r.sync->setMetered(false);
        QVERIFY(!r.sync->recordsOnly());
        QVERIFY(r.sync->start());
        QVERIFY(finished.wait(5000));
        QVERIFY(!r.fake->lastRecordsOnly);
    }

    // The real sync library against an office that does not answer: the screen says so the
    // moment the first request fails, long before the library has given up retrying.
    void realLibrarySaysAtOnceThatTheOfficeIsUnreachable()
    {
        AppStore store(m_dir.filePath(QStringLiteral("unreachable")));
        store.with([](DeviceStore &s) { test::enrol(s, "http://127.0.0.1:9", "zhang"); });
        SyncController sync(&store, std::make_unique<ClientSyncBackend>());
        QVERIFY(sync.enrolled());
        QSignalSpy finished(&sync, &SyncController::syncFinished);
        QElapsedTimer clock;
        clock.start();
        QVERIFY(sync.start());
        QTRY_VERIFY_WITH_TIMEOUT(sync.unreachable(), 10000);
        const qint64 saidAfter = clock.elapsed();
        QVERIFY(sync.running()); // still retrying
        QCOMPARE(sync.phaseLabel(),
                 QStringLiteral("Cannot reach the office server. Trying again…"));
        QVERIFY2(saidAfter < 1500, qPrintable(QString::number(saidAfter)));
        qInfo("unreachable office shown after %lld ms", saidAfter);
        sync.cancel();
        QVERIFY(finished.wait(30000));
        QVERIFY(!sync.unreachable());
    }

    // Issue 15.10: an office with its own CA, over real TLS (the real server with a test CA,
    // the real library). Without a CA, or with the wrong one, the inspector reads a Chinese
    // sentence, not a TLS error; with the office's CA (its file, or its text pasted on one
    // line as a QR code gives it) the tablet enrols and syncs.
    void realLibraryEnrolsWithTheOfficesOwnCa()
    {
        if (!test::hasOpenssl())
            QSKIP("no openssl command to make a test certificate");
        QTemporaryDir keys;
        const test::TestCertificate tls = test::makeTestCertificate(keys.path());
        QVERIFY2(tls.error.isEmpty(), qPrintable(tls.error));
        QTemporaryDir otherKeys;
        const test::TestCertificate wrong = test::makeTestCertificate(otherKeys.path());
        QVERIFY2(wrong.error.isEmpty(), qPrintable(wrong.error));
        test::SyncOffice office;
        QVERIFY2(office.setUp({"--tls-cert", tls.cert, "--tls-key", tls.key}),
                 qPrintable(office.error()));
        const QString url = QString::fromStdString(office.baseUrl());
        QVERIFY(url.startsWith(QStringLiteral("https://")));
        const QString password = QString::fromLatin1(test::SyncOffice::kPassword);

        Translations zh;
        QVERIFY(zh.apply(QStringLiteral("zh_CN")));
        AppStore store(m_dir.filePath(QStringLiteral("tls")));
        SyncController sync(&store, std::make_unique<ClientSyncBackend>());
        QSignalSpy done(&sync, &SyncController::enrolFinished);

        // No CA: the office's certificate is not in the system's trust store.
        QElapsedTimer clock;
        clock.start();
        QVERIFY(sync.enrol(url, QStringLiteral("zhang"), password));
        QVERIFY(done.wait(60000));
        QCOMPARE(done.last().first().toBool(), false);
        QVERIFY2(sync.lastError().startsWith(QStringLiteral("平板不信任办公室服务器的证书")),
                 qPrintable(sync.lastError()));
        QVERIFY2(!sync.lastError().contains(QStringLiteral("SSL")), qPrintable(sync.lastError()));
        QVERIFY2(clock.elapsed() < 5000, "an untrusted certificate is not retried");

        // Another CA, pasted as text on one line.
        QFile wrongFile(wrong.cert);
        QVERIFY(wrongFile.open(QIODevice::ReadOnly));
        const QString wrongText = QString::fromLatin1(wrongFile.readAll()).replace('\n', ' ');
        QVERIFY(sync.enrol(url, QStringLiteral("zhang"), password, wrongText));
        QVERIFY(done.wait(60000));
        QCOMPARE(done.last().first().toBool(), false);
        QVERIFY2(
            sync.lastError().startsWith(QStringLiteral("办公室服务器的证书与您提供的 CA 证书不符")),
            qPrintable(sync.lastError()));
        QVERIFY(!sync.enrolled());

        // Not a certificate, and a file that is not there: said before any request.
        QVERIFY(!sync.enrol(url, QStringLiteral("zhang"), password, QStringLiteral("hello")));
        QVERIFY2(sync.lastError().startsWith(QStringLiteral("这不是 CA 证书")),
                 qPrintable(sync.lastError()));
        QVERIFY(!sync.enrol(url, QStringLiteral("zhang"), password,
                            keys.filePath(QStringLiteral("missing.pem"))));
        QVERIFY2(sync.lastError().startsWith(QStringLiteral("无法读取 CA 证书文件")),
                 qPrintable(sync.lastError()));

        // The office's CA, from its file (as a file:// URL): enrolled, kept in the data folder.
        QVERIFY(sync.enrol(url, QStringLiteral("zhang"), password,
                           QUrl::fromLocalFile(tls.cert).toString()));
        QVERIFY(done.wait(60000));
        QVERIFY2(done.last().first().toBool(), qPrintable(sync.lastError()));
        QVERIFY(sync.enrolled());
        QVERIFY2(sync.caFile().startsWith(store.dataDir() + QStringLiteral("/office-ca-")),
                 qPrintable(sync.caFile()));
        QSignalSpy synced(&sync, &SyncController::syncFinished);
        QVERIFY(sync.start());
        QVERIFY(synced.wait(60000));
        QVERIFY2(synced.last().first().toBool(), qPrintable(sync.lastError()));
        QVERIFY(zh.apply(QStringLiteral("en")));
    }
};

QTEST_GUILESS_MAIN(TestSyncController)
#include "tst_synccontroller.moc"
