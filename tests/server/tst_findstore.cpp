// On-site finds and tip-offs in the office store without a server (issue 14 items 2 and 3;
// office schema v9 and v10): a confirmed find becomes a plan row named after its check, logged
// for the pull, with its decision; a find is decided once; a tip-off gets one task in the same
// transaction as its link, and is closed once. The schema's own checks refuse what the store
// never writes.

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

/// A region R with enterprises e1 and e2 and one planned item q1 of e1; an inspector zhang who
/// sees R.
void seed(SqliteOfficeStore &store, const std::string &file)
{
    {
        Database db(file);
        db.execScript("INSERT INTO region (id, name, kind) VALUES ('r1', 'R', 'town');"
                      "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES "
                      "('e1', 'C1', 'E1', 'r1'), ('e2', 'C2', 'E2', 'r1');"
                      "INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, "
                      "count, capacity_value, capacity_unit, plan_year, action) VALUES ('q1', "
                      "'e1', 'k1', 7, '中频炉', 1, 1.5, '万吨/年', 2017, 'dismantle');");
    }
    store.addUser(UserAccount{"u1", "zhang", Role::Inspector, "x"}, ScopeSpec{{"R"}, {}});
}

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

class TestFindStore : public QObject
{
    Q_OBJECT

  private slots:
    void aConfirmedFindBecomesAPlanRowNamedAfterItsCheck()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.path().toStdString() + "/office.db";
        SqliteOfficeStore store(file);
        seed(store, file);
        Database db(file);
        const std::int64_t changes = scalar(db, "SELECT COUNT(*) FROM change_log");
        store.confirmFind(decision("c1"), foundItem("c1"));

        const auto plan = store.planList();
        QCOMPARE(plan.size(), std::size_t(2));
        QCOMPARE(plan[1].equipment.id, std::string("c1")); // after the sheet's row
        QCOMPARE(plan[1].equipment.kind, std::string("冲天炉"));
        QCOMPARE(plan[1].equipment.capacity.value, 2.0);
        Statement key(db, "SELECT natural_key, sheet_line FROM equipment WHERE id = 'c1'");
        QVERIFY(key.step());
        QCOMPARE(key.text(0), std::string("found:c1"));
        QCOMPARE(key.integer(1), std::int64_t(8));
        // The tablets of R pull it.
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM change_log"), changes + 1);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM change_log WHERE type = 'equipment' AND "
                            "row_id = 'c1' AND region_id = 'r1' AND enterprise_id = 'e1'"),
                 std::int64_t(1));
        const auto decisions = store.findDecisions();
        QCOMPARE(decisions.size(), std::size_t(1));
        QCOMPARE(decisions[0].state, std::string("confirmed"));
        QCOMPARE(decisions[0].equipment_id, std::string("c1"));
        QCOMPARE(decisions[0].decided_by, std::string("office"));
    }

    void aFindIsDecidedOnce()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.path().toStdString() + "/office.db";
        SqliteOfficeStore store(file);
        seed(store, file);
        SiteFindDecision dismissed = decision("c2");
        dismissed.reason = "是计划内设备 q1，编号抄错";
        store.dismissFind(dismissed);
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.confirmFind(decision("c2"), foundItem("c2")));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.dismissFind(dismissed));
        QCOMPARE(store.planList().size(), std::size_t(1)); // no row from the refused confirm
        store.confirmFind(decision("c3"), foundItem("c3"));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.confirmFind(decision("c3"), foundItem("c3")));
        SiteFindDecision late = decision("c3");
        late.reason = "重复";
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.dismissFind(late));
        QCOMPARE(store.findDecisions().size(), std::size_t(2));
        QCOMPARE(store.planList().size(), std::size_t(2));
        // A dismissal needs its reason; an unknown enterprise changes nothing.
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.dismissFind(decision("c4")));
        Equipment stray = foundItem("c5");
        stray.enterprise_id = "nope";
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, store.confirmFind(decision("c5"), stray));
        QCOMPARE(store.findDecisions().size(), std::size_t(2));
    }

    void theSchemaRefusesADecisionTheStoreNeverWrites()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.path().toStdString() + "/office.db";
        SqliteOfficeStore store(file);
        seed(store, file);
        Database db(file);
        const auto refused = [&](const std::string &values) {
            try {
                db.execScript("INSERT INTO site_find (check_id, inspection_id, enterprise_id, "
                              "state, equipment_id, reason, decided_at, decided_by) VALUES " +
                              values);
            } catch (const std::exception &) {
                return true;
            }
            return false;
        };
        QVERIFY(refused("('x1', 'i1', 'e1', 'dismissed', NULL, '', 't', 'o')"));  // no reason
        QVERIFY(refused("('x2', 'i1', 'e1', 'confirmed', NULL, '', 't', 'o')"));  // no row
        QVERIFY(refused("('x3', 'i1', 'e1', 'dismissed', 'q1', 'r', 't', 'o')")); // a row
        QVERIFY(refused("('x4', 'i1', 'e1', 'maybe', NULL, 'r', 't', 'o')"));
        QVERIFY(!refused("('x5', 'i1', 'e1', 'dismissed', NULL, 'r', 't', 'o')"));
        QVERIFY(refused("('x6', 'i1', 'e1', 'confirmed', 'q1', '', 't', 'o'), "
                        "('x7', 'i1', 'e1', 'confirmed', 'q1', '', 't', 'o')")); // one row once
        const auto badTipoff = [&](const std::string &channel) {
            try {
                db.execScript("INSERT INTO tipoff (id, received_on, channel, content, "
                              "enterprise_id, added_at, added_by) VALUES ('t', '2026-12-01', '" +
                              channel + "', 'c', 'e1', 'a', 'b')");
            } catch (const std::exception &) {
                return true;
            }
            return false;
        };
        QVERIFY(badTipoff("fax"));
        QVERIFY(!badTipoff("letter"));
        QVERIFY(scalar(db, "PRAGMA user_version") >= std::int64_t(officeSchemaSteps().size()));
    }

    void aTipoffGetsOneTaskAndClosesOnce()
    {
        QTemporaryDir tmp;
        const std::string file = tmp.path().toStdString() + "/office.db";
        SqliteOfficeStore store(file);
        seed(store, file);
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
        QVERIFY(store.listTasks().empty());
        QCOMPARE(store.findTipoff("t1")->task_id, std::string());

        store.addTipoffTask("t1", task("k1", "e1", "zhang"));
        QCOMPARE(store.findTipoff("t1")->task_id, std::string("k1"));
        QCOMPARE(store.listTasks().size(), std::size_t(1));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.addTipoffTask("t1", task("k2", "e1", "zhang")));
        // A task removed since leaves the tip-off free for a new one.
        store.removeTask("k1");
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
};

QTEST_GUILESS_MAIN(TestFindStore)
#include "tst_findstore.moc"
