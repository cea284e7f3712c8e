// Dated publications without a server (issue 14 item 4), exchange/publication.h: titles, the
// frozen table's JSON round trip, changes between batches, and an XLSX that is the same bytes
// whenever it is written. The store's side (PublicationStore) is tst_publicationcontract.

#include "yellowlist.h"

#include "core/error.h"
#include "server/exchange/publication.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <thread>

using namespace fp;
using fp::test::yellowList;

class TestPublicationStore : public QObject
{
    Q_OBJECT

  private slots:
    void titlesCountInChinese()
    {
        QCOMPARE(batchTitle(1, "红牌企业名单"), std::string("第一批红牌企业名单"));
        QCOMPARE(batchTitle(10, "X"), std::string("第十批X"));
        QCOMPARE(batchTitle(12, "X"), std::string("第十二批X"));
        QCOMPARE(batchTitle(20, "X"), std::string("第二十批X"));
        QCOMPARE(batchTitle(99, "X"), std::string("第九十九批X"));
        QCOMPARE(batchTitle(100, "X"), std::string("第100批X"));
    }

    void changesAreCountedByCreditCode()
    {
        const Table before = yellowList({{"C1", "甲厂"}, {"C2", "乙厂"}});
        const Table after = yellowList({{"C2", "乙厂"}, {"C3", "丙厂"}, {"C3", "丙厂"}});
        const ListChanges c = listChanges(before, after);
        QCOMPARE(c.added.size(), std::size_t(1));
        QCOMPARE(c.added[0].credit_code, std::string("C3"));
        QCOMPARE(c.removed.size(), std::size_t(1));
        QCOMPARE(c.removed[0].name, std::string("甲厂"));
        QCOMPARE(listChanges(Table{}, before).added.size(), std::size_t(2)); // the first batch
        QVERIFY(!sameContent(before, after));
    }

    void theFrozenTableRoundTripsExactly()
    {
        Table t = yellowList({{"C1", "甲厂,\"引号\""}});
        t.rows.push_back({0.1 + 0.2, std::string("=1+1"), std::string(), 1e-7});
        const Table back = tableFromJsonText(tableToJsonText(t));
        QVERIFY(sameContent(back, t));
        QCOMPARE(back.title, t.title);
        QCOMPARE(tableToCsv(back), tableToCsv(t));
        QVERIFY_THROWS_EXCEPTION(Error, tableFromJsonText("not json"));
    }

    void timestampsConvertToSeconds()
    {
        QCOMPARE(timestampSeconds("1970-01-02T00:00:01.000Z").value_or(-1), std::int64_t(86401));
        QCOMPARE(timestampSeconds("2026-12-03T09:30:00Z").value_or(-1), std::int64_t(1796290200));
        QVERIFY(!timestampSeconds("2026-13-03T09:30:00Z"));
        QVERIFY(!timestampSeconds("yesterday"));
    }

    /// The same table and creation time give the same bytes, also in another second: the
    /// writer must not put the time of writing anywhere (libxlsxwriter does unless told).
    void anXlsxIsTheSameBytesWhenWrittenLater()
    {
        QTemporaryDir tmp;
        const Table t = yellowList({{"C1", "甲厂"}, {"C2", "乙厂"}});
        const auto created = timestampSeconds("2026-12-01T08:00:00.000Z").value();
        const auto before = std::chrono::system_clock::now();
        const std::string first = xlsxBytes({t}, tmp.filePath("a.xlsx").toStdString(), created);
        // Wait (bounded, once) until the wall clock is in a later second than the first write.
        const auto nextSecond = std::chrono::ceil<std::chrono::seconds>(before);
        std::this_thread::sleep_until(nextSecond + std::chrono::milliseconds(50));
        const std::string second = xlsxBytes({t}, tmp.filePath("b.xlsx").toStdString(), created);
        QVERIFY(first.size() > 1000);
        QVERIFY2(first == second, "two writes of one table differ: the writer embeds the time");
        QVERIFY(!QFile::exists(tmp.filePath("a.xlsx"))); // the temp file is gone
        // Another creation time is another workbook: the time is in there, as given.
        QVERIFY(xlsxBytes({t}, tmp.filePath("c.xlsx").toStdString(), created + 1) != first);
        // And without one, the fixed date: still the same bytes every time.
        QCOMPARE(xlsxBytes({t}, tmp.filePath("d.xlsx").toStdString()),
                 xlsxBytes({t}, tmp.filePath("e.xlsx").toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestPublicationStore)
#include "tst_publicationstore.moc"
