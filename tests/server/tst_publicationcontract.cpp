// The PublicationStore contract (issue 14 items 4 and 5; issue 18 item 2): one set of test
// functions, run once against each back end (storebackend.h: ctest tst_publicationcontract on
// SQLite and, label postgresql, tst_publicationcontract_postgresql). Batches numbered per list and
// journalled with the publication, a publication that lost the race refused (also when two
// servers publish at once), batches never changed or deleted (the schema's triggers), settings
// journalled with before and after. exchange/publication.h itself is tst_publicationstore's.

#include "contractkit.h"
#include "yellowlist.h"

#include "core/json.h"
#include "server/exchange/publication.h"

#include <QtTest>

#include <atomic>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

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

class TestPublicationContract : public StoreContractTest
{
    Q_OBJECT

    std::unique_ptr<PublicationStore> m_publications;
    std::unique_ptr<JournalStore> m_journal;

  private slots:
    void init()
    {
        QVERIFY2(m_backend->newOffice(kEmptyOffice), qPrintable(m_backend->errorText()));
        m_publications = m_backend->openPublications();
        m_journal = m_backend->openJournal();
    }

    void cleanup()
    {
        m_publications.reset();
        m_journal.reset();
    }

    void batchesAreNumberedPerListAndJournalled()
    {
        PublicationStore &store = *m_publications;
        QVERIFY(store.publications({}).empty());
        const Table first = yellowList({{"C1", "甲厂"}, {"C2", "乙厂"}});
        const Publication one = store.publish(batchOf("yellow", 1, first));
        QVERIFY(one.id > 0);
        QCOMPARE(one.title, std::string("第一批黄牌企业名单"));
        const Publication red = store.publish(batchOf("red", 1, yellowList({})));
        const Publication two = store.publish(batchOf("yellow", 2, yellowList({{"C2", "乙厂"}})));
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
        store.publish(batchOf("yellow", 1, yellowList({})));
        // Two clerks both saw one batch and both publish "batch 2": the second is refused.
        store.publish(batchOf("yellow", 2, yellowList({})));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.publish(batchOf("yellow", 2, yellowList({}))));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.publish(batchOf("yellow", 4, yellowList({}))));
        QCOMPARE(store.publications("yellow").size(), std::size_t(2));
        JournalFilter f;
        f.kind = "publication.published";
        QCOMPARE(m_journal->journal(f).size(), std::size_t(2)); // nothing journalled for a refusal
    }

    void aBatchIsNeverChangedOrDeleted()
    {
        const std::int64_t id =
            m_publications->publish(batchOf("yellow", 1, yellowList({{"C1", "甲厂"}}))).id;
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
        RaceTally<StoreRuleError> tally;
        for (int round = 1; round <= kRounds; ++round)
            tally.race([&] { a->publish(batchOf("yellow", round, yellowList({}))); },
                       [&] { b->publish(batchOf("yellow", round, yellowList({}))); });
        QVERIFY2(tally.failed == 0, tally.firstFailure().c_str());
        QCOMPARE(tally.done.load(), kRounds);
        QCOMPARE(tally.refused.load(), kRounds);
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
