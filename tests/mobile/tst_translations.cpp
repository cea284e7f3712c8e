// Chinese first: the shipped zh_CN catalogue loads, covers every string of the sources, and
// gives the inspectors' own words for the findings, the rules and the sync errors.

#include "core/validation.h"
#include "labels.h"
#include "problemtext.h"
#include "syncmessages.h"
#include "translations.h"

#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace fp;

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everySourceStringIsTranslated()
    {
        QFile ts(QStringLiteral(FIELDPROOF_TS_FILE));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&ts);
        int messages = 0;
        QStringList untranslated;
        QString source;
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                ++messages;
                const QString type = xml.attributes().value(QLatin1String("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                    untranslated << source;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 200);
        QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral(" | "))));
    }

    void chineseIsTheDefaultAndEnglishSwitchable()
    {
        Translations t;
        QVERIFY(t.apply(QStringLiteral("zh_CN")));
        QCOMPARE(labels::finding(Finding::Dismantled), QStringLiteral("已拆除"));
        QCOMPARE(labels::finding(Finding::Sealed), QStringLiteral("已封存"));
        QCOMPARE(labels::finding(Finding::Operating), QStringLiteral("仍在生产"));
        QCOMPARE(labels::finding(Finding::IdleUnsealed), QStringLiteral("停产未封存"));
        QCOMPARE(labels::finding(Finding::Missing), QStringLiteral("去向不明"));
        QCOMPARE(labels::finding(Finding::Mismatch), QStringLiteral("与清单不符"));
        QCOMPARE(problemSentence(Problem{"sealed_needs_seal_number", "c1", ""}, QStringLiteral("中频炉 5吨")),
                 QStringLiteral("中频炉 5吨：已封存：请至少填写一个封条编号。"));
        SyncRunResult network;
        network.failure = SyncFailure::Network;
        QVERIFY(syncOutcomeText(network, false).startsWith(QStringLiteral("无法连接办公室服务器")));

        QVERIFY(t.apply(QStringLiteral("en")));
        QCOMPARE(labels::finding(Finding::Sealed), QStringLiteral("Sealed"));
        QCOMPARE(t.current(), QStringLiteral("en"));
        QVERIFY(t.apply(QStringLiteral("fr"))); // anything else: Chinese
        QCOMPARE(t.current(), QStringLiteral("zh_CN"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
