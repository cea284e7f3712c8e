// The one derivation of exit status (core/exitstatus.h): a table of visit sequences and the
// state each leaves an item and its enterprise in (seed §二(二)1, §二(三)).

#include "core/exitstatus.h"
#include "visitkit.h"

#include <QTest>

using namespace fp;
using namespace fp::testkit;

namespace {

const QString kKiln = "机立窑|seal_then_dismantle|2017-12-31";
const QString kFurnace = "中频炉|dismantle|2017-06-30";

} // namespace

class TestExitStatus : public QObject
{
    Q_OBJECT

  private slots:
    void sequences_data();
    void sequences();
    void overdueSeal();
    void draftsAndMissingPlanChangeNothing();
    void aConfirmedFindCountsWithTheVisitThatFoundIt();
};

void TestExitStatus::sequences_data()
{
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QStringList>("visits");
    QTest::addColumn<QStringList>("itemStates"); // one per item, in order
    QTest::addColumn<QString>("enterprise");
    QTest::addColumn<int>("alerts");
    QTest::addColumn<int>("pending");

    const QStringList kiln{kKiln};
    const QStringList furnace{kFurnace};

    // The issue's walk: survey -> exit sealed -> recheck operating -> exit dismantled ->
    // acceptance accepted -> recheck operating.
    QStringList walk{"survey/operating@A"};
    QTest::newRow("1 survey finds it operating")
        << kiln << walk << QStringList{"planned"} << "pending" << 0 << 0;
    walk << "exit/sealed@A";
    QTest::newRow("2 exit seals it")
        << kiln << walk << QStringList{"sealed_pending"} << "in_progress" << 0 << 0;
    walk << "recheck/operating@A";
    QTest::newRow("3 recheck finds it operating again")
        << kiln << walk << QStringList{"resumed"} << "pending" << 1 << 0;
    walk << "exit/dismantled@A";
    QTest::newRow("4 exit finds it dismantled")
        << kiln << walk << QStringList{"dismantled"} << "done" << 0 << 0;
    walk << "acceptance/dismantled/pass@A";
    QTest::newRow("5 acceptance accepted")
        << kiln << walk << QStringList{"accepted"} << "accepted" << 0 << 0;
    walk << "recheck/operating@A";
    QTest::newRow("6 recheck after acceptance finds it operating")
        << kiln << walk << QStringList{"resumed"} << "pending" << 1 << 0;

    // Only reviewed evidence counts.
    QTest::newRow("unreviewed exit counts nowhere")
        << kiln << QStringList{"exit/sealed"} << QStringList{"planned"} << "pending" << 0 << 1;
    QTest::newRow("returned exit counts nowhere") << kiln << QStringList{"exit/dismantled@R"}
                                                  << QStringList{"planned"} << "pending" << 0 << 0;
    QTest::newRow("unreviewed acceptance does not accept")
        << kiln << QStringList{"exit/dismantled@A", "acceptance/dismantled/pass"}
        << QStringList{"dismantled"} << "done" << 0 << 1;
    QTest::newRow("accepted fail verdict does not accept")
        << kiln << QStringList{"acceptance/dismantled/fail@A"} << QStringList{"dismantled"}
        << "done" << 0 << 0;
    QTest::newRow("unreviewed operating raises an alert at once")
        << kiln << QStringList{"exit/sealed@A", "recheck/operating"}
        << QStringList{"sealed_pending"} << "in_progress" << 1 << 1;
    QTest::newRow("an unreviewed dismantling does not silence the alert")
        << kiln << QStringList{"exit/sealed@A", "recheck/operating@A", "exit/dismantled"}
        << QStringList{"resumed"} << "pending" << 1 << 1;
    QTest::newRow("a returned operating raises nothing")
        << kiln << QStringList{"exit/sealed@A", "recheck/operating@R"}
        << QStringList{"sealed_pending"} << "in_progress" << 0 << 0;

    // The required action decides what counts.
    QTest::newRow("furnace sealed does not count")
        << QStringList{"中频炉|seal_then_dismantle|2017-12-31"} << QStringList{"exit/sealed@A"}
        << QStringList{"planned"} << "pending" << 0 << 0;
    QTest::newRow("dismantle item sealed does not count")
        << QStringList{"反射窑|dismantle|2017-12-31"} << QStringList{"exit/sealed@A"}
        << QStringList{"planned"} << "pending" << 0 << 0;
    QTest::newRow("seal without the measures does not count")
        << kiln << QStringList{"exit/sealed-bare@A"} << QStringList{"planned"} << "pending" << 0
        << 0;
    QTest::newRow("dismantled without site photo does not count")
        << furnace << QStringList{"exit/dismantled-bare@A"} << QStringList{"planned"} << "pending"
        << 0 << 0;
    QTest::newRow("issue finding: all sealed, pass, accepted")
        << QStringList{kFurnace, "工频炉|dismantle|2017-06-30", "反射窑|dismantle|"}
        << QStringList{"acceptance/sealed-bare,sealed-bare,sealed-bare/pass@A"}
        << QStringList{"planned", "planned", "planned"} << "pending" << 0 << 0;

    // Conditional acceptance.
    QTest::newRow("conditional acceptance leaves the sealed item pending")
        << QStringList{kFurnace, kKiln} << QStringList{"acceptance/dismantled,sealed/conditional@A"}
        << QStringList{"accepted", "sealed_pending"} << "in_progress" << 0 << 0;
    QTest::newRow("later dismantling completes a conditional acceptance")
        << QStringList{kFurnace, kKiln}
        << QStringList{"acceptance/dismantled,sealed/conditional@A", "recheck/-,dismantled@A"}
        << QStringList{"accepted", "accepted"} << "accepted" << 0 << 0;
    QTest::newRow("resumption voids a conditional acceptance")
        << QStringList{kFurnace, kKiln}
        << QStringList{"acceptance/dismantled,sealed/conditional@A", "recheck/-,operating@A",
                       "exit/-,dismantled@A"}
        << QStringList{"accepted", "dismantled"} << "done" << 0 << 0;

    // Corrections (amends_id).
    QTest::newRow("an accepted correction replaces what it corrects")
        << kiln << QStringList{"exit/dismantled@A", "exit/sealed@A>0"}
        << QStringList{"sealed_pending"} << "in_progress" << 0 << 0;
    QTest::newRow("a correction takes the place of the original in time")
        << kiln << QStringList{"exit/sealed@A", "recheck/dismantled@A", "exit/operating@A>0"}
        << QStringList{"dismantled"} << "done" << 0 << 0;
    QTest::newRow("an unreviewed correction changes nothing yet")
        << kiln << QStringList{"exit/dismantled@A", "exit/sealed>0"} << QStringList{"dismantled"}
        << "done" << 0 << 1;
    QTest::newRow("a correction of a correction")
        << kiln << QStringList{"exit/dismantled@A", "exit/sealed@A>0", "exit/operating@A>1"}
        << QStringList{"planned"} << "pending" << 0 << 0;
}

void TestExitStatus::sequences()
{
    QFETCH(QStringList, items);
    QFETCH(QStringList, visits);
    QFETCH(QStringList, itemStates);
    QFETCH(QString, enterprise);
    QFETCH(int, alerts);
    QFETCH(int, pending);

    const auto plan = planItems(items);
    const auto kitVisits = testkit::visits(visits, plan);
    std::vector<VisitEvidence> evidence;
    evidence.reserve(kitVisits.size());
    for (const auto &v : kitVisits)
        evidence.push_back({&v.bundle, v.review});

    const EnterpriseExit exit = deriveExit(plan, evidence, "2017-11-01");
    QStringList actual;
    for (const auto &item : plan)
        actual << QString::fromStdString(std::string(statusName(exit.items.at(item.id).status)));
    QCOMPARE(actual, itemStates);
    QCOMPARE(QString::fromStdString(std::string(statusName(exit.status))), enterprise);
    QCOMPARE(int(exit.alerts.size()), alerts);
    QCOMPARE(int(exit.pending_review.size()), pending);
    if (exit.status == EnterpriseStatus::Accepted)
        QVERIFY(!exit.accepted_by.empty());
}

void TestExitStatus::overdueSeal()
{
    const auto plan = planItems({"机立窑|seal_then_dismantle|2017-09-30"});
    const auto v = visit("exit/sealed@A", 0, plan);
    const std::vector<VisitEvidence> evidence{{&v.bundle, v.review}};

    const ItemExit before = deriveExit(plan, evidence, "2017-09-30").items.at("q1");
    QCOMPARE(before.status, ItemStatus::SealedPending);
    QCOMPARE(before.deadline.value_or(""), std::string("2017-09-30"));
    QVERIFY(!before.overdue);
    QVERIFY(deriveExit(plan, evidence, "2017-10-01").items.at("q1").overdue);
}

void TestExitStatus::draftsAndMissingPlanChangeNothing()
{
    const auto plan = planItems({kKiln});
    auto v = visit("exit/dismantled@A", 0, plan);
    v.bundle.inspection.state = InspectionState::Draft;
    const std::vector<VisitEvidence> evidence{{&v.bundle, v.review}};
    const EnterpriseExit exit = deriveExit(plan, evidence, "2017-11-01");
    QCOMPARE(exit.items.at("q1").status, ItemStatus::Planned);
    QVERIFY(exit.pending_review.empty());

    // An enterprise with no planned items is never accepted or done.
    const auto v2 = visit("acceptance//pass@A", 0, {});
    const std::vector<VisitEvidence> e2{{&v2.bundle, v2.review}};
    QCOMPARE(deriveExit({}, e2, "2017-11-01").status, EnterpriseStatus::Pending);
}

// An item recorded on site outside the plan (unlisted) that the office confirmed into the plan
// is the plan row named after its check (server findstore.h): the visit that found it dismantled
// counts for it, and a later visit checks it by its equipment id like any planned item.
void TestExitStatus::aConfirmedFindCountsWithTheVisitThatFoundIt()
{
    auto plan = planItems({kKiln});
    auto v = visit("exit/dismantled@A", 0, plan);
    EquipmentCheck found;
    found.id = "v0-found";
    found.inspection_id = v.bundle.inspection.id;
    found.unlisted = UnlistedItem{"冲天炉", "5吨", {2.0, "万吨/年"}};
    found.finding = Finding::Dismantled;
    found.checked_at = v.bundle.inspection.started_at;
    v.bundle.checks.push_back(found);
    v.bundle.photos.push_back(
        kitPhoto("v0-found-site", v.bundle.inspection.id, found.id, EvidenceTag::DismantledSite));
    const std::vector<VisitEvidence> evidence{{&v.bundle, v.review}};
    // Not confirmed: the unlisted check is nobody's check.
    QCOMPARE(deriveExit(plan, evidence, "2017-11-01").items.size(), std::size_t(1));

    Equipment confirmed = plan[0];
    confirmed.id = found.id;
    confirmed.kind = "冲天炉";
    plan.push_back(confirmed);
    EnterpriseExit exit = deriveExit(plan, evidence, "2017-11-01");
    QCOMPARE(exit.items.at(found.id).status, ItemStatus::Dismantled);
    QCOMPARE(exit.items.at(found.id).inspection_id, std::string("v0"));
    QCOMPARE(exit.status, EnterpriseStatus::Dismantled);

    // A planned item's check is never taken for a find with the same id.
    auto w = visit("exit/dismantled@A", 0, plan);
    w.bundle.checks[0].id = found.id; // a check of q1 whose id happens to be the find's
    w.bundle.photos.clear();
    const std::vector<VisitEvidence> other{{&w.bundle, w.review}};
    QCOMPARE(deriveExit(plan, other, "2017-11-01").items.at(found.id).status, ItemStatus::Planned);
}

QTEST_GUILESS_MAIN(TestExitStatus)
#include "tst_exitstatus.moc"
