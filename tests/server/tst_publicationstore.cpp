// Dated publications and office settings in the store without a server (issue 14 items 4 and
// 5; publicationstore.h): batches numbered per list and journalled with the publication, a
// publication that lost the race refused, batches never changed or deleted (the schema's
// triggers), settings journalled with before and after; and exchange/publication.h: titles,
// the frozen table's JSON round trip, changes between batches, and an XLSX that is the same
// bytes whenever it is written.

#include "core/json.h"
#include "server/exchange/publication.h"
#include "server/storage/sqliteofficestore.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <thread>

using namespace fp;

namespace {

Table yellow(std::vector<std::pair<std::string, std::string>> enterprises)
{
    Table t{"黄牌企业名单", {"序号", "企业名称", "统一社会信用代码", "产能"}, {}};
    for (const auto &[code, name] : enterprises)
        t.rows.push_back({double(t.rows.size() + 1), name, code, 12.5});
    return t;
}

Publication batchOf(const std::string &list, std::int64_t batch, const Table &table)
{
    Publication p;
    p.list = list;
    p.batch = batch;
    p.title = batchTitle(batch, table.title);
    p.published_on = "2026-12-01";
    p.published_at = "2026-12-01T08:00:00.000Z";
    p.published_by = "office";
    p.row_count = std::int64_t(table.rows.size());
    p.content = tableToJsonText(table);
    return p;
}

} // namespace

class TestPublicationStore : public QObject
{
    Q_OBJECT

  private slots:
    void batchesAreNumberedPerListAndJournalled()
    {
        QTemporaryDir tmp;
        SqliteOfficeStore store(tmp.path().toStdString() + "/office.db");
        QVERIFY(store.publications({}).empty());
        const Table first = yellow({{"C1", "甲厂"}, {"C2", "乙厂"}});
        const Publication one = store.publish(batchOf("yellow", 1, first));
        QVERIFY(one.id > 0);
        QCOMPARE(one.title, std::string("第一批黄牌企业名单"));
        const Publication red = store.publish(batchOf("red", 1, yellow({})));
        const Publication two = store.publish(batchOf("yellow", 2, yellow({{"C2", "乙厂"}})));
        QCOMPARE(two.title, std::string("第二批黄牌企业名单"));

        const auto batches = store.publications("yellow");
        QCOMPARE(batches.size(), std::size_t(2));
        QCOMPARE(batches[0].batch, std::int64_t(1));
        QCOMPARE(batches[1].batch, std::int64_t(2));
        QVERIFY(batches[0].content.empty()); // listings leave the content out
        QCOMPARE(store.publications({}).size(), std::size_t(3));

        const auto found = store.findPublication(one.id);
        QVERIFY(found);
        QCOMPARE(found->published_by, std::string("office"));
        QVERIFY(sameContent(tableFromJsonText(found->content), first));
        QVERIFY(!store.findPublication(one.id + 100));

        JournalFilter f;
        f.kind = "publication";
        const auto journal = store.journal(f);
        QCOMPARE(journal.size(), std::size_t(3));
        QCOMPARE(journal.back().kind, std::string("publication.published"));
        QCOMPARE(journal.back().account, std::string("office"));
        QCOMPARE(journal.back().summary, std::string("第一批黄牌企业名单"));
        QCOMPARE(journal.back().target, std::to_string(one.id));
        QCOMPARE(Json::parse(journal.back().detail)["rows"], 2);
        QCOMPARE(journal.front().target, std::to_string(two.id));
        Q_UNUSED(red);
    }

    void aBatchThatLostTheRaceIsRefused()
    {
        QTemporaryDir tmp;
        SqliteOfficeStore store(tmp.path().toStdString() + "/office.db");
        store.publish(batchOf("yellow", 1, yellow({})));
        // Two clerks both saw one batch and both publish "batch 2": the second is refused.
        store.publish(batchOf("yellow", 2, yellow({})));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.publish(batchOf("yellow", 2, yellow({}))));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.publish(batchOf("yellow", 4, yellow({}))));
        QCOMPARE(store.publications("yellow").size(), std::size_t(2));
        JournalFilter f;
        f.kind = "publication.published";
        QCOMPARE(store.journal(f).size(), std::size_t(2)); // nothing journalled for a refusal
    }

    void aBatchIsNeverChangedOrDeleted()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.path().toStdString() + "/office.db";
        std::int64_t id = 0;
        {
            SqliteOfficeStore store(file);
            id = store.publish(batchOf("yellow", 1, yellow({{"C1", "甲厂"}}))).id;
        }
        Database db(file);
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 db.execScript("UPDATE publication SET content = '{}'"));
        QVERIFY_THROWS_EXCEPTION(std::exception, db.execScript("DELETE FROM publication"));
        SqliteOfficeStore store(file);
        QCOMPARE(store.findPublication(id)->row_count, std::int64_t(1));
    }

    void settingsAreJournalledWithBeforeAndAfter()
    {
        QTemporaryDir tmp;
        SqliteOfficeStore store(tmp.path().toStdString() + "/office.db");
        QVERIFY(!store.officeSetting("slow_region_percent"));
        store.setOfficeSetting({"slow_region_percent", "60", "2026-12-01T08:00:00.000Z", "office"});
        store.setOfficeSetting({"slow_region_percent", "40", "2026-12-02T08:00:00.000Z", "admin"});
        const auto s = store.officeSetting("slow_region_percent");
        QVERIFY(s);
        QCOMPARE(s->value, std::string("40"));
        QCOMPARE(s->changed_by, std::string("admin"));
        JournalFilter f;
        f.kind = "setting.changed";
        const auto journal = store.journal(f);
        QCOMPARE(journal.size(), std::size_t(2));
        const Json newest = Json::parse(journal.front().detail);
        QCOMPARE(newest["before"], "60");
        QCOMPARE(newest["after"], "40");
        QVERIFY(Json::parse(journal.back().detail)["before"].is_null());
    }

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
        const Table before = yellow({{"C1", "甲厂"}, {"C2", "乙厂"}});
        const Table after = yellow({{"C2", "乙厂"}, {"C3", "丙厂"}, {"C3", "丙厂"}});
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
        Table t = yellow({{"C1", "甲厂,\"引号\""}});
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
        const Table t = yellow({{"C1", "甲厂"}, {"C2", "乙厂"}});
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
