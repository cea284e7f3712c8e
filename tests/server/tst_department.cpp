// Departments (issue 14 item 7, domain/department.h): which bureau answers for each card
// standard, who may act on a card, and who may undo a rectification.

#include "server/domain/department.h"

#include <QtTest>

using namespace fp;

class TestDepartment : public QObject
{
    Q_OBJECT

  private slots:
    void eachStandardHasItsBureau()
    {
        // Seed §二(一)2-5 and §二(二)2-5; technology (淘汰类, §三(二)) is the 经信局/发改局's.
        QCOMPARE(responsibleDepartment(CardStandard::Energy), Department::Economy);
        QCOMPARE(responsibleDepartment(CardStandard::Technology), Department::Economy);
        QCOMPARE(responsibleDepartment(CardStandard::Environment), Department::Environment);
        QCOMPARE(responsibleDepartment(CardStandard::Quality), Department::Market);
        QCOMPARE(responsibleDepartment(CardStandard::Safety), Department::Safety);
        QCOMPARE(departmentLabel(Department::Market), std::string_view("市场监督管理局"));
        for (const auto name : EnumNames<Department>::names)
            QCOMPARE(enumName(*enumFromString<Department>(name)), name);
        QVERIFY(!enumFromString<Department>("tax"));
    }

    void cardActionsFollowTheStandard()
    {
        const Actor economy{"fagai", Role::Office, Department::Economy};
        QVERIFY(cardActionProblem(economy, CardStandard::Energy).empty());
        QVERIFY(cardActionProblem(economy, CardStandard::Technology).empty());
        QCOMPARE(cardActionProblem(economy, CardStandard::Safety),
                 std::string("cards of the safety standard are the safety department's; fagai is "
                             "of the economy department"));
        // A town office changes no card; an admin any; an account with no department keeps the
        // office-wide rights of before; an inspector none.
        const Actor town{"mafeng", Role::Office, Department::Region};
        for (const auto standard : {CardStandard::Energy, CardStandard::Environment,
                                    CardStandard::Quality, CardStandard::Safety}) {
            QVERIFY(!cardActionProblem(town, standard).empty());
            QVERIFY(
                cardActionProblem(Actor{"a", Role::Admin, Department::Region}, standard).empty());
            QVERIFY(
                cardActionProblem(Actor{"o", Role::Office, Department::None}, standard).empty());
            QVERIFY(!cardActionProblem(Actor{"i", Role::Inspector, Department::None}, standard)
                         .empty());
        }
    }

    void rectificationIsUndoneByItsDepartment()
    {
        const Actor colleague{"jian", Role::Office, Department::Market};
        const Actor other{"anjian", Role::Office, Department::Safety};
        const Actor unassigned{"office", Role::Office, Department::None};
        // Recorded by shi of the 市场监督管理局.
        QVERIFY(
            undoRectificationProblem(colleague, "shi", Department::Market, CardStandard::Quality)
                .empty());
        QVERIFY(!undoRectificationProblem(other, "shi", Department::Market, CardStandard::Quality)
                     .empty());
        QVERIFY(
            !undoRectificationProblem(unassigned, "shi", Department::Market, CardStandard::Quality)
                 .empty());
        // The recorder and an admin always.
        QVERIFY(
            undoRectificationProblem(unassigned, "office", Department::None, CardStandard::Quality)
                .empty());
        QVERIFY(undoRectificationProblem(Actor{"root", Role::Admin, Department::None}, "shi",
                                         Department::Market, CardStandard::Quality)
                    .empty());
        // Recorded with no department (an admin, an account from before): the responsible one.
        QVERIFY(
            undoRectificationProblem(colleague, "admin", Department::None, CardStandard::Quality)
                .empty());
        QCOMPARE(undoRectificationProblem(other, "admin", Department::None, CardStandard::Quality),
                 std::string("only the market department, which recorded the rectification "
                             "(admin), or an admin can undo it"));
    }

    void townOfficeReach()
    {
        OfficeReach all;
        QVERIFY(all.seesRegion("r1"));
        const OfficeReach town{false, {"r1"}};
        QVERIFY(town.seesRegion("r1"));
        QVERIFY(!town.seesRegion("r2"));
        QVERIFY(!town.seesRegion(""));
    }
};

QTEST_GUILESS_MAIN(TestDepartment)
#include "tst_department.moc"
