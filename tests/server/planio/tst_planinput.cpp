// The pieces under parsePlanSheet: CSV records and their lines, text decoding, cell clean-up,
// and the typed cells (count, capacity, action, date).

#include "plantestdata.h"

#include "core/error.h"
#include "server/planio/csvreader.h"
#include "server/planio/plancells.h"
#include "server/planio/textdecoder.h"
#include "server/planio/textnorm.h"

#include <QtTest/QTest>

using namespace plantest;

namespace {

QStringList cellsOf(const fp::CsvRecord &rec)
{
    QStringList out;
    for (const auto &c : rec.cells)
        out << QString::fromStdString(c);
    return out;
}

QString recordsText(const std::vector<fp::CsvRecord> &records)
{
    QStringList out;
    for (const auto &r : records)
        out << QString::number(r.line) + ":" + cellsOf(r).join('|');
    return out.join(" / ");
}

} // namespace

class TestPlanInput : public QObject
{
    Q_OBJECT

  private slots:
    void csvRecords_data();
    void csvRecords();
    void csvUnclosedQuoteThrows();
    void delimiterGuess();
    void utf8Validation_data();
    void utf8Validation();
    void decodeStripsBomsAndReadsGbk();
    void trimAndHalfWidth();
    void counts_data();
    void counts();
    void capacities_data();
    void capacities();
    void actions_data();
    void actions();
    void dates_data();
    void dates();
};

void TestPlanInput::csvRecords_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected"); // line:cell|cell / ...
    QTest::newRow("plain LF") << QByteArray("a,b\nc,d\n") << "1:a|b / 2:c|d";
    QTest::newRow("CRLF, no final line end") << QByteArray("a,b\r\nc,d") << "1:a|b / 2:c|d";
    QTest::newRow("CR only (old Mac)") << QByteArray("a,b\rc,d\r") << "1:a|b / 2:c|d";
    QTest::newRow("blank lines skipped, counted")
        << QByteArray("\n\na\r\n\r\n\nb\n") << "3:a / 6:b";
    QTest::newRow("empty cells") << QByteArray(",a,,\n") << "1:|a||";
    QTest::newRow("trailing comma at end of text") << QByteArray("a,") << "1:a|";
    QTest::newRow("quoted comma and quote")
        << QByteArray("\"a,b\",\"say \"\"hi\"\"\",\"\"\n") << "1:a,b|say \"hi\"|";
    QTest::newRow("quoted line breaks count")
        << QByteArray("\"x\ny\",1\r\n\"p\r\nq\r\nr\",2\nz,3\n")
        << "1:x\ny|1 / 3:p\r\nq\r\nr|2 / 6:z|3";
    QTest::newRow("stray quote kept (Excel-like)") << QByteArray("5\"x,\"a\"b\n") << "1:5\"x|ab";
}

void TestPlanInput::csvRecords()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QCOMPARE(recordsText(fp::readCsv(view(text))), expected);
}

void TestPlanInput::csvUnclosedQuoteThrows()
{
    const QByteArray text = "a,b\n\"c\nd,e\n";
    QVERIFY_THROWS_EXCEPTION(fp::ValidationError, fp::readCsv(view(text)));
    try {
        fp::readCsv(view(text));
    } catch (const fp::ValidationError &e) {
        QVERIFY2(QByteArray(e.what()).startsWith("line 2: a quoted cell"), e.what());
    }
}

void TestPlanInput::delimiterGuess()
{
    QCOMPARE(fp::guessDelimiter("\n序号,属地\tx\n"), ',');
    QCOMPARE(fp::guessDelimiter("序号\t属地\n1,2\n"), '\t');
    QCOMPARE(fp::guessDelimiter("序号;属地\n"), ';');
    QCOMPARE(fp::guessDelimiter(""), ',');
    QCOMPARE(recordsText(fp::readCsv("a\tb,c\n", '\t')), QStringLiteral("1:a|b,c"));
}

void TestPlanInput::utf8Validation_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("firstBad"); // -1: valid
    QTest::newRow("ascii") << QByteArray("abc") << -1;
    QTest::newRow("chinese and 4-byte") << QByteArray("马风镇\xF0\x9F\x98\x80") << -1;
    QTest::newRow("overlong slash") << QByteArray("ab\xC0\xAF") << 2;
    QTest::newRow("surrogate") << QByteArray("a\xED\xA0\x80") << 1;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << 0;
    QTest::newRow("truncated") << QByteArray("ab\xE9\xA9") << 2;
    QTest::newRow("lone continuation") << QByteArray("a\x80") << 1;
    QTest::newRow("GBK 马") << QByteArray("x\xC2\xED") << 1;
}

void TestPlanInput::utf8Validation()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, firstBad);
    const auto bad = fp::firstInvalidUtf8(view(bytes));
    QCOMPARE(bad ? int(*bad) : -1, firstBad);
}

void TestPlanInput::decodeStripsBomsAndReadsGbk()
{
    const QByteArray text = "序号,属地\n1,马风镇\n";
    const std::string expected = text.toStdString();
    QCOMPARE(fp::decodeSheetText(view(text)), expected);
    QCOMPARE(fp::decodeSheetText(view("\xEF\xBB\xBF" + text)), expected);
    QCOMPARE(fp::decodeSheetText(view(recode(text, "GBK"))), expected);
    QCOMPARE(fp::decodeSheetText(view(recode(text, "UTF-16LE").prepend("\xFF\xFE"))), expected);
    QCOMPARE(fp::decodeSheetText(view(recode(text, "UTF-16BE").prepend("\xFE\xFF"))), expected);
    QVERIFY_THROWS_EXCEPTION(fp::ValidationError, fp::decodeSheetText(view("ab\x80\xFF")));
}

void TestPlanInput::trimAndHalfWidth()
{
    QCOMPARE(fp::trimSpaces("\xE3\x80\x80 \xC2\xA0马 风\t\r\n\xEF\xBB\xBF"), std::string("马 风"));
    QCOMPARE(fp::trimSpaces(" \xE3\x80\x80 "), std::string());
    QCOMPARE(fp::removeSpaces("属 地\xE3\x80\x80\n"), std::string("属地"));
    QCOMPARE(fp::toHalfWidth("０９ＡＺａｚ．－／（），马"), std::string("09AZaz.-/(),马"));
    QCOMPARE(fp::toUpperAscii("91abc马"), std::string("91ABC马"));
    QCOMPARE(fp::normalizeCreditCode(" ９１２１ ０３８１ｇ６ｐ２ｕｇｅｈ１ｄ\xE3\x80\x80"),
             std::string("91210381G6P2UGEH1D"));
}

void TestPlanInput::counts_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<int>("expected"); // 0: refused
    QTest::newRow("plain") << "2" << 2;
    QTest::newRow("full-width") << "１２" << 12;
    QTest::newRow("with unit") << "3台" << 3;
    QTest::newRow("spaces") << " 4 " << 4;
    QTest::newRow("zero") << "0" << 0;
    QTest::newRow("negative") << "-1" << 0;
    QTest::newRow("fraction") << "1.5" << 0;
    QTest::newRow("text") << "两" << 0;
    QTest::newRow("empty") << "" << 0;
    QTest::newRow("overflow") << "99999999999" << 0;
}

void TestPlanInput::counts()
{
    QFETCH(QString, cell);
    QFETCH(int, expected);
    QCOMPARE(fp::parsePlanCount(cell.toStdString()).value_or(0), expected);
}

void TestPlanInput::capacities_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<double>("expected"); // 0: refused
    QTest::addColumn<QString>("unit");    // the unit read (the column's is 万吨/年)
    QTest::newRow("plain") << "3.0" << 3.0 << "万吨/年";
    QTest::newRow("full-width") << "４０．６" << 40.6 << "万吨/年";
    QTest::newRow("thousands") << "1,200.5" << 1200.5 << "万吨/年";
    QTest::newRow("with unit") << "5.5万吨/年" << 5.5 << "万吨/年";
    QTest::newRow("leading dot") << ".5" << 0.5 << "万吨/年";
    QTest::newRow("zero") << "0" << 0.0 << "";
    QTest::newRow("negative") << "-3" << 0.0 << "";
    QTest::newRow("plus") << "+3" << 0.0 << "";
    QTest::newRow("nan") << "nan" << 0.0 << "";
    QTest::newRow("inf") << "inf" << 0.0 << "";
    QTest::newRow("other unit") << "3000吨" << 0.0 << "";
    QTest::newRow("two dots") << "3.0.1" << 0.0 << "";
    QTest::newRow("empty") << "" << 0.0 << "";
    QTest::newRow("glass") << "40万重量箱/年" << 40.0 << "万重量箱/年";
    QTest::newRow("spaced unit") << "40 万重量箱／年" << 40.0 << "万重量箱/年";
    QTest::newRow("万吨 alone") << "3万吨" << 3.0 << "万吨/年";
    QTest::newRow("not annual") << "3万重量箱" << 0.0 << "";
}

void TestPlanInput::capacities()
{
    QFETCH(QString, cell);
    QFETCH(double, expected);
    QFETCH(QString, unit);
    const auto capacity = fp::parsePlanCapacity(cell.toStdString());
    QCOMPARE(capacity.value_or(fp::Capacity{}).value, expected);
    QCOMPARE(QString::fromStdString(capacity.value_or(fp::Capacity{}).unit), unit);
}

void TestPlanInput::actions_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("拆除") << "拆除"
                          << "dismantle";
    QTest::newRow("封存后拆除") << " 封存后 拆除 "
                                << "seal_then_dismantle";
    QTest::newRow("封存") << "封存"
                          << "seal_then_dismantle";
    QTest::newRow("先封存后拆除") << "先封存后拆除"
                                  << "seal_then_dismantle";
    QTest::newRow("wire name") << "seal_then_dismantle"
                               << "seal_then_dismantle";
    QTest::newRow("关停") << "关停"
                          << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestPlanInput::actions()
{
    QFETCH(QString, cell);
    QFETCH(QString, expected);
    const auto action = fp::parsePlanAction(cell.toStdString());
    QCOMPARE(action ? QString::fromUtf8(fp::enumName(*action)) : QString(), expected);
}

void TestPlanInput::dates_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("expected"); // empty: refused
    QTest::newRow("iso") << "2017-10-31"
                         << "2017-10-31";
    QTest::newRow("slashes") << "2017/10/31"
                             << "2017-10-31";
    QTest::newRow("dots") << "2017.10.31"
                          << "2017-10-31";
    QTest::newRow("chinese") << "2017年10月31日"
                             << "2017-10-31";
    QTest::newRow("chinese without 日") << "2017年12月30"
                                        << "2017-12-30";
    QTest::newRow("single digits") << "2017/6/1"
                                   << "2017-06-01";
    QTest::newRow("full-width") << "２０１７－１０－３１"
                                << "2017-10-31";
    QTest::newRow("with time") << "2017/10/31 0:00"
                               << "2017-10-31";
    QTest::newRow("compact") << "20171031"
                             << "2017-10-31";
    QTest::newRow("excel serial") << "43039"
                                  << "2017-10-31";
    QTest::newRow("spaces") << " 2017-10-31\xE3\x80\x80"
                            << "2017-10-31";
    QTest::newRow("month 13") << "2017-13-01"
                              << "";
    QTest::newRow("feb 29 2017") << "2017-02-29"
                                 << "";
    QTest::newRow("feb 29 2016") << "2016-02-29"
                                 << "2016-02-29";
    QTest::newRow("month first") << "10/31/2017"
                                 << "";
    QTest::newRow("two-digit year") << "17-10-31"
                                    << "";
    QTest::newRow("trailing text") << "2017-10-31前"
                                   << "";
    QTest::newRow("small serial") << "123"
                                  << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestPlanInput::dates()
{
    QFETCH(QString, cell);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(fp::parsePlanDate(cell.toStdString()).value_or("")), expected);
}

QTEST_GUILESS_MAIN(TestPlanInput)
#include "tst_planinput.moc"
