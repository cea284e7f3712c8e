// The PlanStore contract (issue 18 item 2): one set of test functions, run once against each
// back end (storebackend.h: ctest tst_plancontract on SQLite and, label postgresql,
// tst_plancontract_postgresql). Only the ports are used: the plan, cards and tasks through
// PlanStore, the accounts a task names through AccountStore. The last functions run two stores
// on one database at once, as two server processes do.

#include "contractkit.h"

#include "server/domain/staleversion.h"
#include "server/domain/storeruleerror.h"

#include <QTest>

#include <atomic>
#include <mutex>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

constexpr const char *kAt = "2026-12-03T08:00:00.000Z";

PlanEntry entry(const std::string &region, const std::string &code, const std::string &name,
                const std::string &key, int count = 1)
{
    PlanEntry e;
    e.region = Region{"r-" + region, region, RegionKind::Town};
    e.enterprise.id = "e-" + code;
    e.enterprise.credit_code = code;
    e.enterprise.name = name;
    e.enterprise.industry = "foundry";
    e.equipment.id = "q-" + key;
    e.equipment.kind = "中频炉";
    e.equipment.spec = "2t";
    e.equipment.count = count;
    e.equipment.capacity = Capacity{0.1 + count, "t"};
    e.equipment.plan_year = 2026;
    e.equipment.dismantle_deadline = "2026-12-31";
    e.natural_key = key;
    e.line = count;
    return e;
}

Card card(const std::string &id, const std::string &enterpriseId)
{
    Card c;
    c.id = id;
    c.enterprise_id = enterpriseId;
    c.standard = CardStandard::Energy;
    c.level = CardLevel::Yellow;
    c.department = "经信局";
    c.issued_on = "2026-11-01";
    c.rectify_by = "2026-12-01";
    return c;
}

using Names = std::vector<std::string>;

} // namespace

class TestPlanContract : public StoreContractTest
{
    Q_OBJECT

    std::unique_ptr<PlanStore> m_plan;

    std::int64_t logged() { return m_plan->countRows("change_log"); }

  private slots:
    void init()
    {
        QVERIFY2(m_backend->newOffice(kEmptyOffice), qPrintable(m_backend->errorText()));
        m_plan = m_backend->openPlan();
    }

    void cleanup() { m_plan.reset(); }

    void anImportAddsThenUpdatesByNaturalKey()
    {
        const std::vector<PlanEntry> sheet{entry("east", "C1", "Zeta Foundry", "k1"),
                                           entry("east", "C1", "Zeta Foundry", "k2", 3),
                                           entry("West", "C2", "alpha Glass", "k3")};
        QCOMPARE(m_plan->importPlan(sheet), (PlanImportCounts{2, 2, 0, 3, 0, 0}));
        QCOMPARE(logged(), std::int64_t(7));
        QCOMPARE(m_plan->importPlan(sheet), (PlanImportCounts{0, 0, 0, 0, 0, 3}));
        QCOMPARE(logged(), std::int64_t(7)); // nothing changed, nothing logged

        auto changed = sheet;
        changed[1].equipment.count = 4;
        changed[2].enterprise.address = "1 Glass Road";
        QCOMPARE(m_plan->importPlan(changed), (PlanImportCounts{0, 0, 1, 0, 1, 2}));
        QCOMPARE(logged(), std::int64_t(9));

        // Byte order, as SQLite sorts: "West" before "east".
        Names regions;
        for (const auto &r : m_plan->listRegions())
            regions.push_back(r.name);
        QCOMPARE(regions, (Names{"West", "east"}));
        Names enterprises;
        for (const auto &e : m_plan->listEnterprises())
            enterprises.push_back(e.credit_code);
        QCOMPARE(enterprises, (Names{"C2", "C1"}));
        const auto c2 = m_plan->findEnterpriseByCode("C2");
        QVERIFY(c2);
        QCOMPARE(c2->address, std::string("1 Glass Road"));
        QCOMPARE(c2->region_id, std::string("r-West"));
        QCOMPARE(m_plan->findEnterprise("e-C2")->name, std::string("alpha Glass"));
        QVERIFY(!m_plan->findEnterprise("e-C9"));
        QCOMPARE(m_plan->findRegionByName("east")->id, std::string("r-east"));
        QVERIFY(!m_plan->findRegionByName("East"));
        QCOMPARE(m_plan->countRows("equipment"), std::int64_t(3));
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_plan->countRows("card_history; --"));
    }

    void aMovedEnterpriseLogsWhatMovesWithIt()
    {
        m_plan->importPlan(
            {entry("east", "C1", "Zeta Foundry", "k1"), entry("West", "C2", "alpha Glass", "k2")});
        m_plan->addCard(card("c-1", "e-C1"), CardChange{kAt, "olga", "issued", {}});
        const std::int64_t before = logged();
        // C1 moves to West: the enterprise, its equipment and its card each get an entry.
        QCOMPARE(m_plan->importPlan({entry("West", "C1", "Zeta Foundry", "k1")}),
                 (PlanImportCounts{0, 0, 1, 0, 0, 1}));
        QCOMPARE(logged(), before + 3);
        QCOMPARE(m_plan->findEnterpriseByCode("C1")->region_id, std::string("r-West"));
    }

    void cardsKeepTheirHistoryAndRefuseAStaleChange()
    {
        m_plan->importPlan({entry("east", "C1", "Zeta Foundry", "k1")});
        Card c = card("c-1", "e-C1");
        m_plan->addCard(c, CardChange{kAt, "olga", "issued", {}});
        QVERIFY_THROWS_EXCEPTION(
            StoreRuleError, m_plan->addCard(card("c-2", "e-C9"), CardChange{kAt, "olga", "x", {}}));
        QCOMPARE(*m_plan->findCard("c-1"), c);

        c.extended_to = "2027-01-15";
        c.extension_applied_on = "2026-11-20";
        c.extension_reason = "parts on order";
        m_plan->updateCard(c, CardChange{"2026-12-03T09:00:00.000Z", "pat", "extended", {}}, {}, 1);
        QCOMPARE(*m_plan->findCard("c-1"), c);
        try {
            m_plan->updateCard(c, CardChange{kAt, "quinn", "rectified", {}}, {}, 1);
            QFAIL("a stale version was accepted");
        } catch (const StaleVersionError &e) {
            QCOMPARE(e.current(), std::int64_t(2));
            QCOMPARE(e.last().by, std::string("pat"));
            QCOMPARE(e.last().action, std::string("extended"));
        }
        // Closed by law, producing a red card.
        Card red = card("c-2", "e-C1");
        red.level = CardLevel::Red;
        red.source_card_id = "c-1";
        red.rectify_by.reset();
        c.state = CardState::ClosedByLaw;
        m_plan->updateCard(c, CardChange{"2026-12-04T09:00:00.000Z", "olga", "closed_by_law", {}},
                           red, 2);
        const auto history = m_plan->cardHistory("c-1");
        QCOMPARE(history.size(), std::size_t(3));
        QCOMPARE(history[0].action, std::string("issued"));
        QCOMPARE(history[1].by, std::string("pat"));
        QCOMPARE(history[2].card, c);
        QCOMPARE(m_plan->cardHistory("c-2").front().action, std::string("produced"));
        QCOMPARE(*m_plan->findCard("c-2"), red);
        QVERIFY_THROWS_EXCEPTION(
            StoreRuleError,
            m_plan->updateCard(card("c-9", "e-C1"), CardChange{kAt, "olga", "extended", {}}));
        // The plan's three rows; the card issued, extended, closed, and the red card it produced.
        QCOMPARE(logged(), std::int64_t(3 + 4));
    }

    void tasksNameInspectorsWhoSeeTheEnterprise()
    {
        m_plan->importPlan(
            {entry("east", "C1", "Zeta Foundry", "k1"), entry("West", "C2", "alpha Glass", "k2")});
        auto accounts = m_backend->openAccounts();
        accounts->addUser(UserAccount{"u-ann", "ann", Role::Inspector, "h"}, {{"east"}, {}});
        accounts->addUser(UserAccount{"u-bob", "bob", Role::Inspector, "h"}, {{"West"}, {}});
        const auto refused = [&](const Task &t) {
            try {
                m_plan->addTask(t);
            } catch (const StoreRuleError &) {
                return true;
            }
            return false;
        };
        QVERIFY(refused(Task{"t-1", "e-C1", VisitKind::Survey, "2026-12-20", {"nobody"}}));
        QVERIFY(refused(Task{"t-1", "e-C1", VisitKind::Survey, "2026-12-20", {"bob"}}));
        QVERIFY(refused(Task{"t-1", "e-C1", VisitKind::Survey, "2026-12-20", {}}));
        QVERIFY(refused(Task{"t-1", "e-C9", VisitKind::Survey, "2026-12-20", {"ann"}}));
        QCOMPARE(m_plan->countRows("task"), std::int64_t(0));

        m_plan->addTask(Task{"t-2", "e-C2", VisitKind::Recheck, "2026-12-21", {"bob"}});
        m_plan->addTask(Task{"t-1", "e-C1", VisitKind::Survey, "2026-12-20", {"ann", "ann"}});
        const auto tasks = m_plan->listTasks();
        QCOMPARE(tasks.size(), std::size_t(2));
        QCOMPARE(tasks[0], (Task{"t-1", "e-C1", VisitKind::Survey, "2026-12-20", {"ann"}}));
        QCOMPARE(tasks[1].inspectors, Names{"bob"});
        const std::int64_t before = logged();
        m_plan->removeTask("t-1");
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, m_plan->removeTask("t-1"));
        QCOMPARE(logged(), before + 1);
        QCOMPARE(m_plan->countRows("task_inspector"), std::int64_t(1));
    }

    void twoServersImportingOneSheetAddEachRowOnce()
    {
        std::vector<PlanEntry> sheet;
        for (int i = 0; i < 60; ++i)
            sheet.push_back(entry("town" + std::to_string(i % 6), "C" + std::to_string(i % 20),
                                  "Works " + std::to_string(i % 20), "k" + std::to_string(i)));
        // Each enterprise in one town only: the first line decides.
        for (auto &e : sheet)
            e.region = sheet[std::size_t(std::stoi(e.enterprise.credit_code.substr(1)))].region;
        auto other = m_backend->openPlan();
        std::mutex mutex;
        std::vector<std::string> errors;
        std::vector<PlanImportCounts> counts;
        const auto import = [&](PlanStore &store, std::vector<PlanEntry> lines) {
            try {
                const auto c = store.importPlan(lines);
                const std::lock_guard lock(mutex);
                counts.push_back(c);
            } catch (const std::exception &e) {
                const std::lock_guard lock(mutex);
                errors.emplace_back(e.what());
            }
        };
        std::thread a(import, std::ref(*m_plan), sheet);
        std::thread b(import, std::ref(*other),
                      std::vector<PlanEntry>(sheet.rbegin(), sheet.rend()));
        a.join();
        b.join();
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());
        QCOMPARE(counts.size(), std::size_t(2));
        QCOMPARE(counts[0].regions_added + counts[1].regions_added, 6);
        QCOMPARE(counts[0].enterprises_added + counts[1].enterprises_added, 20);
        QCOMPARE(counts[0].equipment_added + counts[1].equipment_added, 60);
        QCOMPARE(counts[0].enterprises_updated + counts[1].enterprises_updated, 0);
        QCOMPARE(logged(), std::int64_t(6 + 20 + 60));
        QCOMPARE(m_plan->countRows("equipment"), std::int64_t(60));
    }

    void twoClerksOnOneCardVersionOneWins()
    {
        m_plan->importPlan({entry("east", "C1", "Zeta Foundry", "k1")});
        m_plan->addCard(card("c-1", "e-C1"), CardChange{kAt, "olga", "issued", {}});
        auto other = m_backend->openPlan();
        const auto change = [&](PlanStore &store, const std::string &who) {
            Card c = card("c-1", "e-C1");
            c.extended_to = "2027-01-" + std::string(who == "pat" ? "10" : "20");
            store.updateCard(c, CardChange{kAt, who, "extended", {}}, {}, 1);
        };
        RaceTally<StaleVersionError> tally;
        tally.race([&] { change(*m_plan, "pat"); }, [&] { change(*other, "quinn"); });
        QVERIFY2(tally.failed == 0, tally.firstFailure().c_str());
        QCOMPARE(tally.done.load(), 1);
        QCOMPARE(tally.refused.load(), 1);
        const auto history = m_plan->cardHistory("c-1");
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(m_plan->findCard("c-1")->extended_to, history[1].card.extended_to);
    }
};

QTEST_GUILESS_MAIN(TestPlanContract)
#include "tst_plancontract.moc"
