// EnterpriseController and the enterprise screen's models: details, starting and resuming
// visits, equipment with the latest finding, cards with deadlines, visits with their state.

#include "app/appstore.h"
#include "controllers/enterprisecontroller.h"
#include "devicefixture.h"
#include "models/cardlistmodel.h"
#include "models/equipmentlistmodel.h"
#include "models/visitlistmodel.h"
#include "text/translations.h"
#include "text/vocabulary.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

class TestEnterpriseController : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<AppStore> m_store;
    int m_n = 0;

  private Q_SLOTS:
    void initTestCase() { Translations().apply(QStringLiteral("en")); }
    void init()
    {
        m_store = std::make_unique<AppStore>(m_dir.filePath(QStringLiteral("d%1").arg(++m_n)));
        m_store->with([](DeviceStore &s) { test::addMiniPlan(s); });
    }
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

        EnterpriseController noTask;
        noTask.setStore(m_store.get());
        noTask.setEnterpriseId(QStringLiteral("e1"));
        QCOMPARE(noTask.openDraftId(), adHoc);
        QSignalSpy failed(&noTask, &EnterpriseController::failed);
        QCOMPARE(noTask.startVisit(), QString());
        QCOMPARE(failed.count(), 1);
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
                const auto i = s.startInspection(
                    NewInspection{std::string("t1"), "e1", VisitKind::Exit, {}, "", {}});
                EquipmentCheck c;
                c.inspection_id = i.id;
                c.equipment_id = "eq1";
                c.finding = f;
                s.saveCheck(c);
                return i.id;
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
            first = s.startInspection(
                         NewInspection{std::string("t1"), "e1", VisitKind::Exit, {}, "", {}})
                        .id;
            EquipmentCheck c;
            c.inspection_id = first;
            c.equipment_id = "eq1";
            c.finding = Finding::Operating;
            s.saveCheck(c);
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
