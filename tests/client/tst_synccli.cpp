// The fieldproof-sync command as scripts use it: enroll (password on stdin), run, status and
// simulate against the real server; exit codes 0 / 1 / 2 / 3 and one-line errors.

#include "syncoffice.h"

#include <QTest>

using namespace fp::test;

namespace {

using Run = CliRun;

Run sync(const QStringList &args, const QByteArray &input = {})
{
    return runProgram(QStringLiteral(FIELDPROOF_SYNC_BIN), args, input);
}

} // namespace

class TestSyncCli : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void usageMistakesExit2_data();
    void usageMistakesExit2();
    void failuresAreOneLine();
    void enrollRunSimulateStatus();
    void rejectedItemsExit3();

  private:
    QString db(const QString &name) const { return m_office.tempPath() + "/" + name + ".db"; }
    Run enroll(const QString &name, const QString &username);

    SyncOffice m_office;
};

void TestSyncCli::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
}

Run TestSyncCli::enroll(const QString &name, const QString &username)
{
    return sync({"enroll", "--db", db(name), "--server", QString::fromStdString(m_office.baseUrl()),
                 "--username", username},
                QByteArray(SyncOffice::kPassword) + "\n");
}

void TestSyncCli::usageMistakesExit2_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("no command") << QStringList{};
    QTest::newRow("unknown command") << QStringList{"frobnicate"};
    QTest::newRow("run without --db") << QStringList{"run"};
    QTest::newRow("unknown option") << QStringList{"status", "--db", "x.db", "--colour"};
    QTest::newRow("option without value") << QStringList{"status", "--db"};
    QTest::newRow("simulate without count") << QStringList{"simulate", "--db", "x.db"};
    QTest::newRow("negative photos")
        << QStringList{"simulate", "--db", "x.db", "--inspections", "1", "--photos", "-1"};
    QTest::newRow("enroll without server")
        << QStringList{"enroll", "--db", "x.db", "--username", "u"};
}

void TestSyncCli::usageMistakesExit2()
{
    QFETCH(QStringList, args);
    const Run r = sync(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.startsWith("fieldproof-sync: "));
    QVERIFY(r.err.contains("usage:"));
}

void TestSyncCli::failuresAreOneLine()
{
    Run r = sync({"run", "--db", db("nowhere")});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("no device database"), qPrintable(r.err));

    r = sync({"enroll", "--db", db("wrong"), "--server", QString::fromStdString(m_office.baseUrl()),
              "--username", "zhang"},
             "not the password\n");
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);
    QVERIFY2(r.err.contains("password"), qPrintable(r.err)); // the office's own sentence

    r = sync(
        {"enroll", "--db", db("down"), "--server", "http://127.0.0.1:1", "--username", "zhang"},
        "whatever it is\n");
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count('\n'), 1);

    r = sync({"enroll", "--db", db("cleartext"), "--server", "http://office.example.cn",
              "--username", "zhang"},
             "whatever it is\n");
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("https://"), qPrintable(r.err)); // never the token in clear text
}

void TestSyncCli::enrollRunSimulateStatus()
{
    Run r = enroll("cli", "zhang");
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith("enrolled device "));

    r = sync({"run", "--db", db("cli")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.startsWith("sync: pulled "), qPrintable(r.out));
    QCOMPARE(r.out.count('\n'), 1); // the one-line summary

    r = sync({"simulate", "--db", db("cli"), "--inspections", "4", "--photos", "3", "--photo-bytes",
              "60000", "--seed", "7"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains("simulated 4 final inspections with 3 photos"));

    r = sync({"status", "--db", db("cli")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.out.contains(QRegularExpression("pending: +4 items, [0-9]{6,} bytes \\(3 files\\)")),
             qPrintable(r.out));
    QVERIFY(r.out.contains("user zhang"));

    r = sync({"run", "--db", db("cli")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
    QVERIFY(r.out.contains("4 stored"));
    QVERIFY(r.err.contains("push: items 4/4")); // plain progress lines: stderr is no terminal
    QVERIFY(!r.err.contains('\r'));

    r = sync({"status", "--db", db("cli")});
    QVERIFY(r.out.contains(QRegularExpression("pending: +0 items")));
    QVERIFY(!r.out.contains("last sync:    never"));
    QVERIFY(r.out.contains("rejected:     0"));
}

void TestSyncCli::rejectedItemsExit3()
{
    const CliRun add = m_office.cli({"user", "add", "--username", "cliwu", "--role", "inspector",
                                     "--region", SyncOffice::kMafeng},
                                    QByteArray(SyncOffice::kPassword) + "\n");
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    QCOMPARE(enroll("cliwu", "cliwu").exitCode, 0);
    QCOMPARE(sync({"run", "--db", db("cliwu")}).exitCode, 0);
    QCOMPARE(
        sync({"simulate", "--db", db("cliwu"), "--inspections", "1", "--photos", "0"}).exitCode, 0);
    const CliRun scope =
        m_office.cli({"user", "scope", "--username", "cliwu", "--region", SyncOffice::kGanwang});
    QVERIFY2(scope.exitCode == 0, qPrintable(scope.err));

    Run r = sync({"run", "--db", db("cliwu")});
    QCOMPARE(r.exitCode, 3); // finished, but not everything was acknowledged
    QVERIFY2(r.out.contains("rejected: inspection"), qPrintable(r.out));
    r = sync({"status", "--db", db("cliwu")});
    QVERIFY(r.out.contains("rejected:     1"));
    QVERIFY(r.out.contains("out_of_scope"));
    QVERIFY(r.out.contains(QRegularExpression("pending: +1 items")));
}

QTEST_GUILESS_MAIN(TestSyncCli)
#include "tst_synccli.moc"
