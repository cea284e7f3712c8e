// Positioning: a fix with its accuracy and age, a warning (never a block) when there is none, it
// is old or worse than 50 m, one state for the chip, the banner and what records store, and
// replayed NMEA tracks through Qt's nmea plugin (one that stops, one with bad accuracy).

#include "app/appoptions.h"
#include "platform/positioning.h"
#include "text/translations.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

namespace {

/// The NMEA checksum of `body` (the text between '$' and '*'), as two hex digits.
QByteArray checksum(const QByteArray &body)
{
    unsigned sum = 0;
    for (const char c : body)
        sum ^= static_cast<unsigned char>(c);
    return QByteArray::number(sum, 16).rightJustified(2, '0').toUpper();
}

} // namespace

class TestPositioning : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void initTestCase()
    {
        // QTest::qExec sets QT_QTESTLIB_RUNNING, which hides the nmea position plugin.
        qunsetenv("QT_QTESTLIB_RUNNING");
        Translations().apply(QStringLiteral("en"));
    }

    void warnsWithoutFixOrWhenPoor()
    {
        Positioning p{QString()};
        p.clearFix();
        QVERIFY(!p.hasFix());
        QVERIFY(p.poor());
        QVERIFY(!p.current());
        QVERIFY(p.warning().startsWith(QStringLiteral("No position fix")));

        QSignalSpy changed(&p, &Positioning::positionChanged);
        p.setFix(40.851, 122.752, 8);
        QCOMPARE(changed.count(), 1);
        QVERIFY(p.hasFix());
        QVERIFY(!p.poor());
        QCOMPARE(p.warning(), QString());
        QCOMPARE(p.current()->accuracy_m, std::optional<double>(8));
        QCOMPARE(p.summary(), QStringLiteral("40.85100°N 122.75200°E ±8 m"));

        p.setFix(40.851, 122.752, 120);
        QVERIFY(p.poor());
        QVERIFY(p.warning().contains(QStringLiteral("120 m")));
        QVERIFY(p.current().has_value()); // still stored: a warning, not a block

        p.setFix(40.851, 122.752, -1);
        QVERIFY(p.poor());
        QVERIFY(!p.current()->accuracy_m);
    }

    // Issue 15.1: the chip, the banner, the watermark text and the stored position follow the
    // fix's age, from one state: green and used while fixes come, orange after 30 s without
    // one, grey and no longer used at two minutes — and the banner says so in words.
    void ageDecidesWhatTheChipShowsAndWhatIsStored()
    {
        QDateTime now = QDateTime::fromString(QStringLiteral("2017-10-01T08:30:00Z"), Qt::ISODate);
        Positioning p{QString()};
        p.setClock([&] { return now; });
        QSignalSpy moved(&p, &Positioning::positionChanged);
        QSignalSpy aged(&p, &Positioning::ageChanged);
        p.setFix(40.851, 122.752, 8);
        QCOMPARE(p.level(), int(Positioning::Good));
        QCOMPARE(p.chipText(), QStringLiteral("Position ±8 m · 0 s ago"));
        QCOMPARE(p.summary(), QStringLiteral("40.85100°N 122.75200°E ±8 m"));
        QCOMPARE(p.warning(), QString());

        now = now.addSecs(12);
        p.refresh();
        QCOMPARE(p.fixAge(), 12);
        QCOMPARE(p.chipText(), QStringLiteral("Position ±8 m · 12 s ago"));
        QCOMPARE(p.summary(), QStringLiteral("40.85100°N 122.75200°E ±8 m (fix 12 s ago)"));
        QVERIFY(p.current().has_value());

        now = now.addSecs(30); // 42 s without a new fix: doubtful, still used, and said so
        p.refresh();
        QCOMPARE(p.level(), int(Positioning::Doubtful));
        QVERIFY(p.hasFix());
        QVERIFY2(p.warning().startsWith(QStringLiteral("The last position fix was 42 s ago: it")),
                 qPrintable(p.warning()));
        QCOMPARE(p.current()->accuracy_m, std::optional<double>(8));

        const auto movedBefore = moved.count();
        now = now.addSecs(80); // 122 s: stale — grey, nothing stored, the banner says why
        p.refresh();
        QCOMPARE(moved.count(), movedBefore + 1); // hasFix changed: bindings hear it
        QVERIFY(aged.count() >= 3);
        QCOMPARE(p.level(), int(Positioning::Unusable));
        QVERIFY(!p.hasFix());
        QVERIFY(!p.current());
        QCOMPARE(p.chipText(), QStringLiteral("Position lost · 2 min ago"));
        QCOMPARE(p.summary(), QStringLiteral("No position (last fix 2 min ago)"));
        QVERIFY2(p.warning().startsWith(QStringLiteral("The last position fix was 2 min ago")),
                 qPrintable(p.warning()));

        p.setFix(40.852, 122.753, 9); // a new fix: green again at once
        QCOMPARE(p.level(), int(Positioning::Good));
        QVERIFY(p.current().has_value());
    }

    // The state turns when the fix goes stale, by itself: the last positionChanged is heard
    // after hasFix() turned false (a timer that fired early left the chip green for good).
    void goesStaleByItself()
    {
        Positioning p{QString()};
        p.setStaleAfterMs(400);
        QList<bool> heard;
        connect(&p, &Positioning::positionChanged, this, [&] { heard << p.hasFix(); });
        p.setFix(40.851, 122.752, 8);
        QVERIFY(p.hasFix());
        QTRY_VERIFY_WITH_TIMEOUT(!p.hasFix(), 3000);
        QTRY_VERIFY_WITH_TIMEOUT(!heard.isEmpty() && heard.last() == false, 3000);
        QCOMPARE(p.level(), int(Positioning::Unusable));
    }

    // A recorded track that stops: the replayed fix is used, then goes stale with nothing new.
    void replayedTrackThatStopsGoesStale()
    {
        Positioning p(QStringLiteral(FIELDPROOF_TEST_NMEA));
        QTRY_VERIFY_WITH_TIMEOUT(p.hasFix(), 10000);
        QVERIFY(p.current().has_value());
        p.setStaleAfterMs(p.fixAge() * 1000 + 1500); // the track has ended: no fix will renew it
        QTRY_VERIFY_WITH_TIMEOUT(!p.hasFix(), 10000);
        QVERIFY(!p.current());
        QCOMPARE(p.level(), int(Positioning::Unusable));
        QVERIFY(p.chipText().startsWith(QStringLiteral("Position lost")));
        QVERIFY(p.warning().startsWith(QStringLiteral("The last position fix was")));
    }

    // A recorded track with bad accuracy (HDOP 25): never shown green, and the banner says it.
    void replayedTrackWithBadAccuracyIsDoubtful()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("poor.nmea"));
        QFile nmea(file);
        QVERIFY(nmea.open(QIODevice::WriteOnly));
        nmea.write("$GPGGA,083000.00,4051.0600,N,12245.1200,E,1,03,25.0,45.0,M,8.0,M,,*" +
                   checksum("GPGGA,083000.00,4051.0600,N,12245.1200,E,1,03,25.0,45.0,M,8.0,M,,") +
                   "\r\n");
        nmea.write("$GPRMC,083000.00,A,4051.0600,N,12245.1200,E,0.0,0.0,011017,,,A*56\r\n");
        nmea.close();
        Positioning p(file);
        QTRY_VERIFY_WITH_TIMEOUT(p.hasFix(), 10000);
        QCOMPARE(p.accuracy(), 250.0); // 2 × HDOP 25 × 5 m (Qt reports the 95 % radius)
        QVERIFY(p.poor());
        QCOMPARE(p.level(), int(Positioning::Doubtful));
        QVERIFY(p.chipText().startsWith(QStringLiteral("Position ±250 m")));
        QVERIFY2(p.warning().startsWith(QStringLiteral("Position accuracy is 250 m")),
                 qPrintable(p.warning()));
        QVERIFY(p.current().has_value()); // still stored, with its accuracy: a warning
        qInfo("bad-accuracy track: chip \"%s\", banner \"%s\"", qPrintable(p.chipText()),
              qPrintable(p.warning()));
    }

    // The app's command line: each option lands in its field, the rest keep their defaults.
    void commandLineOptions()
    {
        const QString app = QStringLiteral("fieldproof");
        const AppOptions plain = AppOptions::parse({app});
        QCOMPARE(plain.error, QString());
        QCOMPARE(plain.page, QStringLiteral("tasks"));
        QVERIFY(!plain.dataDirGiven);
        QVERIFY(!plain.selfTest);
        QVERIFY(!plain.startupTime);
        QCOMPARE(plain.serverUrl, QString());

        const AppOptions o = AppOptions::parse(
            {app, QStringLiteral("--data"), QStringLiteral("/tmp/d"), QStringLiteral("--server"),
             QStringLiteral("https://office"), QStringLiteral("--lang"), QStringLiteral("en"),
             QStringLiteral("--nmea"), QStringLiteral("t.nmea"), QStringLiteral("--import-dir"),
             QStringLiteral("/tmp/i"), QStringLiteral("--self-test"),
             QStringLiteral("--screenshot-dir"), QStringLiteral("/tmp/s"), QStringLiteral("--page"),
             QStringLiteral("sync"), QStringLiteral("--size"), QStringLiteral("800x1280")});
        QCOMPARE(o.error, QString());
        QCOMPARE(o.dataDir, QStringLiteral("/tmp/d"));
        QVERIFY(o.dataDirGiven);
        QCOMPARE(o.serverUrl, QStringLiteral("https://office"));
        QCOMPARE(o.language, QStringLiteral("en"));
        QCOMPARE(o.nmeaFile, QStringLiteral("t.nmea"));
        QCOMPARE(o.importDir, QStringLiteral("/tmp/i"));
        QVERIFY(o.selfTest);
        QVERIFY(!o.startupTime);
        QCOMPARE(o.screenshotDir, QStringLiteral("/tmp/s"));
        QCOMPARE(o.screenshotFile, QString());
        QCOMPARE(o.page, QStringLiteral("sync"));
        QCOMPARE(o.windowSize, QSize(800, 1280));
        QVERIFY(o.headlessRun());
        QVERIFY(!AppOptions::parse({app, QStringLiteral("--size"), QStringLiteral("big")})
                     .error.isEmpty());
        QVERIFY(!AppOptions::parse({app, QStringLiteral("--no-such-option")}).error.isEmpty());
    }

    // The screenshot tool's lost fix: --position … --position-age 200 is a fix 200 s old.
    void positionAgeOption()
    {
        const QString app = QStringLiteral("fieldproof");
        AppOptions o = AppOptions::parse({app, QStringLiteral("--position"),
                                          QStringLiteral("40.851,122.752,8"),
                                          QStringLiteral("--position-age"), QStringLiteral("200")});
        QCOMPARE(o.error, QString());
        QCOMPARE(o.fixAgeS, std::optional<int>(200));
        QVERIFY(!AppOptions::parse({app, QStringLiteral("--position-age"), QStringLiteral("200")})
                     .error.isEmpty());
        Positioning p{QString()};
        p.setFixAt(*o.fixLat, *o.fixLon, *o.fixAccuracy,
                   QDateTime::currentDateTimeUtc().addSecs(-*o.fixAgeS));
        QVERIFY(!p.hasFix());
        QCOMPARE(p.level(), int(Positioning::Unusable));
        QCOMPARE(p.chipText(), QStringLiteral("Position lost · 3 min ago"));
    }

    // A replayed track whose receiver marks its fixes as simulated (GGA fix quality 8, RMC
    // mode S): the flag is kept with the fix and stored with what it positions, with the age.
    void replayedSimulatedTrackIsMarked()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("simulated.nmea"));
        QFile nmea(file);
        QVERIFY(nmea.open(QIODevice::WriteOnly));
        for (int s = 0; s < 3; ++s) {
            const QByteArray t = "08300" + QByteArray::number(s) + ".00";
            const QByteArray gga =
                "GPGGA," + t + ",4051.0600,N,12245.1200,E,8,08,0.9,45.0,M,8.0,M,,";
            const QByteArray rmc = "GPRMC," + t + ",A,4051.0600,N,12245.1200,E,0.0,0.0,011017,,,S";
            nmea.write("$" + gga + "*" + checksum(gga) + "\r\n");
            nmea.write("$" + rmc + "*" + checksum(rmc) + "\r\n");
        }
        nmea.close();
        Positioning p(file);
        QTRY_VERIFY_WITH_TIMEOUT(p.hasFix(), 10000);
        QVERIFY(p.simulated());
        const auto fix = p.current();
        QVERIFY(fix.has_value());
        QVERIFY(fix->simulated);
        QVERIFY(fix->fix_age_s.has_value());
        QVERIFY(*fix->fix_age_s >= 0 && *fix->fix_age_s < 10);
    }

    void replaysAnNmeaTrack()
    {
        Positioning p(QStringLiteral(FIELDPROOF_TEST_NMEA));
        QSignalSpy changed(&p, &Positioning::positionChanged);
        QTRY_VERIFY_WITH_TIMEOUT(p.hasFix(), 10000);
        QCOMPARE(p.accuracy(), 9.0); // 2 × HDOP 0.9 × 5 m
        QCOMPARE(p.level(), int(Positioning::Good));
        QVERIFY(!p.simulated()); // a receiver's autonomous fix (GGA quality 1, RMC mode A)
        QVERIFY(!p.current()->simulated);
        QVERIFY(std::abs(p.latitude() - 40.851) < 0.001);
        QVERIFY(std::abs(p.longitude() - 122.752) < 0.001);
        QVERIFY(changed.count() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestPositioning)
#include "tst_positioning.moc"
