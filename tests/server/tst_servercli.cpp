// fieldproof-server's admin commands, run as a process: import-plan (sample, GBK with merged
// cells, a bad sheet, re-import), export of every list (CSV with BOM, XLSX), yellow-card
// deadlines, tasks, demo, and wrong command lines.

#include "apifixture.h"
#include "db/database.h"
#include "testdata.h"

#include <QtTest>

#include <iconv.h>

#include <cstdlib>
#include <set>

using namespace fp;
using namespace fp::test;

namespace {

const QByteArray kHeader = "序号,属地,企业名称,统一社会信用代码,行业,法定代表人,联系电话,企业地址,"
                           "设备名称,规格型号,数量(台/条),产能(万吨/年),淘汰方式,计划完成时间\n";

CliRun cliIn(const QString &dir, QStringList args, const QByteArray &input = {})
{
    args << "--data" << dir;
    return runServerCli(args, input);
}

QByteArray toGbk(const QByteArray &utf8)
{
    iconv_t cd = iconv_open("GBK", "UTF-8");
    if (cd == iconv_t(-1)) // NOLINT(performance-no-int-to-ptr): iconv_open's failure value
        return {};
    QByteArray in = utf8;
    QByteArray out(in.size() * 2 + 16, '\0');
    char *src = in.data();
    char *dst = out.data();
    std::size_t srcLeft = std::size_t(in.size());
    std::size_t dstLeft = std::size_t(out.size());
    const std::size_t rc = iconv(cd, &src, &srcLeft, &dst, &dstLeft);
    iconv_close(cd);
    if (rc == std::size_t(-1))
        return {};
    out.resize(out.size() - int(dstLeft));
    return out;
}

/// The data rows of an exported CSV (BOM and header checked), each split into cells.
std::optional<std::vector<QStringList>> readCsv(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return std::nullopt;
    QByteArray bytes = f.readAll();
    if (!bytes.startsWith("\xEF\xBB\xBF"))
        return std::nullopt;
    bytes.remove(0, 3);
    QStringList lines = QString::fromUtf8(bytes).split("\r\n");
    if (lines.isEmpty() || !lines.first().startsWith(QString::fromUtf8("序号")))
        return std::nullopt;
    if (lines.last().isEmpty())
        lines.removeLast();
    std::vector<QStringList> rows;
    for (int i = 1; i < lines.size(); ++i)
        rows.push_back(lines[i].split(','));
    return rows;
}

std::int64_t countRows(const QString &dir, const char *table)
{
    Database db(std::filesystem::path((dir + "/office.db").toStdString()));
    Statement s(db, std::string("SELECT count(*) FROM ") + table);
    s.step();
    return s.integer(0);
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestServerCli : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void importsTheSamplePlan();
    void reimportChangesNothing();
    void importsGbkWithMergedCells();
    void badSheetImportsNothing();
    void exportsEveryList_data();
    void exportsEveryList();
    void yellowCardDeadlines();
    void tasksNeedAnInspectorWhoSeesTheEnterprise();
    void demoLoadsSampleAndAccounts();
    void servesOverTls();
    void stopsOnSignalRightAfterListening();
    void badCommandLines_data();
    void badCommandLines();
    void unreachableDatabaseIsNamedByHost();

  private:
    QString freshDir();
    QTemporaryDir m_tmp;
    QString m_office; // the sample imported, users zhang (马风镇) and li (感王镇)
    int m_dirs = 0;
};

QString TestServerCli::freshDir()
{
    return m_tmp.path() + "/d" + QString::number(++m_dirs);
}

void TestServerCli::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    m_office = freshDir();
    QCOMPARE(cliIn(m_office, {"import-plan", samplePlan()}).exitCode, 0);
    const std::pair<const char *, const char *> inspectors[] = {{"zhang", "马风镇"},
                                                                {"li", "感王镇"}};
    for (const auto &[name, region] : inspectors) {
        const CliRun add = cliIn(m_office,
                                 {"user", "add", "--username", name, "--role", "inspector",
                                  "--region", QString::fromUtf8(region)},
                                 QByteArray("password-") + name + "\n");
        QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    }
}

void TestServerCli::importsTheSamplePlan()
{
    const QString dir = freshDir();
    const CliRun run = cliIn(dir, {"import-plan", samplePlan()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto expected = samplePlanRegions().size();
    QVERIFY(run.out.contains(QString("read %1 equipment rows").arg(expected)));
    QVERIFY(run.out.contains(QString("%1 equipment items added").arg(expected)));

    const QString csv = m_tmp.path() + "/plan.csv";
    QCOMPARE(cliIn(dir, {"export", "plan", "--format", "csv", "--out", csv}).exitCode, 0);
    const auto rows = readCsv(csv);
    QVERIFY2(rows, "the export must be UTF-8 with a BOM and the Chinese header");
    QCOMPARE(rows->size(), expected);
    const auto regions = samplePlanRegions();
    QCOMPARE(countRows(dir, "region"),
             std::int64_t(std::set<QString>(regions.begin(), regions.end()).size()));
}

void TestServerCli::reimportChangesNothing()
{
    const auto changesBefore = countRows(m_office, "change_log");
    const auto equipmentBefore = countRows(m_office, "equipment");
    const CliRun run = cliIn(m_office, {"import-plan", samplePlan()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains("0 regions added, 0 enterprises added, 0 updated, 0 equipment "
                              "items added, 0 updated"),
             qPrintable(run.out));
    QCOMPARE(countRows(m_office, "equipment"), equipmentBefore);
    QCOMPARE(countRows(m_office, "change_log"), changesBefore); // devices get nothing new
}

void TestServerCli::importsGbkWithMergedCells()
{
    const QByteArray utf8 =
        kHeader + "1,  牛庄镇 ,示例天成钢铁有限公司,91210381G6P2UGEH1D,钢铁,刘明,13968301432,"
                  "海城市牛庄镇,中频炉,5吨,２,３．５,拆除,2017年10月31日\n"
                  "2,,,,,,,,工频炉,3吨,1,2.0,封存后拆除,2017/12/30\n"
                  "合计,,,,,,,,,,3,5.5,,\n";
    const QByteArray gbk = toGbk(utf8);
    QVERIFY(!gbk.isEmpty());
    QVERIFY(gbk != utf8);
    const QString file = m_tmp.path() + "/gbk.csv";
    QVERIFY(writeFile(file, gbk));
    const QString dir = freshDir();
    const CliRun run = cliIn(dir, {"import-plan", file});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains("read 2 equipment rows"), qPrintable(run.out));

    const QString csv = m_tmp.path() + "/gbk-plan.csv";
    QCOMPARE(cliIn(dir, {"export", "plan", "--format", "csv", "--out", csv}).exitCode, 0);
    const auto rows = readCsv(csv);
    QVERIFY(rows);
    QCOMPARE(rows->size(), std::size_t(2));
    for (const auto &cells : *rows) {
        QCOMPARE(cells.value(1), QString::fromUtf8("牛庄镇"));
        QCOMPARE(cells.value(2), QString::fromUtf8("示例天成钢铁有限公司"));
    }
    const QString all = (*rows)[0].join(',') + "\n" + (*rows)[1].join(',');
    QVERIFY2(all.contains(QString::fromUtf8("中频炉,5吨,2,3.5,万吨/年,拆除,2017-10-31")),
             qPrintable(all));
    QVERIFY2(all.contains(QString::fromUtf8("工频炉,3吨,1,2,万吨/年,封存后拆除,2017-12-30")),
             qPrintable(all));
}

void TestServerCli::badSheetImportsNothing()
{
    const QByteArray sheet =
        kHeader +
        "1,马风镇,示例天成钢铁有限公司,91210381G6P2UGEH1D,钢铁,刘明,1,地址,中频炉,5吨,1,3.0,"
        "拆除,2017-10-31\n"
        "2,马风镇,坏代码企业,91210381G6P2UGEH1X,钢铁,刘明,1,地址,中频炉,5吨,1,3.0,拆除,"
        "2017-10-31\n"
        "3,马风镇,示例宏远铸造有限公司,91210381XU8C1R696T,铸造,何玉,1,地址,冲天炉,3吨,1,abc,"
        "拆除,2017-10-31\n";
    const QString file = m_tmp.path() + "/bad.csv";
    QVERIFY(writeFile(file, sheet));
    const QString dir = freshDir();
    const CliRun run = cliIn(dir, {"import-plan", file});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("line 3: ") && run.err.contains("line 4: "), qPrintable(run.err));
    QVERIFY(!run.err.contains("line 2: "));
    QCOMPARE(countRows(dir, "enterprise"), std::int64_t(0));
    QCOMPARE(countRows(dir, "equipment"), std::int64_t(0));

    const CliRun skip = cliIn(dir, {"import-plan", file, "--skip-bad-rows"});
    QVERIFY2(skip.exitCode == 0, qPrintable(skip.err));
    QVERIFY(skip.err.contains("line 3: "));
    QCOMPARE(countRows(dir, "equipment"), std::int64_t(1));
}

void TestServerCli::exportsEveryList_data()
{
    QTest::addColumn<QString>("list");
    for (const char *l :
         {"plan", "yellow", "red", "excess-emission", "severe-excess-emission", "completed"})
        QTest::newRow(l) << l;
}

void TestServerCli::exportsEveryList()
{
    QFETCH(QString, list);
    const QString csv = m_tmp.path() + "/" + list + ".csv";
    const QString xlsx = m_tmp.path() + "/" + list + ".xlsx";
    const CliRun c = cliIn(m_office, {"export", list, "--format", "csv", "--out", csv});
    QVERIFY2(c.exitCode == 0, qPrintable(c.err));
    QVERIFY(readCsv(csv));
    const CliRun x = cliIn(m_office, {"export", list, "--format", "xlsx", "--out", xlsx});
    QVERIFY2(x.exitCode == 0, qPrintable(x.err));
    QFile f(xlsx);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY2(f.read(2) == "PK", "an XLSX file is a zip archive");
}

void TestServerCli::yellowCardDeadlines()
{
    const QString dir = m_office;
    const CliRun add = cliIn(dir, {"card", "add", "--enterprise", "912103813X41KX2N0Y",
                                   "--standard", "energy", "--level", "yellow", "--department",
                                   QString::fromUtf8("市经信局"), "--issued", "2017-08-31"});
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    QVERIFY2(add.out.contains("rectify_by 2018-02-28"), qPrintable(add.out)); // + 6 months
    const QString id = add.out.split(' ').first().trimmed();

    const auto overdue = [&](const char *today) {
        const QString csv = m_tmp.path() + "/yellow-" + today + ".csv";
        if (cliIn(dir, {"export", "yellow", "--format", "csv", "--out", csv, "--today", today})
                .exitCode != 0)
            return QString("export failed");
        const auto rows = readCsv(csv);
        for (const auto &cells : rows.value_or(std::vector<QStringList>{})) {
            if (cells.value(2) == "912103813X41KX2N0Y" && cells.value(7) == "2017-08-31")
                return cells.value(11);
        }
        return QString("row missing");
    };
    QCOMPARE(overdue("2018-02-28"), QString::fromUtf8("否"));
    QCOMPARE(overdue("2018-03-01"), QString::fromUtf8("逾期"));

    // One extension of at most 3 months past rectify_by.
    const auto extend = [&](const char *to) {
        return cliIn(dir, {"card", "extend", id, "--to", to, "--applied-on", "2018-02-01",
                           "--reason", QString::fromUtf8("技术改造")});
    };
    QCOMPARE(extend("2018-05-29").exitCode, 1);
    QCOMPARE(extend("2018-02-28").exitCode, 1);
    const CliRun ext = extend("2018-05-28");
    QVERIFY2(ext.exitCode == 0, qPrintable(ext.err));
    const CliRun twice = extend("2018-05-01");
    QCOMPARE(twice.exitCode, 1);
    QVERIFY(twice.err.contains("only once"));
    QCOMPARE(overdue("2018-03-01"), QString::fromUtf8("否"));
    QCOMPARE(overdue("2018-05-29"), QString::fromUtf8("逾期"));

    // A rectified card leaves the yellow list (seed §四(二): 不达标应限期整改的企业名单).
    QCOMPARE(cliIn(dir, {"card", "state", id, "--state", "rectified"}).exitCode, 0);
    QCOMPARE(overdue("2019-01-01"), QString("row missing"));

    // A red card has no rectification deadline.
    const CliRun red = cliIn(dir, {"card", "add", "--enterprise", "91210381PXJ03790X6",
                                   "--standard", "safety", "--level", "red", "--department",
                                   QString::fromUtf8("市安监局"), "--issued", "2017-04-01"});
    QVERIFY2(red.exitCode == 0, qPrintable(red.err));
    QVERIFY(!red.out.contains("rectify_by"));
}

void TestServerCli::tasksNeedAnInspectorWhoSeesTheEnterprise()
{
    const QStringList task{"task",   "add",   "--enterprise", "91210381G6P2UGEH1D", "--kind",
                           "survey", "--due", "2017-05-31",   "--inspector"};
    const CliRun ok = cliIn(m_office, task + QStringList{"zhang"});
    QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
    const CliRun outside = cliIn(m_office, task + QStringList{"li"});
    QCOMPARE(outside.exitCode, 1);
    QVERIFY(outside.err.contains("scope"));
    QCOMPARE(cliIn(m_office, task + QStringList{"nobody"}).exitCode, 1);
}

void TestServerCli::demoLoadsSampleAndAccounts()
{
    const QString dir = freshDir();
    const CliRun run = cliIn(dir, {"demo"});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains("zhang / zhang-demo-2017 / inspector"));
    QVERIFY(run.out.contains("office / office-demo-2017 / office"));
    QVERIFY(countRows(dir, "task") > 0);
    QVERIFY(countRows(dir, "card") > 0);
    // Running it again is harmless.
    QCOMPARE(cliIn(dir, {"demo"}).exitCode, 0);

    ServerProcess server(dir);
    QVERIFY2(server.start(), qPrintable(server.errorText()));
    HttpClient http(server.baseUrl().toStdString());
    const auto r = http.postJson("/api/v1/devices/enroll",
                                 R"({"username":"zhang","password":"zhang-demo-2017",)"
                                 R"("device_name":"demo tablet"})");
    QCOMPARE(r.status, 200L);
    http.setToken(r.json()["token"].get<std::string>());
    const auto pull = http.get("/api/v1/sync/pull?limit=2000");
    QCOMPARE(pull.status, 200L);
    bool task = false;
    const auto page = pull.json();
    // The demo's dates are relative to today: a task is due within weeks, not years ago.
    const QDate today = QDate::currentDate();
    for (const auto &item : page["items"]) {
        if (item["type"] != "task")
            continue;
        task = true;
        const QDate due = QDate::fromString(
            QString::fromStdString(item["data"]["due"].get<std::string>()), Qt::ISODate);
        QVERIFY2(due.isValid() && std::abs(due.daysTo(today)) <= 60,
                 qPrintable(due.toString(Qt::ISODate)));
    }
    QVERIFY(task);
    QCOMPARE(server.stop(), 0);
}

void TestServerCli::stopsOnSignalRightAfterListening()
{
    // SIGTERM sent the moment "listening on" appears used to race cpp-httplib's start-up
    // (stop() is a no-op until the accept loop runs) and leave the server serving for good.
    // The race is narrow, so it is tried many times; each stop must be clean and prompt.
    for (int round = 0; round < 25; ++round) {
        ServerProcess server(m_office);
        QVERIFY2(server.start(), qPrintable(server.errorText()));
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(server.stop(), 0);
        QVERIFY2(clock.elapsed() < 10000, qPrintable(QString::number(clock.elapsed())));
    }
}

void TestServerCli::servesOverTls()
{
    if (!hasOpenssl())
        QSKIP("no openssl command to make a test certificate");
    const TestCertificate tls = makeTestCertificate(m_tmp.path());
    QVERIFY2(tls.error.isEmpty(), qPrintable(tls.error));

    ServerProcess server(m_office);
    QVERIFY2(server.start({"--tls-cert", tls.cert, "--tls-key", tls.key}),
             qPrintable(server.errorText()));
    QVERIFY(server.baseUrl().startsWith("https://"));
    HttpClient https(server.baseUrl().toStdString());
    https.setCaFile(tls.cert.toStdString());
    const auto r = https.postJson("/api/v1/devices/enroll",
                                  R"({"username":"zhang","password":"password-zhang",)"
                                  R"("device_name":"tls tablet"})");
    QVERIFY2(r.status == 200, (r.error + r.body).c_str());
    // Without the office's CA the certificate is not trusted: verification is on.
    HttpClient untrusting(server.baseUrl().toStdString());
    QVERIFY(!untrusting.get("/api/v1/sync/pull").error.empty());
    // Plain HTTP to the TLS port gets no answer.
    HttpClient plain(server.baseUrl().replace("https://", "http://").toStdString());
    QVERIFY(plain.get("/api/v1/sync/pull").status != 200);
    QCOMPARE(server.stop(), 0);
}

void TestServerCli::badCommandLines_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("exitCode");
    const QString d = m_tmp.path() + "/d1";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << QByteArray() << 2;
    QTest::newRow("user without subcommand") << QStringList{"user"} << QByteArray() << 2;
    QTest::newRow("user add without role")
        << QStringList{"user", "add", "--data", d, "--username", "xu"} << QByteArray("pw-long-1\n")
        << 2;
    QTest::newRow("user add bad role")
        << QStringList{"user", "add", "--data", d, "--username", "xu", "--role", "boss"}
        << QByteArray("pw-long-1\n") << 2;
    QTest::newRow("user add short password")
        << QStringList{"user", "add", "--data", d, "--username", "xu", "--role", "office"}
        << QByteArray("abc\n") << 2;
    QTest::newRow("user add name with a space")
        << QStringList{"user", "add", "--data", d, "--username", "王 五", "--role", "office"}
        << QByteArray("pw-long-1\n") << 2;
    QTest::newRow("user add unknown region")
        << QStringList{"user", "add",    "--data",    d,          "--username",
                       "xu",   "--role", "inspector", "--region", "Atlantis"}
        << QByteArray("pw-long-1\n") << 1;
    QTest::newRow("user add twice")
        << QStringList{"user", "add", "--data", d, "--username", "zhang", "--role", "office"}
        << QByteArray("pw-long-1\n") << 1;
    QTest::newRow("unknown option")
        << QStringList{"export", "--data", d, "plan", "--colour", "red"} << QByteArray() << 2;
    QTest::newRow("export bad format")
        << QStringList{"export", "--data", d, "plan", "--format", "pdf", "--out", "x"}
        << QByteArray() << 2;
    QTest::newRow("export unknown list")
        << QStringList{"export", "--data", d, "blue", "--format", "csv", "--out", "x"}
        << QByteArray() << 2;
    QTest::newRow("serve bad listen")
        << QStringList{"serve", "--listen", "nonsense"} << QByteArray() << 2;
    QTest::newRow("serve cert without key")
        << QStringList{"serve", "--data", d, "--tls-cert", "c.pem"} << QByteArray() << 2;
    QTest::newRow("serve missing cert files") << QStringList{"serve",
                                                             "--data",
                                                             d,
                                                             "--listen",
                                                             "127.0.0.1:0",
                                                             "--tls-cert",
                                                             "/nonexistent/c.pem",
                                                             "--tls-key",
                                                             "/nonexistent/k.pem"}
                                              << QByteArray() << 1;
    QTest::newRow("revoke unknown device")
        << QStringList{"device", "revoke", "--data", d, "nope"} << QByteArray() << 1;
    QTest::newRow("import missing file")
        << QStringList{"import-plan", "--data", d, "/nonexistent/plan.csv"} << QByteArray() << 1;
    const auto cardAdd = [&d](const QString &level, const QString &issued) {
        return QStringList{
            "card",       "add",    "--data",  d,     "--enterprise", ApiFixture::kTianchengCode,
            "--standard", "energy", "--level", level, "--department", "x",
            "--issued",   issued};
    };
    QTest::newRow("card bad level") << cardAdd("green", "2017-01-01") << QByteArray() << 2;
    QTest::newRow("card bad date") << cardAdd("yellow", "2017-02-30") << QByteArray() << 2;
    QTest::newRow("task unknown enterprise") << QStringList{"task",         "add",
                                                            "--data",       d,
                                                            "--enterprise", "91210381000000000X",
                                                            "--kind",       "exit",
                                                            "--due",        "2017-10-31",
                                                            "--inspector",  "zhang"}
                                             << QByteArray() << 1;
    // The office on PostgreSQL (--database): nothing listens on port 1.
    const QString nowhere = QStringLiteral("postgresql://fp:not-this-secret@127.0.0.1:1/office");
    QTest::newRow("serve unreachable database")
        << QStringList{"serve", "--data", d, "--listen", "127.0.0.1:0", "--database", nowhere}
        << QByteArray() << 1;
    QTest::newRow("serve pool without a database")
        << QStringList{"serve", "--data", d, "--listen", "127.0.0.1:0", "--database-pool", "4"}
        << QByteArray() << 2;
    QTest::newRow("serve pool of none")
        << QStringList{"serve", "--data",          d,  "--listen", "127.0.0.1:0", "--database",
                       nowhere, "--database-pool", "0"}
        << QByteArray() << 2;
    QTest::newRow("user add unreachable database")
        << QStringList{"user",  "add",        "--data", d,        "--database",
                       nowhere, "--username", "xu",     "--role", "office"}
        << QByteArray("pw-long-1\n") << 1;
    QTest::newRow("database not a connection string")
        << QStringList{"device", "list", "--data", d, "--database", "postgresql://fp:pw@[oops"}
        << QByteArray() << 2;
    QTest::newRow("backup of a PostgreSQL office")
        << QStringList{"backup", "--data", d, "--database", nowhere, "--to", d + "-backup"}
        << QByteArray() << 2;
    QTest::newRow("restore into a PostgreSQL office")
        << QStringList{"restore", "--data", d, "--database", nowhere, "--from", d + "-backup"}
        << QByteArray() << 2;
}

void TestServerCli::badCommandLines()
{
    QFETCH(QStringList, args);
    QFETCH(QByteArray, input);
    QFETCH(int, exitCode);
    const CliRun run = runServerCli(args, input);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.startsWith("fieldproof-server: "), qPrintable(run.err));
    QCOMPARE(run.err.count('\n'), 1); // one line
    QVERIFY(run.out.isEmpty());
    QVERIFY2(!run.err.contains("not-this-secret") && !run.err.contains(":pw@"),
             qPrintable(run.err)); // a --database password is never repeated
}

void TestServerCli::unreachableDatabaseIsNamedByHost()
{
    // From --database, and from FIELDPROOF_DATABASE as the packaged unit sets it: one line that
    // names where the database was looked for, never its password.
    const QString dir = freshDir();
    const CliRun given =
        runServerCli({"serve", "--data", dir, "--listen", "127.0.0.1:0", "--database",
                      "postgresql://fp:not-this-secret@127.0.0.1:1/office"});
    QCOMPARE(given.exitCode, 1);
    QCOMPARE(given.err.count('\n'), 1);
    QVERIFY2(given.err.contains("host 127.0.0.1 port 1 database office"), qPrintable(given.err));
    QVERIFY2(!given.err.contains("not-this-secret"), qPrintable(given.err));

    qputenv("FIELDPROOF_DATABASE",
            "host=/nonexistent/socket dbname=office password=not-this-secret");
    const CliRun fromEnv = runServerCli({"device", "list", "--data", dir});
    qunsetenv("FIELDPROOF_DATABASE");
    QCOMPARE(fromEnv.exitCode, 1);
    QCOMPARE(fromEnv.err.count('\n'), 1);
    QVERIFY2(fromEnv.err.contains("host /nonexistent/socket"), qPrintable(fromEnv.err));
    QVERIFY2(!fromEnv.err.contains("not-this-secret"), qPrintable(fromEnv.err));
    // Without either, the same folder is an SQLite office as before.
    const CliRun sqlite = runServerCli({"device", "list", "--data", dir});
    QVERIFY2(sqlite.exitCode == 0, qPrintable(sqlite.err));
    QVERIFY(QFile::exists(dir + "/office.db"));
}

QTEST_GUILESS_MAIN(TestServerCli)
#include "tst_servercli.moc"
