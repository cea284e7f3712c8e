// parsePlanSheet on the sample sheet and on the ways real offices' sheets go wrong.

#include "plantestdata.h"

#include "core/error.h"
#include "server/planio/plansheet.h"

#include <QtTest/QTest>

#include <set>

using namespace plantest;

class TestPlanSheet : public QObject
{
    Q_OBJECT

  private slots:
    void sampleSheet();
    void encodingsGiveIdenticalRows_data();
    void encodingsGiveIdenticalRows();
    void mergedCellsContinueTheEnterpriseAbove();
    void continuationWithoutEnterpriseAboveIsAnError();
    void fullWidthFormsAndSpaces();
    void headersInAnyOrderWithoutSequence();
    void titleRowAboveHeader();
    void totalRowsAreIgnored();
    void badRowsReportedByLine_data();
    void badRowsReportedByLine();
    void creditCodeReasonNamesExpectedCheckCharacter();
    void sameCodeDifferentNameOnAnotherRow();
    void multiLineQuotedCellKeepsLineNumbers();
    void unreadableSheetsThrow_data();
    void unreadableSheetsThrow();
    void regionKinds_data();
    void regionKinds();
};

void TestPlanSheet::sampleSheet()
{
    const QByteArray bytes = readSample();
    const auto sheet = parse(bytes);
    QCOMPARE(errorsOf(sheet), QStringList());
    QCOMPARE(sheet.rows.size(), std::size_t(109));

    std::set<std::string> codes;
    double capacity = 0;
    int count = 0;
    int sealed = 0;
    for (const auto &r : sheet.rows) {
        codes.insert(r.credit_code);
        capacity += r.capacity.value;
        count += r.count;
        sealed += r.action == fp::RequiredAction::SealThenDismantle;
        QCOMPARE(r.capacity.unit, std::string("万吨/年"));
    }
    QCOMPARE(codes.size(), std::size_t(40));
    QCOMPARE(sealed, 49);

    // The same sums taken straight from the file's text (it has no quoted cells).
    double fileCapacity = 0;
    int fileCount = 0;
    const auto lines = bytes.trimmed().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const auto cells = lines[i].trimmed().split(',');
        QCOMPARE(cells.size(), 14);
        fileCount += cells[10].toInt();
        fileCapacity += cells[11].toDouble();
    }
    QCOMPARE(count, fileCount);
    QVERIFY(qAbs(capacity - fileCapacity) < 1e-9);
    QVERIFY(qAbs(capacity - 1217.7) < 1e-9);

    QCOMPARE(
        describe(sheet.rows.front()),
        QStringLiteral("2|马风镇|示例天成钢铁有限公司|91210381G6P2UGEH1D|钢铁|刘明|13968301432|"
                       "海城市马风镇二村|工频炉|3吨|2|3 万吨/年|dismantle|2017-10-31"));
    QCOMPARE(sheet.rows.back().line, 110);
}

void TestPlanSheet::encodingsGiveIdenticalRows_data()
{
    QTest::addColumn<QString>("variant");
    QTest::newRow("utf-8 with BOM") << "bom";
    QTest::newRow("GBK") << "GBK";
    QTest::newRow("GB18030") << "GB18030";
    QTest::newRow("CRLF line ends") << "crlf";
    QTest::newRow("UTF-16 tab-separated (Excel Unicode text)") << "utf16-tab";
}

void TestPlanSheet::encodingsGiveIdenticalRows()
{
    QFETCH(QString, variant);
    const QByteArray utf8 = readSample();
    QByteArray bytes;
    if (variant == "bom")
        bytes = "\xEF\xBB\xBF" + utf8;
    else if (variant == "crlf")
        bytes = QByteArray(utf8).replace("\n", "\r\n");
    else if (variant == "utf16-tab")
        bytes = recode(QByteArray(utf8).replace(',', '\t'), QStringLiteral("UTF-16"));
    else
        bytes = recode(utf8, variant);
    QVERIFY(bytes != utf8);
    if (variant == "GBK")
        QVERIFY(!bytes.contains("马风镇"));

    const auto expected = parse(utf8);
    const auto actual = parse(bytes);
    QCOMPARE(errorsOf(actual), QStringList());
    QCOMPARE(describeAll(actual), describeAll(expected));
}

void TestPlanSheet::mergedCellsContinueTheEnterpriseAbove()
{
    const QByteArray csv =
        kHeader + "1,马风镇,示例甲钢铁有限公司," + kCodeA +
        ",钢铁,刘明,13968301432,马风镇二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n"
        "2,,,,,,,,中频炉,5吨,1,5.2,拆除,2017-10-31\n"
        ",,,,,,,,冲天炉,3吨/小时,1,1.2,封存后拆除,2017-12-30\n"
        "3,牛庄镇,示例乙水泥有限公司," +
        kCodeB +
        ",水泥,陈国,13920937817,牛庄镇一村,机立窑,Φ2.8×10m,1,8.9,封存后拆除,2017-12-30\n"
        "4,,,,,,,,机立窑,Φ2.8×10m,1,6.5,封存后拆除,2017-12-30\n";
    const auto sheet = parse(csv);
    QCOMPARE(errorsOf(sheet), QStringList());
    const QString a =
        "马风镇|示例甲钢铁有限公司|91210381G6P2UGEH1D|钢铁|刘明|13968301432|马风镇二村|";
    const QString b =
        "牛庄镇|示例乙水泥有限公司|91210381GRGBN92L9Y|水泥|陈国|13920937817|牛庄镇一村|";
    QCOMPARE(
        describeAll(sheet),
        QStringList({"2|" + a + "工频炉|3吨|2|3 万吨/年|dismantle|2017-10-31",
                     "3|" + a + "中频炉|5吨|1|5.2 万吨/年|dismantle|2017-10-31",
                     "4|" + a + "冲天炉|3吨/小时|1|1.2 万吨/年|seal_then_dismantle|2017-12-30",
                     "5|" + b + "机立窑|Φ2.8×10m|1|8.9 万吨/年|seal_then_dismantle|2017-12-30",
                     "6|" + b + "机立窑|Φ2.8×10m|1|6.5 万吨/年|seal_then_dismantle|2017-12-30"}));
}

void TestPlanSheet::continuationWithoutEnterpriseAboveIsAnError()
{
    // A blank name with a code present is not a continuation: the name is missing.
    const QByteArray csv = kHeader +
                           "1,,,,,,,,中频炉,5吨,1,5.2,拆除,2017-10-31\n"
                           "2,马风镇,示例甲钢铁有限公司," +
                           kCodeA +
                           ",钢铁,刘明,139,马风镇二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n"
                           "3,马风镇,," +
                           kCodeA + ",钢铁,刘明,139,马风镇二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n";
    const auto sheet = parse(csv);
    QCOMPARE(sheet.rows.size(), std::size_t(1));
    QCOMPARE(sheet.rows[0].line, 3);
    QStringList lines;
    for (const auto &e : sheet.errors)
        lines << QString::number(e.line);
    QVERIFY2(lines.contains("2") && lines.contains("4") && !lines.contains("3"),
             qPrintable(errorsOf(sheet).join('\n')));
    QVERIFY(errorsOf(sheet).join('\n').contains("4 => line 4: 企业名称 is empty"));
}

void TestPlanSheet::fullWidthFormsAndSpaces()
{
    // Full-width digits, letters and punctuation from a Chinese IME; U+3000, NBSP and ASCII
    // spaces around cells; a lower-case code.
    const QByteArray code = "９１２１０３８１ｇ６ｐ２ｕｇｅｈ１ｄ";
    const QByteArray csv =
        kHeader + "1,\u3000马风镇 ,\xC2\xA0示例甲钢铁有限公司\u3000, " + code +
        " ,钢铁,刘明,１３９６８３０１４３２,马风镇二村,工频炉,3吨,２,３．５,封存后拆除,"
        "２０１７－１０－３１\n"
        "2,马风镇,示例甲钢铁有限公司," +
        kCodeA + ",钢铁,刘明,139,马风镇二村,中频炉,5吨,1,40.6,拆除,２０１７／１２／３０\n";
    const auto sheet = parse(csv);
    QCOMPARE(errorsOf(sheet), QStringList());
    QCOMPARE(sheet.rows.size(), std::size_t(2));
    const auto &r = sheet.rows[0];
    QCOMPARE(r.region_name, std::string("马风镇"));
    QCOMPARE(r.enterprise_name, std::string("示例甲钢铁有限公司"));
    QCOMPARE(r.credit_code, std::string(kCodeA.constData()));
    QCOMPARE(r.contact_phone, std::string("13968301432"));
    QCOMPARE(r.count, 2);
    QCOMPARE(r.capacity.value, 3.5);
    QCOMPARE(r.deadline, std::string("2017-10-31"));
    QCOMPARE(sheet.rows[1].deadline, std::string("2017-12-30"));
}

void TestPlanSheet::headersInAnyOrderWithoutSequence()
{
    // No 序号; columns shuffled; spaces, a line break and full-width parentheses in headers.
    const QByteArray csv =
        "计划完成时间,淘汰方式,\"产能 \n（万吨／年）\",数量（台/条）,规格型号,设备名称,企业地址,"
        "联系电话,法定代表人,行业, 统一社会信用代码 ,企业名称,属 地\r\n"
        "2017年10月31日,拆除,3.7,1,5吨,中频炉,一村,139,陈国,钢铁," +
        kCodeB + ",示例乙钢铁有限公司,海城经济开发区\r\n";
    const auto sheet = parse(csv);
    QCOMPARE(errorsOf(sheet), QStringList());
    QCOMPARE(
        describeAll(sheet),
        QStringList({"3|海城经济开发区|示例乙钢铁有限公司|91210381GRGBN92L9Y|钢铁|陈国|139|一村|"
                     "中频炉|5吨|1|3.7 万吨/年|dismantle|2017-10-31"}));
}

void TestPlanSheet::titleRowAboveHeader()
{
    const QByteArray csv = "海城市2017年淘汰落后产能计划表,,,,,,,,,,,,,\n,,,,,,,,,,,,,\n" +
                           kHeader + "1,马风镇,示例甲钢铁有限公司," + kCodeA +
                           ",钢铁,刘明,139,马风镇二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n";
    const auto sheet = parse(csv);
    QCOMPARE(errorsOf(sheet), QStringList());
    QCOMPARE(sheet.rows.size(), std::size_t(1));
    QCOMPARE(sheet.rows[0].line, 4);
}

void TestPlanSheet::totalRowsAreIgnored()
{
    const QByteArray body = kHeader + "1,马风镇,示例甲钢铁有限公司," + kCodeA +
                            ",钢铁,刘明,139,马风镇二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n"
                            "2,牛庄镇,示例乙水泥有限公司," +
                            kCodeB +
                            ",水泥,陈国,139,一村,机立窑,Φ2.8,1,8.9,封存后拆除,2017-12-30\n";
    for (const QByteArray &total :
         {QByteArray(",合计,,,,,,,,,3,11.9,,\n"), QByteArray("总 计,,,,,,,,,,3,11.9,,\r\n"),
          QByteArray("\"合计：\",,,,,,,,,,3,11.9,,\n")}) {
        const auto sheet = parse(body + total + ",,,,,,,,,,,,,\n\n");
        QVERIFY2(sheet.errors.empty(), qPrintable(errorsOf(sheet).join('\n')));
        QCOMPARE(sheet.rows.size(), std::size_t(2));
    }
    // Without the total marker the same row is a bad row, so the rule above is what skips it.
    const auto sheet = parse(body + ",,,,,,,,,,3,11.9,,\n");
    QVERIFY(!sheet.errors.empty());
}

void TestPlanSheet::badRowsReportedByLine_data()
{
    QTest::addColumn<QByteArray>("row");
    QTest::addColumn<QStringList>("expected"); // fragments of the one reason on line 3

    const QByteArray ok = "马风镇,示例甲钢铁有限公司," + kCodeA + ",钢铁,刘明,139,马风镇二村,";
    QTest::newRow("bad credit code")
        << QByteArray("2,马风镇,示例甲钢铁有限公司,91210381G6P2UGEH1E,钢铁,刘明,139,二村,工频炉,"
                      "3吨,1,3.0,拆除,2017-10-31")
        << QStringList{"统一社会信用代码 '91210381G6P2UGEH1E' is not valid"};
    QTest::newRow("short credit code")
        << QByteArray("2,马风镇,示例甲钢铁有限公司,9121038,钢铁,刘明,139,二村,工频炉,3吨,1,3.0,"
                      "拆除,2017-10-31")
        << QStringList{"'9121038'", "7 characters"};
    QTest::newRow("empty enterprise name")
        << "2,马风镇,," + kCodeA + ",钢铁,刘明,139,二村,工频炉,3吨,1,3.0,拆除,2017-10-31"
        << QStringList{"企业名称 is empty"};
    QTest::newRow("zero count") << "2," + ok + "工频炉,3吨,0,3.0,拆除,2017-10-31"
                                << QStringList{"数量(台/条) '0'", "whole number"};
    QTest::newRow("text count") << "2," + ok + "工频炉,3吨,两台,3.0,拆除,2017-10-31"
                                << QStringList{"数量(台/条) '两台'"};
    QTest::newRow("negative capacity") << "2," + ok + "工频炉,3吨,1,-3.0,拆除,2017-10-31"
                                       << QStringList{"产能(万吨/年) '-3.0'", "greater than 0"};
    QTest::newRow("text capacity") << "2," + ok + "工频炉,3吨,1,约三万吨,拆除,2017-10-31"
                                   << QStringList{"产能(万吨/年) '约三万吨'"};
    QTest::newRow("empty capacity")
        << "2," + ok + "工频炉,3吨,1,,拆除,2017-10-31" << QStringList{"产能(万吨/年) ''"};
    QTest::newRow("unknown action")
        << "2," + ok + "工频炉,3吨,1,3.0,关停,2017-10-31"
        << QStringList{"淘汰方式 '关停' is not known", "拆除 or 封存后拆除"};
    QTest::newRow("impossible date") << "2," + ok + "工频炉,3吨,1,3.0,拆除,2017-02-30"
                                     << QStringList{"计划完成时间 '2017-02-30' is not a date"};
    QTest::newRow("month-first date") << "2," + ok + "工频炉,3吨,1,3.0,拆除,10/31/2017"
                                      << QStringList{"计划完成时间 '10/31/2017'"};
    QTest::newRow("empty equipment")
        << "2," + ok + ",3吨,1,3.0,拆除,2017-10-31" << QStringList{"设备名称 is empty"};
    QTest::newRow("too few cells")
        << "2," + ok + "工频炉,3吨,1" << QStringList{"only 11 cells", "header has 14"};
    QTest::newRow("too many cells") << "2," + ok + "工频炉,3吨,1,3.0,拆除,2017-10-31,多余"
                                    << QStringList{"15 cells", "header has 14"};
}

void TestPlanSheet::badRowsReportedByLine()
{
    QFETCH(QByteArray, row);
    QFETCH(QStringList, expected);
    const QByteArray good1 = "1,马风镇,示例甲钢铁有限公司," + kCodeA +
                             ",钢铁,刘明,139,二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n";
    const QByteArray good3 = "3,牛庄镇,示例乙水泥有限公司," + kCodeB +
                             ",水泥,陈国,139,一村,机立窑,Φ2.8,1,8.9,封存后拆除,2017-12-30\n";
    const auto sheet = parse(kHeader + good1 + row + "\n" + good3);

    QCOMPARE(sheet.errors.size(), std::size_t(1));
    QCOMPARE(sheet.errors[0].line, 3);
    const QString reason = QString::fromStdString(sheet.errors[0].reason);
    QVERIFY2(reason.startsWith("line 3: "), qPrintable(reason));
    for (const auto &fragment : expected)
        QVERIFY2(reason.contains(fragment), qPrintable(reason + " lacks " + fragment));
    QCOMPARE(sheet.rows.size(), std::size_t(2));
    QCOMPARE(sheet.rows[0].line, 2);
    QCOMPARE(sheet.rows[1].line, 4);
}

void TestPlanSheet::creditCodeReasonNamesExpectedCheckCharacter()
{
    const QByteArray csv = kHeader + "1,马风镇,示例甲钢铁有限公司,91210381G6P2UGEH1E,钢铁,刘明,139,"
                                     "二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n";
    const auto sheet = parse(csv);
    QCOMPARE(
        errorsOf(sheet),
        QStringList({"2 => line 2: 统一社会信用代码 '91210381G6P2UGEH1E' is not valid: the check "
                     "character (position 18) is 'E', expected 'D'."}));
}

void TestPlanSheet::sameCodeDifferentNameOnAnotherRow()
{
    const QByteArray csv = kHeader + "1,马风镇,示例甲钢铁有限公司," + kCodeA +
                           ",钢铁,刘明,139,二村,工频炉,3吨,2,3.0,拆除,2017-10-31\n"
                           "2,马风镇,示例甲钢铁有限公司 ," +
                           kCodeA +
                           ",钢铁,刘明,139,二村,中频炉,5吨,1,5.2,拆除,2017-10-31\n"
                           "3,牛庄镇,示例乙水泥有限公司," +
                           kCodeA + ",水泥,陈国,139,一村,机立窑,Φ2.8,1,8.9,封存后拆除,2017-12-30\n";
    const auto sheet = parse(csv);
    QCOMPARE(sheet.rows.size(), std::size_t(2));
    QCOMPARE(
        errorsOf(sheet),
        QStringList({"4 => line 4: 统一社会信用代码 '91210381G6P2UGEH1D' belongs to "
                     "'示例甲钢铁有限公司' on line 2, but this row names '示例乙水泥有限公司'; "
                     "one code cannot name two enterprises."}));
}

void TestPlanSheet::multiLineQuotedCellKeepsLineNumbers()
{
    const QByteArray csv = kHeader + "1,马风镇,\"示例甲钢铁\r\n有限公司\"," + kCodeA +
                           ",钢铁,刘明,139,\"海城市\n马风镇\n二村\",工频炉,\"3吨,\"\"双炉\"\"\",2,"
                           "3.0,拆除,2017-10-31\r\n"
                           "\r\n"
                           "2,马风镇,示例甲钢铁有限公司," +
                           kCodeA + ",钢铁,刘明,139,二村,中频炉,5吨,1,3.0,关停,2017-10-31\n";
    const auto sheet = parse(csv);
    QCOMPARE(sheet.rows.size(), std::size_t(1));
    QCOMPARE(sheet.rows[0].line, 2);
    QCOMPARE(sheet.rows[0].address, std::string("海城市\n马风镇\n二村"));
    QCOMPARE(sheet.rows[0].spec, std::string("3吨,\"双炉\""));
    // Lines 2-5 hold the first record, line 6 is blank: the bad row is on line 7.
    QCOMPARE(sheet.errors.size(), std::size_t(1)); // the line break in the name is no conflict
    QCOMPARE(sheet.errors[0].line, 7);
    QVERIFY(sheet.errors[0].reason.starts_with("line 7: 淘汰方式 '关停'"));
}

void TestPlanSheet::unreadableSheetsThrow_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    // Bytes that are no text sheet at all.
    QTest::newRow("not UTF-8 nor GBK") << kHeader + "1,\xFF\xFF\x80,x\n"
                                       << "neither UTF-8 nor GBK";
    QTest::newRow("truncated GBK") << recode(kHeader, "GBK") + "1,\xB0"
                                   << "neither UTF-8 nor GBK";
    QTest::newRow("xlsx given as csv") << QByteArray("PK\x03\x04\x14\x00\x06\x00", 8) << "XLSX";
    QTest::newRow("xls given as csv") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") << ".xls";
    QTest::newRow("NUL bytes") << QByteArray("a\0b\0c\0", 6) << "NUL";
    // Text, but no sheet of the plan.
    QTest::newRow("empty") << QByteArray() << "no header row";
    QTest::newRow("no header") << QByteArray("a,b,c\n1,2,3\n") << "no header row";
    QTest::newRow("missing columns")
        << QByteArray(kHeader).replace(",淘汰方式", "").replace("行业,", "")
        << "the header lacks the column(s) 行业, 淘汰方式";
    QTest::newRow("duplicate column")
        << QByteArray(kHeader).replace("序号", "行业") << "行业 appears twice";
    QTest::newRow("unclosed quote") << kHeader + "1,马风镇,\"示例\n2,3\n"
                                    << "line 2: a quoted cell";
}

void TestPlanSheet::unreadableSheetsThrow()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    try {
        parse(bytes);
        QFAIL("no exception");
    } catch (const fp::ValidationError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
    }
}

void TestPlanSheet::regionKinds_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    QTest::newRow("town") << "马风镇" << int(fp::RegionKind::Town);
    QTest::newRow("management area") << "海城市牧场管理区" << int(fp::RegionKind::ManagementArea);
    QTest::newRow("development zone") << "海城经济开发区" << int(fp::RegionKind::DevelopmentZone);
    QTest::newRow("industrial park") << "腾鳌工业园区" << int(fp::RegionKind::DevelopmentZone);
}

void TestPlanSheet::regionKinds()
{
    QFETCH(QString, name);
    QFETCH(int, kind);
    QCOMPARE(int(fp::regionKindFromName(name.toStdString())), kind);
}

QTEST_GUILESS_MAIN(TestPlanSheet)
#include "tst_plansheet.moc"
