// The office journal's storage without a server (issue 14 item 6; office schema v8): entries
// appended and read back through the filters and pages, card changes and review decisions
// journalled by the store with the change, what an older office already held copied in when it
// upgrades, and UPDATE and DELETE refused by the schema itself.

#include "core/json.h"
#include "db/migrations.h"
#include "server/storage/officeschema.h"
#include "server/storage/sqliteofficestore.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fp;

namespace {

std::int64_t scalar(Database &db, const std::string &sql)
{
    Statement s(db, sql);
    s.step();
    return s.integer(0);
}

/// A region, an enterprise e1 in it, and a final inspection i1 of e1 waiting for review.
void addEnterpriseAndInspection(Database &db)
{
    db.execScript("INSERT INTO region (id, name, kind) VALUES ('r1', 'R', 'town');"
                  "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES "
                  "('e1', 'C1', 'E', 'r1');"
                  "INSERT INTO inspection (id, version, state, enterprise_id, kind, device_id, "
                  "content_hash, data, device_time, received_at) VALUES ('i1', 2, 'final', 'e1', "
                  "'survey', 'd1', '', '{\"id\":\"i1\"}', '2026-12-01T08:00:00.000Z', "
                  "'2026-12-01T09:00:00.000Z');"
                  "INSERT INTO review (inspection_id, state, reason, reviewed_at) VALUES ('i1', "
                  "'received', '', '2026-12-01T09:00:00.000Z');");
}

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

std::vector<std::string> kinds(const std::vector<JournalEntry> &entries)
{
    std::vector<std::string> out;
    for (const auto &e : entries)
        out.push_back(e.kind);
    return out;
}

} // namespace

class TestJournalStore : public QObject
{
    Q_OBJECT

  private slots:
    void entriesAreFilteredAndPaged()
    {
        QTemporaryDir tmp;
        SqliteOfficeStore store(tmp.path().toStdString() + "/office.db");
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
        QVERIFY(store.journal(page).empty());
    }

    void theJournalRefusesUpdateAndDelete()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.path().toStdString() + "/office.db";
        SqliteOfficeStore store(file);
        store.appendJournal(entry("2026-12-01T08:00:00.000Z", "li", "task.added", "t1"));
        Database db(file);
        QVERIFY_THROWS_EXCEPTION(
            std::exception, db.execScript("UPDATE office_journal SET account = 'someone else'"));
        QVERIFY_THROWS_EXCEPTION(std::exception, db.execScript("DELETE FROM office_journal"));
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM office_journal WHERE account = 'li'"), 1);
        // Appending stays allowed.
        db.execScript("INSERT INTO office_journal (at, account, kind) VALUES ('t', 'a', 'k')");
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM office_journal"), 2);
    }

    void cardChangesAndReviewsAreJournalledWithTheChange()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.path().toStdString() + "/office.db";
        SqliteOfficeStore store(file);
        {
            Database db(file);
            addEnterpriseAndInspection(db);
        }
        Card card = yellowCard();
        store.addCard(card, CardChange{"2026-12-01T10:00:00.000Z", "li", "issued", {}});
        card.state = CardState::Rectified;
        store.updateCard(card, CardChange{"2026-12-02T10:00:00.000Z", "wang", "rectified", {}});
        card.state = CardState::Withdrawn;
        store.updateCard(card, CardChange{"2026-12-03T10:00:00.000Z",
                                          "admin",
                                          "withdrawn: issued to the wrong plant",
                                          {}});
        store.setReview("i1", ReviewState::Returned, "blurred", "2026-12-03T11:00:00.000Z", "zhao");

        const auto all = store.journal({});
        QCOMPARE(kinds(all), (std::vector<std::string>{"review.returned", "card.withdrawn",
                                                       "card.rectified", "card.issued"}));
        const JournalEntry &review = all[0];
        QCOMPARE(review.account, std::string("zhao"));
        QCOMPARE(review.target, std::string("i1"));
        QCOMPARE(review.enterprise_id, std::string("e1"));
        QCOMPARE(review.summary, std::string("blurred"));
        const Json rd = Json::parse(review.detail);
        QCOMPARE(rd["before"], "received");
        QCOMPARE(rd["after"], "returned");

        const JournalEntry &withdrawn = all[1];
        QCOMPARE(withdrawn.account, std::string("admin"));
        QCOMPARE(withdrawn.summary, std::string("issued to the wrong plant"));
        const Json wd = Json::parse(withdrawn.detail);
        QCOMPARE(wd["before"]["state"], "rectified");
        QCOMPARE(wd["after"]["state"], "withdrawn");
        const Json issued = Json::parse(all[3].detail);
        QVERIFY(issued["before"].is_null());
        QCOMPARE(issued["after"]["id"], "c1");
        QCOMPARE(all[3].enterprise_id, std::string("e1"));

        JournalFilter byEnterprise;
        byEnterprise.enterprise_id = "e1";
        QCOMPARE(store.journal(byEnterprise).size(), std::size_t(4));

        // A refused change journals nothing.
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 store.setReview("nope", ReviewState::Accepted, {}, "now", "x"));
        QCOMPARE(store.journal({}).size(), std::size_t(4));
    }

    void anOlderOfficesHistoryIsCopiedInWhenItUpgrades()
    {
        QTemporaryDir tmp;
        const std::filesystem::path file = tmp.path().toStdString() + "/office.db";
        {
            Database db(file);
            migrate(db, officeSchemaSteps(), "office", 7);
            addEnterpriseAndInspection(db);
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

QTEST_GUILESS_MAIN(TestJournalStore)
#include "tst_journalstore.moc"
