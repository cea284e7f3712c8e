// Chinese first: the shipped zh_CN catalogue loads, covers every string of the sources, and
// gives the inspectors' own words for the findings, the rules and the sync errors.

#include "core/validation.h"
#include "sync/syncmessages.h"
#include "text/labels.h"
#include "text/problemtext.h"
#include "text/translations.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <vector>

using namespace fp;

namespace {

/// One message of a .ts file: its "context|source", its source text and its translation.
struct Message
{
    QString key;
    QString source;
    QString translation;
};

/// "context|source" of every message of a .ts file, those whose translation is missing, and
/// every message with its translation.
struct Catalogue
{
    QSet<QString> messages;
    QStringList untranslated;
    std::vector<Message> entries;
};

Catalogue readTs(const QString &path)
{
    Catalogue c;
    QFile ts(path);
    if (!ts.open(QIODevice::ReadOnly))
        return c;
    QXmlStreamReader xml(&ts);
    QString context, source;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
            c.messages.insert(context + QLatin1Char('|') + source);
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            const QString key = context + QLatin1Char('|') + source;
            if (type == QLatin1String("unfinished") || text.trimmed().isEmpty())
                c.untranslated << key;
            c.entries.push_back(Message{key, source, text});
        }
    }
    return c;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

  private Q_SLOTS:
    void everySourceStringIsTranslated()
    {
        const Catalogue shipped = readTs(QStringLiteral(FIELDPROOF_TS_FILE));
        QVERIFY(shipped.messages.size() > 200);
        QVERIFY2(shipped.untranslated.isEmpty(),
                 qPrintable(shipped.untranslated.join(QStringLiteral(" | "))));
    }

    // The committed catalogue is current: lupdate finds no string in the sources that it lacks.
    void catalogueCoversTheSources()
    {
        const QString lupdate = QStringLiteral(FIELDPROOF_LUPDATE);
        if (lupdate.isEmpty())
            QSKIP("lupdate is not installed (qt6-l10n-tools)");
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh.ts"));
        QProcess p;
        p.start(lupdate,
                {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                 QStringLiteral(FIELDPROOF_SOURCE_DIR "/mobile"),
                 QStringLiteral(FIELDPROOF_SOURCE_DIR "/qml"), QStringLiteral("-ts"), fresh});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const Catalogue sources = readTs(fresh);
        QVERIFY(sources.messages.size() > 200);
        const Catalogue shipped = readTs(QStringLiteral(FIELDPROOF_TS_FILE));
        QStringList missing;
        for (const QString &m : sources.messages) {
            if (!shipped.messages.contains(m))
                missing << m;
        }
        QVERIFY2(missing.isEmpty(),
                 qPrintable(QStringLiteral(
                                "run the fieldproof_update_translations target and translate: ") +
                            missing.join(QStringLiteral(" | "))));
    }

    // Issue 15.6: no English in the zh_CN UI. Every translation is Chinese: a Latin word in one
    // is a leftover (only the product name, units and examples are allowed), and a source with
    // words gets a translation with Chinese in it.
    void noEnglishInTheChineseCatalogue()
    {
        QVERIFY(QFile::exists(QStringLiteral(FIELDPROOF_TS_FILE)));
        const QSet<QString> allowed = {
            QStringLiteral("FieldProof"), QStringLiteral("Wi"), QStringLiteral("Fi"),
            QStringLiteral("MB"), QStringLiteral("HC"),
            // "CA 证书" as Chinese offices write it, and the first
            // line of a PEM certificate quoted as it is.
            QStringLiteral("CA"), QStringLiteral("BEGIN"), QStringLiteral("CERTIFICATE")};
        const QRegularExpression word(QStringLiteral("[A-Za-z]{2,}"));
        const QRegularExpression chinese(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
        QStringList english;
        int checked = 0;
        for (const Message &m : readTs(QStringLiteral(FIELDPROOF_TS_FILE)).entries) {
            ++checked;
            bool leftover = false;
            for (const auto &w : word.globalMatch(m.translation))
                leftover = leftover || !allowed.contains(w.captured());
            const bool wordsInSource = m.source.contains(word);
            const bool unitsOnly = m.source == QLatin1String("%1 / %2 MB");
            if (leftover || (wordsInSource && !unitsOnly && !m.translation.contains(chinese)))
                english << m.key + QStringLiteral(" -> ") + m.translation;
        }
        QVERIFY(checked > 200);
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QStringLiteral(" | "))));
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
        QCOMPARE(problemSentence(Problem{ProblemCode::SealedNeedsSealNumber, "c1", ""},
                                 QStringLiteral("中频炉 5吨")),
                 QStringLiteral("中频炉 5吨：已封存：请至少填写一个封条编号。"));
        SyncRunResult done;
        done.files_uploaded = 3;
        done.items_sent = 1;
        QCOMPARE(syncResultSentence(done), QStringLiteral("已上传 3 张照片、1 份核查，全部送达。"));
        SyncRunResult network;
        network.failure = SyncFailure::Network;
        QVERIFY(syncOutcomeText(network, false).startsWith(QStringLiteral("无法连接办公室服务器")));
        SyncRunResult throttled;
        throttled.failure = SyncFailure::TooManyAttempts;
        QVERIFY(syncOutcomeText(throttled, true).startsWith(QStringLiteral("密码错误次数过多")));
        SyncRunResult rewritten;
        rewritten.failure = SyncFailure::OfficeLogRewritten;
        rewritten.message = "the office log shrank from 12 to 3 leaves";
        QVERIFY(syncOutcomeText(rewritten, false).startsWith(QStringLiteral("同步已停止")));

        QVERIFY(t.apply(QStringLiteral("en")));
        QCOMPARE(labels::finding(Finding::Sealed), QStringLiteral("Sealed"));
        QCOMPARE(t.current(), QStringLiteral("en"));
        QVERIFY(t.apply(QStringLiteral("fr"))); // anything else: Chinese
        QCOMPARE(t.current(), QStringLiteral("zh_CN"));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
