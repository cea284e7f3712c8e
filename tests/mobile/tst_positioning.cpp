// Positioning: a fix with its accuracy, a warning (never a block) when there is none or it is
// worse than 50 m, and a replayed NMEA track through Qt's nmea plugin.

#include "platform/positioning.h"
#include "text/translations.h"

#include <QSignalSpy>
#include <QTest>

using namespace fp;

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

    void replaysAnNmeaTrack()
    {
        Positioning p(QStringLiteral(FIELDPROOF_TEST_NMEA));
        QSignalSpy changed(&p, &Positioning::positionChanged);
        QTRY_VERIFY_WITH_TIMEOUT(p.hasFix(), 10000);
        QVERIFY(std::abs(p.latitude() - 40.851) < 0.001);
        QVERIFY(std::abs(p.longitude() - 122.752) < 0.001);
        QVERIFY(changed.count() >= 1);
    }
};

QTEST_GUILESS_MAIN(TestPositioning)
#include "tst_positioning.moc"
