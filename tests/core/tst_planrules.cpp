// The work plan's rules for one visit (core/planrules.h): what each required action needs, the
// verdict the findings support, and the problems the tablet shows before finalising.

#include "core/planrules.h"
#include "visitkit.h"

#include <QTest>

using namespace fp;
using namespace fp::testkit;

namespace {

const QString kKiln = "机立窑|seal_then_dismantle|2017-12-31";
const QString kFurnace = "中频炉|dismantle|2017-06-30";

QString verdictName(Verdict v)
{
    return QString::fromStdString(std::string(enumName(v)));
}

} // namespace

class TestPlanRules : public QObject
{
    Q_OBJECT

  private slots:
    void dismantleOnlyKinds();
    void supportedVerdict_data();
    void supportedVerdict();
    void problems_data();
    void problems();
};

void TestPlanRules::dismantleOnlyKinds()
{
    QVERIFY(isDismantleOnlyKind("中频炉"));
    QVERIFY(isDismantleOnlyKind("工频炉"));
    QVERIFY(isDismantleOnlyKind("5吨中频炉"));
    QVERIFY(!isDismantleOnlyKind("机立窑"));
    QVERIFY(!isDismantleOnlyKind("冲天炉"));
    Equipment furnace;
    furnace.kind = "工频炉";
    furnace.action = RequiredAction::SealThenDismantle;
    QCOMPARE(effectiveAction(furnace), RequiredAction::Dismantle);
    furnace.kind = "平拉玻璃生产线";
    QCOMPARE(effectiveAction(furnace), RequiredAction::SealThenDismantle);
}

void TestPlanRules::supportedVerdict_data()
{
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QString>("visit");
    QTest::addColumn<QString>("expected");

    const QStringList both{kFurnace, kKiln};
    QTest::newRow("all dismantled") << both << "acceptance/dismantled,dismantled"
                                    << "pass";
    QTest::newRow("kiln properly sealed within deadline") << both << "acceptance/dismantled,sealed"
                                                          << "conditional";
    QTest::newRow("furnace sealed") << both << "acceptance/sealed,dismantled"
                                    << "fail";
    QTest::newRow("kiln sealed without the measures") << both << "acceptance/dismantled,sealed-bare"
                                                      << "fail";
    QTest::newRow("kiln unchecked") << both << "acceptance/dismantled,-"
                                    << "fail";
    QTest::newRow("kiln operating") << both << "acceptance/dismantled,operating"
                                    << "fail";
    QTest::newRow("dismantled without site photo")
        << both << "acceptance/dismantled-bare,dismantled"
        << "fail";
    QTest::newRow("kiln deadline passed")
        << QStringList{kFurnace, "机立窑|seal_then_dismantle|2017-07-01"}
        << "acceptance/dismantled,sealed"
        << "fail";
    QTest::newRow("kiln without deadline")
        << QStringList{kFurnace, "机立窑|seal_then_dismantle|"} << "acceptance/dismantled,sealed"
        << "fail";
    QTest::newRow("a furnace the plan lets seal")
        << QStringList{"工频炉|seal_then_dismantle|2017-12-31"} << "acceptance/sealed"
        << "fail";
}

void TestPlanRules::supportedVerdict()
{
    QFETCH(QStringList, items);
    QFETCH(QString, visit);
    QFETCH(QString, expected);
    const auto plan = planItems(items);
    QCOMPARE(verdictName(fp::supportedVerdict(testkit::visit(visit, 0, plan).bundle, plan)),
             expected);
}

void TestPlanRules::problems_data()
{
    QTest::addColumn<QStringList>("items");
    QTest::addColumn<QString>("visit");
    QTest::addColumn<QStringList>("expected"); // "code@subject", any order

    const QStringList both{kFurnace, kKiln};
    QTest::newRow("pass on dismantled items")
        << both << "acceptance/dismantled,dismantled/pass" << QStringList{};
    QTest::newRow("fail is always allowed")
        << both << "acceptance/operating,operating/fail" << QStringList{};
    QTest::newRow("conditional with a proper seal")
        << both << "acceptance/dismantled,sealed/conditional" << QStringList{};
    QTest::newRow("pass with a proper seal") << both << "acceptance/dismantled,sealed/pass"
                                             << QStringList{"pass_needs_dismantled@v0-c2"};
    QTest::newRow("pass with an unchecked item")
        << both << "acceptance/dismantled,-/pass" << QStringList{"pass_needs_dismantled@q2"};
    QTest::newRow("conditional with a sealed furnace")
        << both << "acceptance/sealed,sealed/conditional"
        << QStringList{"conditional_item_not_allowed@v0-c1"};
    // The issue's first finding: every item only sealed, no measure ticked, verdict pass.
    QTest::newRow("sealed instead of dismantled, pass")
        << QStringList{kFurnace} << "acceptance/sealed-bare/pass"
        << QStringList{
               "sealed_needs_water_cut@v0-c1",           "sealed_needs_power_cut@v0-c1",
               "sealed_needs_power_units_removed@v0-c1", "sealed_needs_main_equipment_sealed@v0-c1",
               "sealed_needs_commitment_letter@v0",      "pass_needs_dismantled@v0-c1"};
    QTest::newRow("an exit visit may seal without a verdict")
        << both << "exit/sealed,sealed" << QStringList{};
    QTest::newRow("an exit visit seal without measures")
        << QStringList{kKiln} << "exit/sealed-bare"
        << QStringList{"sealed_needs_water_cut@v0-c1", "sealed_needs_power_cut@v0-c1",
                       "sealed_needs_power_units_removed@v0-c1",
                       "sealed_needs_main_equipment_sealed@v0-c1",
                       "sealed_needs_commitment_letter@v0"};
}

void TestPlanRules::problems()
{
    QFETCH(QStringList, items);
    QFETCH(QString, visit);
    QFETCH(QStringList, expected);
    const auto plan = planItems(items);
    QStringList actual;
    for (const Problem &p : planRuleProblems(testkit::visit(visit, 0, plan).bundle, plan)) {
        actual << QString::fromStdString(std::string(toString(p.code)) + "@" + p.subject_id);
        QVERIFY2(!p.message.empty() && p.message.back() == '.', p.message.c_str());
    }
    actual.sort();
    expected.sort();
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestPlanRules)
#include "tst_planrules.moc"
