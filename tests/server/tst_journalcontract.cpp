// The JournalStore and EnterpriseStore contract (issue 14 items 1 and 6; issue 18 item 2): one
// set of test functions, run once against each back end (storebackend.h: ctest
// tst_journalcontract on SQLite and, label postgresql, tst_journalcontract_postgresql). Entries
// appended and read back through the filters and pages, card changes and review decisions
// journalled by the store with the change, UPDATE and DELETE refused by the schema itself, and
// enterprises added outside the plan, logged for the pull and refused on a taken credit code even
// when two servers add it at once. What an older SQLite office already held is copied in when it
// upgrades (SQLite only: the older PostgreSQL step list is tst_pgschema's). On PostgreSQL the
// journal's and the push audit's numbers follow the commit order (schema v10): an entry whose
// transaction stays open cannot be overtaken by a later one that commits first.

#include "contractkit.h"

#include "core/json.h"
#include "db/database.h"
#include "db/migrations.h"
#include "server/pgstore/pgconnection.h"
#include "server/storage/officeschema.h"
#include "server/storage/reviewstore.h"
#include "server/storage/sqliteofficestore.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

/// A region, an enterprise e1 in it, and a final inspection i1 of e1 waiting for review.
constexpr const char *kEnterpriseAndInspection =
    "INSERT INTO region (id, name, kind) VALUES ('r1', 'R', 'town');"
    "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES "
    "('e1', 'C1', 'E', 'r1');"
    "INSERT INTO inspection (id, version, state, enterprise_id, kind, device_id, "
    "content_hash, data, device_time, received_at) VALUES ('i1', 2, 'final', 'e1', "
    "'survey', 'd1', '', '{\"id\":\"i1\"}', '2026-12-01T08:00:00.000Z', "
    "'2026-12-01T09:00:00.000Z');"
    "INSERT INTO review (inspection_id, state, reason, reviewed_at) VALUES ('i1', "
    "'received', '', '2026-12-01T09:00:00.000Z');";

JournalEntry entry(std::string at, std::string account, std::string kind, std::string target)
{
    return JournalEntry{0,  std::move(at), std::move(account), std::move(kind), std::move(target),
                        {}, "summary",     "{\"n\":1}"};
}

Card yellowCard()
{
    Card card;
    card.id = "c1";
    card.enterprise_id = "e1";
    card.department = "经信局";
    card.issued_on = "2026-12-01";
    card.rectify_by = "2027-06-01";
    return card;
}

Enterprise newEnterprise(const std::string &id, const std::string &code)
{
    Enterprise e;
    e.id = id;
    e.credit_code = code;
    e.name = "Plant " + id;
    e.region_id = "r1";
    e.industry = "foundry";
    e.address = "1 Road";
    e.location = Position{30.25, 120.125, 8.5};
    return e;
}

std::vector<std::string> kinds(const std::vector<JournalEntry> &entries)
{
    std::vector<std::string> out;
    for (const auto &e : entries)
        out.push_back(e.kind);
    return out;
}

/// Opens a transaction on `conninfo` that runs `firstInsert` and stays open while `second`
/// (another connection's whole transaction) runs on a thread; commits once `second` has either
/// finished or waits for a lock (at most 10 s), then waits for it. The second's transaction
/// commits after the first's when it had to wait, and before it when it could overtake.
/// Returns "" or what went wrong.
std::string holdOneTransactionWhileAnotherRuns(const std::string &conninfo,
                                               const std::string &firstInsert,
                                               const std::function<void()> &second)
{
    std::string problem;
    std::atomic<bool> done{false};
    std::thread other;
    try {
        PgConnection first(conninfo);
        PgConnection watch(conninfo);
        PgTransaction open(first);
        first.exec(firstInsert);
        other = std::thread([&] {
            try {
                second();
            } catch (const std::exception &e) {
                problem = e.what();
            }
            done = true;
        });
        for (int i = 0; i < 100 && !done; ++i) {
            if (watch
                    .exec("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                          "current_database() AND wait_event_type = 'Lock'")
                    .integer(0, 0) > 0)
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        open.commit();
    } catch (const std::exception &e) {
        problem = e.what();
    }
    if (other.joinable())
        other.join();
    return problem;
}

} // namespace

class TestJournalContract : public StoreContractTest
{
    Q_OBJECT

    std::unique_ptr<JournalStore> m_journal;

  private slots:
    void init()
    {
        QVERIFY2(m_backend->newOffice(kEnterpriseAndInspection),
                 qPrintable(m_backend->errorText()));
        m_journal = m_backend->openJournal();
    }

    void cleanup() { m_journal.reset(); }

    void entriesAreFilteredAndPaged()
    {
        JournalStore &store = *m_journal;
        QVERIFY(store.journal({}).empty());
        const std::int64_t first =
            store.appendJournal(entry("2026-12-01T08:00:00.000Z", "li", "task.added", "t1"));
        store.appendJournal(entry("2026-12-02T08:00:00.000Z", "admin", "account.added", "wu"));
        store.appendJournal(entry("2026-12-03T08:00:00.000Z", "li", "task.removed", "t1"));
        store.appendJournal(entry("2026-12-03T09:00:00.000Z", "li", "plan.imported", ""));
        QVERIFY(first > 0);

        const auto all = store.journal({});
        QCOMPARE(all.size(), std::size_t(4));
        QCOMPARE(all.front().kind, std::string("plan.imported")); // newest first
        QCOMPARE(all.back().seq, first);
        QCOMPARE(all.back().detail, std::string("{\"n\":1}"));

        JournalFilter f;
        f.account = "li";
        QCOMPARE(kinds(store.journal(f)),
                 (std::vector<std::string>{"plan.imported", "task.removed", "task.added"}));
        f.kind = "task"; // a family
        QCOMPARE(kinds(store.journal(f)), (std::vector<std::string>{"task.removed", "task.added"}));
        f.kind = "task.added";
        QCOMPARE(kinds(store.journal(f)), (std::vector<std::string>{"task.added"}));
        f.kind = "tas"; // not a family: no prefix match
        QVERIFY(store.journal(f).empty());

        JournalFilter days;
        days.from = "2026-12-02";
        days.to = "2026-12-02";
        QCOMPARE(kinds(store.journal(days)), (std::vector<std::string>{"account.added"}));
        days.to = "2026-12-03";
        QCOMPARE(store.journal(days).size(), std::size_t(3));

        JournalFilter about;
        about.enterprise_id = "e1";
        QVERIFY(store.journal(about).empty());
        JournalEntry withEnterprise = entry("2026-12-04T08:00:00.000Z", "li", "tipoff.added", "");
        withEnterprise.enterprise_id = "e1";
        withEnterprise.detail.clear(); // stored as an empty object
        store.appendJournal(withEnterprise);
        QCOMPARE(store.journal(about).size(), std::size_t(1));
        QCOMPARE(store.journal(about).front().detail, std::string("{}"));

        // Pages: two at a time, each continuing below the last seq of the one before.
        JournalFilter page;
        page.limit = 2;
        const auto one = store.journal(page);
        QCOMPARE(one.size(), std::size_t(2));
        page.before = one.back().seq;
        const auto two = store.journal(page);
        QCOMPARE(two.size(), std::size_t(2));
        QVERIFY(two.front().seq < one.back().seq);
        page.before = two.back().seq;
        const auto three = store.journal(page);
        QCOMPARE(three.size(), std::size_t(1));
        page.before = three.back().seq;
        QVERIFY(store.journal(page).empty());
    }

    void theJournalRefusesUpdateAndDelete()
    {
        m_journal->appendJournal(entry("2026-12-01T08:00:00.000Z", "li", "task.added", "t1"));
        QVERIFY(!m_backend->execSql("UPDATE office_journal SET account = 'someone else'"));
        QVERIFY(!m_backend->execSql("DELETE FROM office_journal"));
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM office_journal WHERE account = 'li'"), 1);
        // Appending stays allowed.
        QVERIFY2(m_backend->execSql(
                     "INSERT INTO office_journal (at, account, kind) VALUES ('t', 'a', 'k')"),
                 qPrintable(m_backend->errorText()));
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM office_journal"), 2);
    }

    void cardChangesAreJournalledWithTheChange()
    {
        auto plan = m_backend->openPlan();
        Card card = yellowCard();
        plan->addCard(card, CardChange{"2026-12-01T10:00:00.000Z", "li", "issued", {}});
        card.state = CardState::Rectified;
        plan->updateCard(card, CardChange{"2026-12-02T10:00:00.000Z", "wang", "rectified", {}});
        card.state = CardState::Withdrawn;
        plan->updateCard(card, CardChange{"2026-12-03T10:00:00.000Z",
                                          "admin",
                                          "withdrawn: issued to the wrong plant",
                                          {}});

        const auto all = m_journal->journal({});
        QCOMPARE(kinds(all),
                 (std::vector<std::string>{"card.withdrawn", "card.rectified", "card.issued"}));
        const JournalEntry &withdrawn = all[0];
        QCOMPARE(withdrawn.account, std::string("admin"));
        QCOMPARE(withdrawn.target, std::string("c1"));
        QCOMPARE(withdrawn.summary, std::string("issued to the wrong plant"));
        const Json wd = Json::parse(withdrawn.detail);
        QCOMPARE(wd["before"]["state"], "rectified");
        QCOMPARE(wd["after"]["state"], "withdrawn");
        QCOMPARE(all[1].summary, std::string());
        const Json issued = Json::parse(all[2].detail);
        QVERIFY(issued["before"].is_null());
        QCOMPARE(issued["after"]["id"], "c1");
        QCOMPARE(all[2].enterprise_id, std::string("e1"));
        QCOMPARE(all[2].account, std::string("li"));

        JournalFilter byEnterprise;
        byEnterprise.enterprise_id = "e1";
        QCOMPARE(m_journal->journal(byEnterprise).size(), std::size_t(3));

        // A refused change journals nothing.
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 plan->addCard(card, CardChange{"now", "x", "issued", {}}));
        QCOMPARE(m_journal->journal({}).size(), std::size_t(3));
    }

    void reviewsAreJournalledWithTheDecision()
    {
        // The review port is another one's (ReviewStore); checked where the back end has it.
        auto *reviews = dynamic_cast<ReviewStore *>(m_journal.get());
        if (!reviews)
            QSKIP("this back end has no ReviewStore yet");
        reviews->setReview("i1", ReviewState::Returned, "blurred", "2026-12-03T11:00:00.000Z",
                           "zhao");
        const auto all = m_journal->journal({});
        QCOMPARE(kinds(all), (std::vector<std::string>{"review.returned"}));
        const JournalEntry &review = all[0];
        QCOMPARE(review.account, std::string("zhao"));
        QCOMPARE(review.target, std::string("i1"));
        QCOMPARE(review.enterprise_id, std::string("e1"));
        QCOMPARE(review.summary, std::string("blurred"));
        const Json rd = Json::parse(review.detail);
        QCOMPARE(rd["before"], "received");
        QCOMPARE(rd["after"], "returned");
        reviews->setReview("i1", ReviewState::Accepted, {}, "2026-12-03T12:00:00.000Z", "zhao");
        QCOMPARE(Json::parse(m_journal->journal({}).front().detail)["before"], "returned");

        // A refused change journals nothing.
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 reviews->setReview("nope", ReviewState::Accepted, {}, "now", "x"));
        QCOMPARE(m_journal->journal({}).size(), std::size_t(2));
    }

    void anEnterpriseIsAddedAndLoggedForThePull()
    {
        auto enterprises = m_backend->openEnterprises();
        auto plan = m_backend->openPlan();
        const std::int64_t logged = plan->countRows("change_log");
        const Enterprise added = newEnterprise("e2", "C2");
        QCOMPARE(enterprises->addEnterprise(added).id, std::string("e2"));
        const auto found = plan->findEnterprise("e2");
        QVERIFY(found);
        QCOMPARE(*found, added);
        QCOMPARE(plan->countRows("change_log"), logged + 1);
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM change_log WHERE type = 'enterprise' AND "
                                   "row_id = 'e2' AND region_id = 'r1' AND enterprise_id = 'e2'"),
                 1);

        Enterprise bare = newEnterprise("e3", "C3");
        bare.location.reset();
        enterprises->addEnterprise(bare);
        QVERIFY(!plan->findEnterprise("e3")->location);
    }

    void aTakenCreditCodeOrAnUnknownRegionChangesNothing()
    {
        auto enterprises = m_backend->openEnterprises();
        auto plan = m_backend->openPlan();
        const std::int64_t logged = plan->countRows("change_log");
        try {
            enterprises->addEnterprise(newEnterprise("e2", "C1"));
            QFAIL("a taken credit code was accepted");
        } catch (const StoreRuleError &e) {
            QCOMPARE(std::string(e.what()), std::string("the credit code C1 is already the "
                                                        "enterprise 'E'"));
        }
        Enterprise elsewhere = newEnterprise("e2", "C2");
        elsewhere.region_id = "nowhere";
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, enterprises->addEnterprise(elsewhere));
        QVERIFY(!plan->findEnterprise("e2"));
        QCOMPARE(plan->countRows("enterprise"), std::int64_t(1));
        QCOMPARE(plan->countRows("change_log"), logged);
    }

    void twoServersAddingOneCreditCodeAddItOnce()
    {
        // Two stores on one database, as two server processes: each adds the same credit code
        // under its own id, at once, several rounds. Exactly one of each pair wins.
        auto a = m_backend->openEnterprises();
        auto b = m_backend->openEnterprises();
        constexpr int kRounds = 8;
        RaceTally<StoreRuleError> tally;
        for (int round = 0; round < kRounds; ++round) {
            const std::string code = "R" + std::to_string(round);
            const std::string n = std::to_string(round);
            tally.race([&] { a->addEnterprise(newEnterprise("a" + n, code)); },
                       [&] { b->addEnterprise(newEnterprise("b" + n, code)); });
        }
        QVERIFY2(tally.failed == 0, tally.firstFailure().c_str());
        QCOMPARE(tally.done.load(), kRounds);
        QCOMPARE(tally.refused.load(), kRounds);
        auto plan = m_backend->openPlan();
        QCOMPARE(plan->countRows("enterprise"), std::int64_t(1 + kRounds));
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM change_log WHERE type = 'enterprise'"),
                 kRounds);
        QCOMPARE(m_backend->commitOrderProblem(), QString());
    }

    // Two servers journalling at once on PostgreSQL: the first's entry is inserted and its
    // transaction stays open while the second's appendJournal runs. A reader paging down from
    // the newest entry sees both, numbered in the order they committed; before schema v10 the
    // second committed the higher number while the first's lower one was still to come.
    void journalNumbersFollowTheCommitOrder()
    {
        const std::string conninfo = m_backend->conninfo();
        if (conninfo.empty())
            QSKIP("SQLite has one writer at a time: numbers follow commits by construction");
        const auto second = m_backend->openJournal();
        const std::string problem = holdOneTransactionWhileAnotherRuns(
            conninfo,
            "INSERT INTO office_journal (at, account, kind, target) VALUES "
            "('2026-12-03T09:00:00.000Z', 'li', 'task.added', 'first')",
            [&] {
                second->appendJournal(
                    entry("2026-12-03T09:00:01.000Z", "wu", "task.added", "second"));
            });
        QVERIFY2(problem.empty(), problem.c_str());
        JournalFilter top;
        top.limit = 1;
        const auto newest = m_journal->journal(top);
        QCOMPARE(newest.size(), std::size_t(1));
        top.before = newest.front().seq;
        const auto next = m_journal->journal(top);
        QCOMPARE(next.size(), std::size_t(1));
        QCOMPARE(newest.front().target, std::string("second")); // committed last
        QCOMPARE(next.front().target, std::string("first"));
        QCOMPARE(m_backend->commitOrderProblem(), QString());
    }

    // The same for the push audit's rejections (ReportStore::rejectedPushes pages by number).
    void auditNumbersFollowTheCommitOrder()
    {
        const std::string conninfo = m_backend->conninfo();
        if (conninfo.empty())
            QSKIP("SQLite has one writer at a time: numbers follow commits by construction");
        const auto reports = m_backend->openReports();
        const auto audit = [](const std::string &item) {
            return "INSERT INTO push_audit (received_at, device_id, batch_id, type, item_id, "
                   "version, content_hash, status, code, reason, device_time, data) VALUES "
                   "('2026-12-03T09:00:00.000Z', 'd1', 'b1', 'inspection', '" +
                   item +
                   "', 1, 'h', 'rejected', 'invalid', 'test', '2026-12-03T08:00:00.000Z', '{}')";
        };
        const std::string problem =
            holdOneTransactionWhileAnotherRuns(conninfo, audit("first"), [&] {
                PgConnection other(conninfo);
                other.exec(audit("second"));
            });
        QVERIFY2(problem.empty(), problem.c_str());
        const auto newest = reports->rejectedPushes("", 0, 1);
        QCOMPARE(newest.size(), std::size_t(1));
        const auto next = reports->rejectedPushes("", newest.front().seq, 1);
        QCOMPARE(next.size(), std::size_t(1));
        QCOMPARE(newest.front().item_id, std::string("second")); // committed last
        QCOMPARE(next.front().item_id, std::string("first"));
        QCOMPARE(m_backend->commitOrderProblem(), QString());
    }

    void anOlderOfficesHistoryIsCopiedInWhenItUpgrades()
    {
        if (m_backend->name() != QLatin1String("sqlite"))
            QSKIP("the SQLite office's older steps; PostgreSQL's are tst_pgschema's");
        QTemporaryDir tmp;
        const std::filesystem::path file = tmp.path().toStdString() + "/office.db";
        {
            Database db(file);
            migrate(db, officeSchemaSteps(), "office", 7);
            db.execScript(kEnterpriseAndInspection);
            db.execScript(
                "INSERT INTO card_history (card_id, at, by, action, card) VALUES "
                "('c1', '2026-11-01T08:00:00.000Z', 'li', 'issued', "
                "'{\"id\":\"c1\",\"enterprise_id\":\"e1\",\"state\":\"open\"}'),"
                "('c1', '2026-11-03T08:00:00.000Z', 'cli', 'closed_by_law', "
                "'{\"id\":\"c1\",\"enterprise_id\":\"e1\",\"state\":\"closed_by_law\"}');"
                "INSERT INTO review_history (inspection_id, state, reason, reviewed_at, "
                "reviewed_by) VALUES ('i1', 'accepted', '', '2026-11-02T08:00:00.000Z', 'wang');");
        }
        SqliteOfficeStore store(file);
        const auto all = store.journal({});
        // Oldest first in the journal's order, so newest first here.
        QCOMPARE(kinds(all), (std::vector<std::string>{"card.closed_by_law", "review.accepted",
                                                       "card.issued"}));
        QCOMPARE(all[0].account, std::string("cli"));
        QCOMPARE(Json::parse(all[0].detail)["before"]["state"], "open");
        QCOMPARE(all[1].account, std::string("wang"));
        QCOMPARE(all[1].enterprise_id, std::string("e1"));
        Database db(file);
        QCOMPARE(db.userVersion(), std::int64_t(officeSchemaSteps().size()));
    }
};

QTEST_GUILESS_MAIN(TestJournalContract)
#include "tst_journalcontract.moc"
