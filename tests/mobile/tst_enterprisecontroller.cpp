// EnterpriseController and the enterprise screen's models: details, starting and resuming
// visits, equipment with the latest finding, cards with deadlines, visits with their state.

#include "app/appstore.h"
#include "appfixture.h"
#include "controllers/enterprisecontroller.h"
#include "devicefixture.h"
#include "models/cardlistmodel.h"
#include "models/equipmentlistmodel.h"
#include "models/visitlistmodel.h"
#include "text/translations.h"
#include "text/vocabulary.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace fp;

class TestEnterpriseController : public QObject
{
    Q_OBJECT

    test::StoreSeries m_stores;
    std::unique_ptr<AppStore> m_store;

  private Q_SLOTS:
    void initTestCase() { Translations().apply(QStringLiteral("en")); }
    void init() { m_store = m_stores.nextOnMiniPlan(); }
    void cleanup() { m_store.reset(); }

    void detailsAndVisits()
    {
        EnterpriseController e;
        e.setProperty("inspector", QStringLiteral("zhang"));
        e.setStore(m_store.get());
        e.setEnterpriseId(QStringLiteral("e1"));
        e.setTaskId(QStringLiteral("t1"));
        QVERIFY(e.loaded());
        QCOMPARE(e.regionName(), QStringLiteral("马风镇"));
        QCOMPARE(e.creditCode(), QStringLiteral("91210381MA0000001X"));
        QCOMPARE(e.taskKind(), int(Vocabulary::Exit));
        QCOMPARE(e.taskDue(), QStringLiteral("2017-10-31"));
        QCOMPARE(e.openDraftId(), QString());

        const QString id = e.startVisit();
        QVERIFY(!id.isEmpty());
        QCOMPARE(e.openDraftId(), id); // resumed next time, not started again
        const auto i =
            m_store->with([&](DeviceStore &s) { return *s.inspection(id.toStdString()); });
        QCOMPARE(i.task_id, std::optional<std::string>("t1"));
        QCOMPARE(i.kind, VisitKind::Exit);
        QCOMPARE(i.inspectors, std::vector<std::string>{"zhang"});

        const QString adHoc = e.startAdHocVisit(Vocabulary::Recheck);
        const auto a =
            m_store->with([&](DeviceStore &s) { return *s.inspection(adHoc.toStdString()); });
        QVERIFY(!a.task_id);
        QCOMPARE(a.kind, VisitKind::Recheck);
        QCOMPARE(e.openDraftId(), id); // the task's draft, not the ad-hoc one
        QCOMPARE(e.startAdHocVisit(17), QString());

        // Opened from 全部企业 (no task given): the enterprise's task on this tablet is kept,
        // and so is the way back into its latest draft (issue 15.7).
        EnterpriseController noTask;
        noTask.setStore(m_store.get());
        noTask.setEnterpriseId(QStringLiteral("e1"));
        QCOMPARE(noTask.taskKind(), int(Vocabulary::Exit));
        QCOMPARE(noTask.taskDue(), QStringLiteral("2017-10-31"));
        QCOMPARE(noTask.openDraftId(), adHoc); // the newest draft, the task's or ad hoc

        // An enterprise with no task: only ad-hoc visits.
        m_store->with([](DeviceStore &s) {
            s.put(Enterprise{"e2", "91210381MA0000002X", "示例无任务钢铁有限公司", "r1", "钢铁",
                             "海城市马风镇三村", "王明", "13968301433", std::nullopt});
        });
        EnterpriseController other;
        other.setStore(m_store.get());
        other.setEnterpriseId(QStringLiteral("e2"));
        QCOMPARE(other.taskKind(), -1);
        QSignalSpy failed(&other, &EnterpriseController::failed);
        QCOMPARE(other.startVisit(), QString());
        QCOMPARE(failed.count(), 1);
    }

    // Issue 15.7: a visit the office returned offers its correction as the main action, from
    // the task and from 全部企业; once started, the correction is the draft to continue, with
    // the office's reason still in sight (here and on the visit itself).
    void returnedVisitOffersTheCorrection()
    {
        std::string first;
        m_store->with([&](DeviceStore &s) {
            first = test::startMiniVisit(s, VisitKind::Exit, {});
            test::saveFinding(s, first, "eq1", Finding::Operating);
            s.finalise(first);
        });
        EnterpriseController fromTask;
        fromTask.setStore(m_store.get());
        fromTask.setEnterpriseId(QStringLiteral("e1"));
        fromTask.setTaskId(QStringLiteral("t1"));
        EnterpriseController fromDirectory;
        fromDirectory.setStore(m_store.get());
        fromDirectory.setEnterpriseId(QStringLiteral("e1"));
        QCOMPARE(fromTask.returnedVisitId(), QString()); // final, not returned: nothing to do
        QCOMPARE(fromTask.correctReturned(), QString());

        m_store->with([&](DeviceStore &s) {
            s.put(Review{first, ReviewState::Returned, "封条照片看不清，请补拍",
                         "2017-10-01T00:00:00.000Z"});
        });
        m_store->notifyRefreshed();
        for (EnterpriseController *e : {&fromTask, &fromDirectory}) {
            QCOMPARE(e->returnedVisitId(), QString::fromStdString(first));
            QCOMPARE(e->returnReason(), QStringLiteral("封条照片看不清，请补拍"));
            QCOMPARE(e->openDraftId(), QString());
        }

        const QString correction = fromDirectory.correctReturned();
        QVERIFY(!correction.isEmpty());
        const auto draft =
            m_store->with([&](DeviceStore &s) { return *s.inspection(correction.toStdString()); });
        QCOMPARE(draft.amends_id, std::optional<std::string>(first));
        for (EnterpriseController *e : {&fromTask, &fromDirectory}) {
            QCOMPARE(e->openDraftId(), correction); // 继续草稿, not a second correction
            QCOMPARE(e->returnedVisitId(), QString());
            QCOMPARE(e->returnReason(), QStringLiteral("封条照片看不清，请补拍"));
        }
    }

    void equipmentShowsTheLatestFinding()
    {
        EquipmentListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setStore(m_store.get());
        m.setEnterpriseId(QStringLiteral("e1"));
        QCOMPARE(m.rowCount(), 2);
        QVERIFY(!m.data(m.index(0), EquipmentListModel::HasFindingRole).toBool());
        QCOMPARE(m.data(m.index(1), EquipmentListModel::DeadlineRole).toString(),
                 QStringLiteral("2017-12-30"));

        auto record = [&](Finding f) {
            m_store->with([&](DeviceStore &s) {
                const std::string visit = test::startMiniVisit(s, VisitKind::Exit, {});
                test::saveFinding(s, visit, "eq1", f);
                return visit;
            });
            m_store->notifyRefreshed();
        };
        record(Finding::Operating);
        record(Finding::Dismantled);
        QCOMPARE(m.data(m.index(0), EquipmentListModel::FindingRole).toInt(),
                 int(Vocabulary::Dismantled));
        QCOMPARE(m.data(m.index(0), EquipmentListModel::FindingLabelRole).toString(),
                 QStringLiteral("Dismantled"));
        QVERIFY(!m.data(m.index(0), EquipmentListModel::FindingFinalRole).toBool());
    }

    void cardsShowDeadlines()
    {
        m_store->with([](DeviceStore &s) {
            Card red;
            red.id = "c2";
            red.enterprise_id = "e1";
            red.level = CardLevel::Red;
            red.issued_on = "2017-01-01";
            red.state = CardState::ClosedByLaw;
            s.put(red);
            Card extended;
            extended.id = "c3";
            extended.enterprise_id = "e1";
            extended.issued_on = "2017-01-01";
            extended.rectify_by = "2017-07-01";
            extended.extended_to = "2017-10-01";
            s.put(extended);
        });
        CardListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setProperty("today", QDate(2017, 9, 15));
        m.setStore(m_store.get());
        m.setEnterpriseId(QStringLiteral("e1"));
        QCOMPARE(m.rowCount(), 3);
        QHash<QString, int> row;
        for (int r = 0; r < m.rowCount(); ++r)
            row[m.data(m.index(r), CardListModel::CardIdRole).toString()] = r;
        QCOMPARE(m.data(m.index(row["c1"]), CardListModel::DeadlineRole).toString(),
                 QStringLiteral("2017-09-01"));
        QVERIFY(m.data(m.index(row["c1"]), CardListModel::OverdueRole).toBool());
        QCOMPARE(m.data(m.index(row["c3"]), CardListModel::DeadlineRole).toString(),
                 QStringLiteral("2017-10-01"));
        QVERIFY(m.data(m.index(row["c3"]), CardListModel::ExtendedRole).toBool());
        QVERIFY(!m.data(m.index(row["c3"]), CardListModel::OverdueRole).toBool());
        QCOMPARE(m.data(m.index(row["c2"]), CardListModel::LevelLabelRole).toString(),
                 QStringLiteral("Red card"));
        QVERIFY(!m.data(m.index(row["c2"]), CardListModel::OpenRole).toBool());
    }

    void visitsNewestFirstWithState()
    {
        VisitListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setStore(m_store.get());
        m.setEnterpriseId(QStringLiteral("e1"));
        QCOMPARE(m.rowCount(), 0);
        std::string first;
        m_store->with([&](DeviceStore &s) {
            first = test::startMiniVisit(s, VisitKind::Exit, {});
            test::saveFinding(s, first, "eq1", Finding::Operating);
            s.finalise(first);
            s.put(Review{first, ReviewState::Returned, "补拍", "2017-10-01T00:00:00.000Z"});
            s.amend(first);
        });
        m_store->notifyRefreshed();
        QCOMPARE(m.rowCount(), 2);
        QVERIFY(m.data(m.index(0), VisitListModel::IsCorrectionRole).toBool());
        QVERIFY(!m.data(m.index(0), VisitListModel::IsFinalRole).toBool());
        QCOMPARE(m.data(m.index(1), VisitListModel::InspectionIdRole).toString(),
                 QString::fromStdString(first));
        QCOMPARE(m.data(m.index(1), VisitListModel::StateLabelRole).toString(),
                 QStringLiteral("Returned: 补拍"));
    }
};

QTEST_GUILESS_MAIN(TestEnterpriseController)
#include "tst_enterprisecontroller.moc"
