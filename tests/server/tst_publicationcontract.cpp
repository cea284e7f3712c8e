// The PublicationStore contract (issue 14 items 4 and 5; issue 18 item 2): one set of test
// functions, run once against each back end (storebackend.h: ctest tst_publicationcontract on
// SQLite and, label postgresql, tst_publicationcontract_postgresql). Batches numbered per list and
// journalled with the publication, a publication that lost the race refused (also when two
// servers publish at once), batches never changed or deleted (the schema's triggers), settings
// journalled with before and after. exchange/publication.h itself is tst_publicationstore's.

#include "storebackend.h"

#include "core/json.h"
#include "server/exchange/publication.h"

#include <QtTest>

#include <atomic>
#include <thread>

using namespace fp;
using namespace fp::test;

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

class TestPublicationContract : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreBackend> m_backend;
    std::unique_ptr<PublicationStore> m_publications;
    std::unique_ptr<JournalStore> m_journal;

  private slots:
    void initTestCase() { FP_START_STORE_BACKEND(m_backend); }

    void init()
    {
        // An empty office; the seed is a statement both back ends run and that changes nothing.
        QVERIFY2(m_backend->newOffice("DELETE FROM region WHERE id = 'none';"),
                 qPrintable(m_backend->errorText()));
        m_publications = m_backend->openPublications();
        m_journal = m_backend->openJournal();
    }

    void cleanup()
    {
        m_publications.reset();
        m_journal.reset();
    }

    void cleanupTestCase() { m_backend.reset(); }

    void batchesAreNumberedPerListAndJournalled()
    {
        PublicationStore &store = *m_publications;
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
        const auto journal = m_journal->journal(f);
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
        PublicationStore &store = *m_publications;
        store.publish(batchOf("yellow", 1, yellow({})));
        // Two clerks both saw one batch and both publish "batch 2": the second is refused.
        store.publish(batchOf("yellow", 2, yellow({})));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.publish(batchOf("yellow", 2, yellow({}))));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.publish(batchOf("yellow", 4, yellow({}))));
        QCOMPARE(store.publications("yellow").size(), std::size_t(2));
        JournalFilter f;
        f.kind = "publication.published";
        QCOMPARE(m_journal->journal(f).size(), std::size_t(2)); // nothing journalled for a refusal
    }

    void aBatchIsNeverChangedOrDeleted()
    {
        const std::int64_t id =
            m_publications->publish(batchOf("yellow", 1, yellow({{"C1", "甲厂"}}))).id;
        QVERIFY(!m_backend->execSql("UPDATE publication SET content = '{}'"));
        QVERIFY(!m_backend->execSql("DELETE FROM publication"));
        QCOMPARE(m_backend->openPublications()->findPublication(id)->row_count, std::int64_t(1));
    }

    void twoServersPublishingOneBatchPublishItOnce()
    {
        // Two stores on one database, as two server processes: both clerks saw the same
        // batches and publish the next one at once, several rounds; one batch each time, the
        // other refused and journalled nothing. The first setting of a key on both at once
        // keeps both changes in the journal, the second with the first as its "before".
        auto a = m_backend->openPublications();
        auto b = m_backend->openPublications();
        constexpr int kRounds = 6;
        std::atomic<int> published{0}, refused{0}, other{0};
        auto run = [&](auto &&call) {
            try {
                call();
                ++published;
            } catch (const StoreRuleError &) {
                ++refused;
            } catch (const std::exception &) {
                ++other;
            }
        };
        for (int round = 1; round <= kRounds; ++round) {
            std::thread ta([&] { run([&] { a->publish(batchOf("yellow", round, yellow({}))); }); });
            std::thread tb([&] { run([&] { b->publish(batchOf("yellow", round, yellow({}))); }); });
            ta.join();
            tb.join();
        }
        QCOMPARE(other.load(), 0);
        QCOMPARE(published.load(), kRounds);
        QCOMPARE(refused.load(), kRounds);
        QCOMPARE(a->publications("yellow").size(), std::size_t(kRounds));
        JournalFilter f;
        f.kind = "publication.published";
        QCOMPARE(m_journal->journal(f).size(), std::size_t(kRounds));

        for (int round = 0; round < kRounds; ++round) {
            const std::string key = "k" + std::to_string(round);
            std::thread ta([&] {
                a->setOfficeSetting({key, "1", "2026-12-01T08:00:00.000Z", "a"});
            });
            std::thread tb([&] {
                b->setOfficeSetting({key, "2", "2026-12-01T08:00:00.000Z", "b"});
            });
            ta.join();
            tb.join();
            JournalFilter changed;
            changed.kind = "setting.changed";
            const auto journal = m_journal->journal(changed);
            QVERIFY(journal.size() >= 2);
            const Json last = Json::parse(journal[0].detail);
            const Json first = Json::parse(journal[1].detail);
            QCOMPARE(journal[0].target, key);
            QCOMPARE(journal[1].target, key);
            QVERIFY2(first["before"].is_null(), journal[1].detail.c_str());
            QCOMPARE(last["before"], first["after"]);
            QCOMPARE(a->officeSetting(key)->value, last["after"].get<std::string>());
        }
        QCOMPARE(m_backend->commitOrderProblem(), QString());
    }

    void settingsAreJournalledWithBeforeAndAfter()
    {
        PublicationStore &store = *m_publications;
        QVERIFY(!store.officeSetting("slow_region_percent"));
        store.setOfficeSetting({"slow_region_percent", "60", "2026-12-01T08:00:00.000Z", "office"});
        store.setOfficeSetting({"slow_region_percent", "40", "2026-12-02T08:00:00.000Z", "admin"});
        const auto s = store.officeSetting("slow_region_percent");
        QVERIFY(s);
        QCOMPARE(s->value, std::string("40"));
        QCOMPARE(s->changed_by, std::string("admin"));
        JournalFilter f;
        f.kind = "setting.changed";
        const auto journal = m_journal->journal(f);
        QCOMPARE(journal.size(), std::size_t(2));
        const Json newest = Json::parse(journal.front().detail);
        QCOMPARE(newest["before"], "60");
        QCOMPARE(newest["after"], "40");
        QVERIFY(Json::parse(journal.back().detail)["before"].is_null());
    }
};

QTEST_GUILESS_MAIN(TestPublicationContract)
#include "tst_publicationcontract.moc"
