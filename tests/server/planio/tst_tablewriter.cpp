// Published lists out: CSV (BOM, CRLF, RFC 4180 quoting, atomic file) and XLSX (libxlsxwriter).

#include "plantestdata.h"

#include "core/error.h"
#include "server/planio/csvreader.h"
#include "server/planio/tablewriter.h"
#include "server/planio/textdecoder.h"

#include <QtCore/QDir>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QTest>

#include <cmath>
#include <limits>

using namespace plantest;

namespace {

fp::Table planList()
{
    fp::Table t;
    t.title = "淘汰计划";
    t.headers = {"企业名称", "设备名称", "数量(台/条)", "产能(万吨/年)", "备注"};
    t.rows = {
        {std::string("示例天成钢铁有限公司"), std::string("中频炉"), 1.0, 3.7, std::string("")},
        {std::string("示例新兴钢铁有限公司"), std::string("平拉玻璃生产线"), 2.0, 40.6,
         std::string("封存, 待拆除")},
        {std::string("示例\"华泰\"水泥"), std::string("机立窑"), 1.0, 1217.7,
         std::string("第一行\r\n第二行")},
    };
    return t;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

/// One member of a zip file, read by the unzip tool or, lacking it, python3's zipfile.
QByteArray zipEntry(const QString &zip, const QString &entry)
{
    QProcess p;
    if (!QStandardPaths::findExecutable(QStringLiteral("unzip")).isEmpty())
        p.start(QStringLiteral("unzip"), {QStringLiteral("-p"), zip, entry});
    else
        p.start(QStringLiteral("python3"),
                {QStringLiteral("-c"),
                 QStringLiteral(
                     "import sys, zipfile; "
                     "sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))"),
                 zip, entry});
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qWarning("cannot read %s from %s: %s", qPrintable(entry), qPrintable(zip),
                 p.readAllStandardError().constData());
    return p.readAllStandardOutput();
}

QStringList dirEntries(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

} // namespace

class TestTableWriter : public QObject
{
    Q_OBJECT

  private slots:
    void numbers_data();
    void numbers();
    void csvExactBytes();
    void csvNeutralisesFormulas();
    void csvRoundTripThroughReader();
    void planSheetRoundTrip();
    void writeCsvReplacesAtomically();
    void writeCsvFailsClearly();
    void xlsxHoldsHeadersAndNumbers();
    void xlsxSheetNameIsSanitised();
};

void TestTableWriter::numbers_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("3.7") << 3.7 << "3.7";
    QTest::newRow("40.6") << 40.6 << "40.6";
    QTest::newRow("3.0") << 3.0 << "3";
    QTest::newRow("sum error") << 0.1 + 0.2 << "0.3";
    QTest::newRow("1217.7 summed")
        << 57.7 + 57.5 + 57.0 + 47.4 + 46.3 + 33.0 + 32.1 + 886.7 << "1217.7";
    QTest::newRow("negative") << -2.5 << "-2.5";
    QTest::newRow("negative zero") << -0.0 << "0";
    QTest::newRow("large") << 1234567.25 << "1234567.25";
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN() << "";
}

void TestTableWriter::numbers()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(fp::formatNumber(value)), text);
}

void TestTableWriter::csvExactBytes()
{
    const QByteArray expected = "\xEF\xBB\xBF"
                                "企业名称,设备名称,数量(台/条),产能(万吨/年),备注\r\n"
                                "示例天成钢铁有限公司,中频炉,1,3.7,\r\n"
                                "示例新兴钢铁有限公司,平拉玻璃生产线,2,40.6,\"封存, 待拆除\"\r\n"
                                "\"示例\"\"华泰\"\"水泥\",机立窑,1,1217.7,\"第一行\r\n第二行\"\r\n";
    QCOMPARE(QByteArray::fromStdString(fp::tableToCsv(planList())), expected);
}

void TestTableWriter::csvNeutralisesFormulas()
{
    fp::Table t;
    t.headers = {"a"};
    t.rows = {{std::string("=HYPERLINK(\"http://x\")")},
              {std::string("+1")},
              {std::string("@SUM(A1)")},
              {std::string("-1+cmd")},
              {std::string("-")},
              {std::string("-3.5")},
              {-3.5}};
    QCOMPARE(QByteArray::fromStdString(fp::tableToCsv(t)),
             QByteArray("\xEF\xBB\xBF"
                        "a\r\n"
                        "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"
                        "'+1\r\n"
                        "'@SUM(A1)\r\n"
                        "'-1+cmd\r\n"
                        "-\r\n"
                        "-3.5\r\n"
                        "-3.5\r\n"));
}

void TestTableWriter::csvRoundTripThroughReader()
{
    const fp::Table table = planList();
    const std::string csv = fp::tableToCsv(table);
    QVERIFY(csv.starts_with("\xEF\xBB\xBF"));
    const auto records = fp::readCsv(fp::decodeSheetText(csv));
    QCOMPARE(records.size(), table.rows.size() + 1);
    QCOMPARE(records[0].cells, table.headers);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        QCOMPARE(records[r + 1].cells.size(), table.rows[r].size());
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const fp::Cell &cell = table.rows[r][c];
            const std::string expected = std::holds_alternative<double>(cell)
                                             ? fp::formatNumber(std::get<double>(cell))
                                             : std::get<std::string>(cell);
            QCOMPARE(records[r + 1].cells[c], expected);
        }
    }
    // The multi-line cell occupies lines 4-5, so the record after it would start on line 6.
    QCOMPARE(records[3].line, 4);
}

void TestTableWriter::planSheetRoundTrip()
{
    // Parse the sample, write it back as a list, parse that: the same rows come out.
    const auto original = parse(readSample());
    fp::Table t;
    t.title = "淘汰计划";
    t.headers = {"属地",          "企业名称", "统一社会信用代码", "行业",     "法定代表人",
                 "联系电话",      "企业地址", "设备名称",         "规格型号", "数量(台/条)",
                 "产能(万吨/年)", "淘汰方式", "计划完成时间"};
    for (const auto &r : original.rows)
        t.rows.push_back(
            {r.region_name, r.enterprise_name, r.credit_code, r.industry, r.legal_representative,
             r.contact_phone, r.address, r.equipment_kind, r.spec, double(r.count),
             r.capacity.value,
             std::string(r.action == fp::RequiredAction::Dismantle ? "拆除" : "封存后拆除"),
             r.deadline});
    const auto again = fp::parsePlanSheet(fp::tableToCsv(t));
    QCOMPARE(errorsOf(again), QStringList());
    QCOMPARE(describeAll(again), describeAll(original));
}

void TestTableWriter::writeCsvReplacesAtomically()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("淘汰计划.csv");
    QFile old(path);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old contents");
    old.close();

    fp::writeCsv(planList(), path.toStdString());
    QCOMPARE(readFile(path), QByteArray::fromStdString(fp::tableToCsv(planList())));
    QCOMPARE(dirEntries(dir.path()), QStringList({"淘汰计划.csv"})); // no temp file left
    QVERIFY(QFile::permissions(path) & QFileDevice::ReadOther);      // not a 0600 temp file
}

void TestTableWriter::writeCsvFailsClearly()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath("no-such-folder/list.csv");
    try {
        fp::writeCsv(planList(), missing.toStdString());
        QFAIL("no exception");
    } catch (const fp::Error &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("no-such-folder"), e.what());
    }
    QCOMPARE(dirEntries(dir.path()), QStringList());
}

void TestTableWriter::xlsxHoldsHeadersAndNumbers()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("list.xlsx");
    fp::writeXlsx(planList(), path.toStdString());
    QCOMPARE(dirEntries(dir.path()), QStringList({"list.xlsx"}));

    const QByteArray bytes = readFile(path);
    QVERIFY(bytes.startsWith("PK\x03\x04"));

    const QString strings = QString::fromUtf8(zipEntry(path, "xl/sharedStrings.xml"));
    for (const char *text : {"企业名称", "设备名称", "数量(台/条)", "产能(万吨/年)",
                             "示例天成钢铁有限公司", "平拉玻璃生产线"})
        QVERIFY2(strings.contains(QString::fromUtf8(text)), text);

    const QByteArray sheet = zipEntry(path, "xl/worksheets/sheet1.xml");
    for (const char *number : {"<v>3.7</v>", "<v>40.6</v>", "<v>1217.7</v>", "<v>2</v>"})
        QVERIFY2(sheet.contains(number), number);
    QVERIFY(!strings.contains("40.6"));                           // numbers are numbers, not text
    QVERIFY(sheet.contains("<col ") && sheet.contains("width=")); // column widths set
    QVERIFY(sheet.contains("<pane "));                            // header row frozen

    // The header cells use a bold format: cellXfs entry 1 points at a font with <b/>.
    QVERIFY(zipEntry(path, "xl/styles.xml").contains("<b/>"));
    QVERIFY(sheet.contains("<c r=\"A1\" s=\"1\" t=\"s\">"));
    QVERIFY(zipEntry(path, "xl/workbook.xml").contains("name=\"淘汰计划\""));
}

void TestTableWriter::xlsxSheetNameIsSanitised()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    fp::Table t = planList();
    t.title = "'2017年[海城]淘汰落后产能计划/汇总:已完成企业及设备清单（含产能）'";
    const QString path = dir.filePath("list.xlsx");
    fp::writeXlsx(t, path.toStdString());
    // []/: become _, apostrophes at the ends go, and the name keeps 31 characters.
    QVERIFY2(zipEntry(path, "xl/workbook.xml")
                 .contains("name=\"2017年_海城_淘汰落后产能计划_汇总_已完成企业及设备清单\""),
             zipEntry(path, "xl/workbook.xml").constData());
}

QTEST_GUILESS_MAIN(TestTableWriter)
#include "tst_tablewriter.moc"
