// The FindStore and TipoffStore contract (issue 14 items 2 and 3; issue 18 item 2): one set of
// test functions, run once against each back end (storebackend.h: ctest tst_findcontract on
// SQLite and, label postgresql, tst_findcontract_postgresql). A confirmed find becomes a plan row
// named after its check, logged for the pull, with its decision; a find is decided once, also by
// two servers at once; a tip-off gets one task in the same transaction as its link (one also when
// two servers make one at once), and is closed once. The schema's own checks refuse what the
// store never writes.

#include "contractkit.h"

#include <QtTest>

#include <atomic>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

/// A region R with enterprises e1 and e2 and one planned item q1 of e1 (an inspector zhang who
/// sees R is added by init()).
constexpr const char *kSeed =
    "INSERT INTO region (id, name, kind) VALUES ('r1', 'R', 'town');"
    "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES "
    "('e1', 'C1', 'E1', 'r1'), ('e2', 'C2', 'E2', 'r1');"
    "INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, "
    "count, capacity_value, capacity_unit, plan_year, action) VALUES ('q1', "
    "'e1', 'k1', 7, '中频炉', 1, 1.5, '万吨/年', 2017, 'dismantle');";

SiteFindDecision decision(const std::string &checkId)
{
    SiteFindDecision d;
    d.check_id = checkId;
    d.inspection_id = "i1";
    d.enterprise_id = "e1";
    d.decided_at = "2026-12-03T08:00:00.000Z";
    d.decided_by = "office";
    return d;
}

Equipment foundItem(const std::string &checkId)
{
    Equipment q;
    q.id = checkId;
    q.enterprise_id = "e1";
    q.kind = "冲天炉";
    q.spec = "5吨";
    q.capacity = Capacity{2.0, "万吨/年"};
    q.plan_year = 2017;
    return q;
}

Tipoff tipoff(const std::string &id, const std::string &receivedOn)
{
    Tipoff t;
    t.id = id;
    t.received_on = receivedOn;
    t.channel = "phone";
    t.content = "夜间偷偷生产";
    t.enterprise_id = "e1";
    t.reporter_contact = "138-0000-0000";
    t.added_at = "2026-12-03T08:00:00.000Z";
    t.added_by = "office";
    return t;
}

Task task(const std::string &id, const std::string &enterpriseId, const std::string &inspector)
{
    return Task{id, enterpriseId, VisitKind::Survey, "2026-12-31", {inspector}};
}

} // namespace

class TestFindContract : public StoreContractTest
{
    Q_OBJECT

    std::unique_ptr<FindStore> m_finds;

    std::int64_t planRows() { return m_backend->scalar("SELECT COUNT(*) FROM equipment"); }

  private slots:
    void init()
    {
        QVERIFY2(m_backend->newOffice(kSeed), qPrintable(m_backend->errorText()));
        m_backend->openAccounts()->addUser(UserAccount{"u1", "zhang", Role::Inspector, "x"},
                                           ScopeSpec{{"R"}, {}});
        m_finds = m_backend->openFinds();
    }

    void cleanup() { m_finds.reset(); }

    void aConfirmedFindBecomesAPlanRowNamedAfterItsCheck()
    {
        const std::int64_t changes = m_backend->scalar("SELECT COUNT(*) FROM change_log");
        m_finds->confirmFind(decision("c1"), foundItem("c1"));

        QCOMPARE(planRows(), std::int64_t(2));
        // After the sheet's row, named after its check.
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM equipment WHERE id = 'c1' AND "
                                   "enterprise_id = 'e1' AND natural_key = 'found:c1' AND "
                                   "sheet_line = 8 AND kind = '冲天炉' AND spec = '5吨' AND "
                                   "capacity_value = 2.0 AND capacity_unit = '万吨/年' AND "
                                   "plan_year = 2017 AND action = 'dismantle'"),
                 std::int64_t(1));
        // The tablets of R pull it.
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM change_log"), changes + 1);
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM change_log WHERE type = 'equipment' AND "
                                   "row_id = 'c1' AND region_id = 'r1' AND enterprise_id = 'e1'"),
                 std::int64_t(1));
        const auto decisions = m_finds->findDecisions();
        QCOMPARE(decisions.size(), std::size_t(1));
        QCOMPARE(decisions[0].state, std::string("confirmed"));
        QCOMPARE(decisions[0].equipment_id, std::string("c1"));
        QCOMPARE(decisions[0].enterprise_id, std::string("e1"));
        QCOMPARE(decisions[0].inspection_id, std::string("i1"));
        QCOMPARE(decisions[0].decided_by, std::string("office"));
        // A second find of the enterprise comes after the first.
        m_finds->confirmFind(decision("c0"), foundItem("c0"));
        QCOMPARE(m_backend->scalar("SELECT sheet_line FROM equipment WHERE id = 'c0'"),
                 std::int64_t(9));
    }

    void aFindIsDecidedOnce()
    {
        FindStore &store = *m_finds;
        SiteFindDecision dismissed = decision("c2");
        dismissed.reason = "是计划内设备 q1，编号抄错";
        store.dismissFind(dismissed);
        try {
            store.confirmFind(decision("c2"), foundItem("c2"));
            QFAIL("a dismissed find was confirmed");
        } catch (const StoreRuleError &e) {
            QCOMPARE(std::string(e.what()),
                     std::string("the find c2 was dismissed already by office"));
        }
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.dismissFind(dismissed));
        QCOMPARE(planRows(), std::int64_t(1)); // no row from the refused confirm
        store.confirmFind(decision("c3"), foundItem("c3"));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.confirmFind(decision("c3"), foundItem("c3")));
        SiteFindDecision late = decision("c3");
        late.reason = "重复";
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.dismissFind(late));
        QCOMPARE(store.findDecisions().size(), std::size_t(2));
        QCOMPARE(planRows(), std::int64_t(2));
        // A dismissal needs its reason; an unknown enterprise changes nothing.
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.dismissFind(decision("c4")));
        Equipment stray = foundItem("c5");
        stray.enterprise_id = "nope";
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.confirmFind(decision("c5"), stray));
        QCOMPARE(store.findDecisions().size(), std::size_t(2));
        // Oldest first, then by check.
        SiteFindDecision early = decision("c9");
        early.decided_at = "2026-12-01T08:00:00.000Z";
        early.reason = "r";
        store.dismissFind(early);
        std::vector<std::string> order;
        for (const auto &d : store.findDecisions())
            order.push_back(d.check_id);
        QCOMPARE(order, (std::vector<std::string>{"c9", "c2", "c3"}));
    }

    void twoServersDecidingOneFindDecideItOnce()
    {
        // Two stores on one database, as two server processes: one confirms, the other
        // dismisses the same find at once, several rounds; and both confirm other finds of one
        // enterprise at once. Exactly one decision per find, each sheet line once.
        auto a = m_backend->openFinds();
        auto b = m_backend->openFinds();
        constexpr int kRounds = 6;
        RaceTally<StoreRuleError> tally;
        for (int round = 0; round < kRounds; ++round) {
            const std::string check = "x" + std::to_string(round);
            SiteFindDecision dismissal = decision(check);
            dismissal.reason = "r";
            tally.race([&] { a->confirmFind(decision(check), foundItem(check)); },
                       [&] { b->dismissFind(dismissal); });
            const std::string left = "y" + std::to_string(round);
            const std::string right = "z" + std::to_string(round);
            tally.race([&] { a->confirmFind(decision(left), foundItem(left)); },
                       [&] { b->confirmFind(decision(right), foundItem(right)); });
        }
        QVERIFY2(tally.failed == 0, tally.firstFailure().c_str());
        QCOMPARE(tally.refused.load(), kRounds);
        QCOMPARE(tally.done.load(), 3 * kRounds);
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM site_find"), std::int64_t(3 * kRounds));
        QCOMPARE(m_backend->scalar("SELECT COUNT(DISTINCT sheet_line) FROM equipment WHERE "
                                   "enterprise_id = 'e1'"),
                 planRows());
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM change_log WHERE type = 'equipment'"),
                 planRows() - 1);
        QCOMPARE(m_backend->commitOrderProblem(), QString());
    }

    void theSchemaRefusesADecisionTheStoreNeverWrites()
    {
        const auto refused = [&](const std::string &values) {
            return !m_backend->execSql("INSERT INTO site_find (check_id, inspection_id, "
                                       "enterprise_id, state, equipment_id, reason, decided_at, "
                                       "decided_by) VALUES " +
                                       values);
        };
        QVERIFY(refused("('x1', 'i1', 'e1', 'dismissed', NULL, '', 't', 'o')"));  // no reason
        QVERIFY(refused("('x2', 'i1', 'e1', 'confirmed', NULL, '', 't', 'o')"));  // no row
        QVERIFY(refused("('x3', 'i1', 'e1', 'dismissed', 'q1', 'r', 't', 'o')")); // a row
        QVERIFY(refused("('x4', 'i1', 'e1', 'maybe', NULL, 'r', 't', 'o')"));
        QVERIFY(refused("('x8', 'i1', 'e1', 'confirmed', 'nope', '', 't', 'o')")); // no such row
        QVERIFY(!refused("('x5', 'i1', 'e1', 'dismissed', NULL, 'r', 't', 'o')"));
        QVERIFY(refused("('x6', 'i1', 'e1', 'confirmed', 'q1', '', 't', 'o'), "
                        "('x7', 'i1', 'e1', 'confirmed', 'q1', '', 't', 'o')")); // one row once
        const auto badTipoff = [&](const std::string &channel) {
            return !m_backend->execSql("INSERT INTO tipoff (id, received_on, channel, content, "
                                       "enterprise_id, added_at, added_by) VALUES ('t', "
                                       "'2026-12-01', '" +
                                       channel + "', 'c', 'e1', 'a', 'b')");
        };
        QVERIFY(badTipoff("fax"));
        QVERIFY(!badTipoff("letter"));
    }

    void aTipoffGetsOneTaskAndClosesOnce()
    {
        auto tipoffs = m_backend->openTipoffs();
        auto plan = m_backend->openPlan();
        TipoffStore &store = *tipoffs;
        store.addTipoff(tipoff("t1", "2026-11-30"));
        store.addTipoff(tipoff("t2", "2026-12-01"));
        Tipoff stray = tipoff("t3", "2026-12-01");
        stray.enterprise_id = "nope";
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.addTipoff(stray));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.addTipoff(tipoff("t1", "2026-12-01")));

        // The task's own rules refuse: nothing is linked and no task is left behind.
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.addTipoffTask("t1", task("k0", "e1", "wu")));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.addTipoffTask("t1", task("k0", "e2", "zhang")));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.addTipoffTask("nope", task("k0", "e1", "zhang")));
        QVERIFY(plan->listTasks().empty());
        QCOMPARE(store.findTipoff("t1")->task_id, std::string());

        store.addTipoffTask("t1", task("k1", "e1", "zhang"));
        QCOMPARE(store.findTipoff("t1")->task_id, std::string("k1"));
        QCOMPARE(plan->listTasks().size(), std::size_t(1));
        // The task reaches zhang's tablet like any other.
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM change_log WHERE type = 'task' AND "
                                   "row_id = 'k1' AND assignees LIKE '%zhang%'"),
                 std::int64_t(1));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.addTipoffTask("t1", task("k2", "e1", "zhang")));
        // A task removed since leaves the tip-off free for a new one.
        plan->removeTask("k1");
        store.addTipoffTask("t1", task("k3", "e1", "zhang"));
        QCOMPARE(store.findTipoff("t1")->task_id, std::string("k3"));

        store.closeTipoff("t1", "i9", "发现计划外冲天炉一台", true, "2026-12-03");
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.closeTipoff("t1", "i9", "again", false, "2026-12-04"));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.addTipoffTask("t1", task("k4", "e1", "zhang")));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.closeTipoff("nope", "i9", "x", false, "2026-12-04"));
        const auto t1 = store.findTipoff("t1");
        QVERIFY(t1);
        QCOMPARE(t1->inspection_id, std::string("i9"));
        QCOMPARE(t1->outcome, std::string("发现计划外冲天炉一台"));
        QVERIFY(t1->unreported);
        QCOMPARE(t1->closed_on, std::string("2026-12-03"));
        QCOMPARE(t1->reporter_contact, std::string("138-0000-0000"));

        // Open first, then closed; newest received first within each.
        store.addTipoff(tipoff("t4", "2026-11-01"));
        std::vector<std::string> order;
        for (const auto &t : store.listTipoffs())
            order.push_back(t.id);
        QCOMPARE(order, (std::vector<std::string>{"t2", "t4", "t1"}));
    }

    void twoServersLinkingTasksToOneTipoffLinkOne()
    {
        // Two stores on one database, as two server processes: each makes a task from the same
        // open tip-off at once, several rounds; one task each time, the other refused whole.
        auto a = m_backend->openTipoffs();
        auto b = m_backend->openTipoffs();
        constexpr int kRounds = 6;
        RaceTally<StoreRuleError> tally;
        for (int round = 0; round < kRounds; ++round) {
            const std::string tip = "t" + std::to_string(round);
            const std::string n = std::to_string(round);
            a->addTipoff(tipoff(tip, "2026-12-01"));
            tally.race([&] { a->addTipoffTask(tip, task("a" + n, "e1", "zhang")); },
                       [&] { b->addTipoffTask(tip, task("b" + n, "e1", "zhang")); });
        }
        QVERIFY2(tally.failed == 0, tally.firstFailure().c_str());
        QCOMPARE(tally.done.load(), kRounds);
        QCOMPARE(tally.refused.load(), kRounds);
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM task"), std::int64_t(kRounds));
        QCOMPARE(m_backend->scalar("SELECT COUNT(*) FROM tipoff t JOIN task k ON k.id = "
                                   "t.task_id"),
                 std::int64_t(kRounds));
        QCOMPARE(m_backend->commitOrderProblem(), QString());
    }
};

QTEST_GUILESS_MAIN(TestFindContract)
#include "tst_findcontract.moc"
