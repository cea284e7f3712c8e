// TaskListModel: states derived from visits, sync and review; filters, search, counts,
// groups; in-place updates; checked by QAbstractItemModelTester throughout.

#include "app/appstore.h"
#include "devicefixture.h"
#include "models/tasklistmodel.h"
#include "text/vocabulary.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fp;

class TestTaskListModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<AppStore> m_store;
    const QDate m_today{2017, 10, 20};

    QVariant roleOf(const TaskListModel &m, const QString &taskId, int role)
    {
        for (int r = 0; r < m.rowCount(); ++r) {
            if (m.data(m.index(r), TaskListModel::TaskIdRole).toString() == taskId)
                return m.data(m.index(r), role);
        }
        return {};
    }
    void addTask(const std::string &id, const std::string &enterprise, const std::string &name,
                 const std::string &code, const std::string &region, const std::string &industry,
                 VisitKind kind, const std::string &due, const std::string &who)
    {
        m_store->with([&](DeviceStore &s) {
            s.put(Enterprise{enterprise, code, name, region, industry, "", "", "", std::nullopt});
            s.put(Task{id, enterprise, kind, due, {who}});
        });
    }
    std::string startVisit(const std::string &taskId, const std::string &enterprise)
    {
        return m_store->with([&](DeviceStore &s) {
            return s
                .startInspection(
                    NewInspection{taskId, enterprise, VisitKind::Exit, {"zhang"}, "", {}})
                .id;
        });
    }
    void finalDismantled(const std::string &inspection, const std::string &equipment)
    {
        m_store->with([&](DeviceStore &s) {
            EquipmentCheck c;
            c.inspection_id = inspection;
            c.equipment_id = equipment;
            c.finding = Finding::Dismantled;
            c = s.saveCheck(c);
            const QString jpeg = test::writeJpeg(m_dir.filePath("p.jpg"), 64, 48);
            s.addPhoto(NewPhoto{
                inspection, c.id, EvidenceTag::DismantledSite, jpeg.toStdString(), 64, 48, {}, ""});
            QVERIFY(s.finalise(inspection).empty());
        });
    }

  private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_store = std::make_unique<AppStore>(
            m_dir.filePath(QString::number(QRandomGenerator::global()->generate())));
        m_store->with([](DeviceStore &s) { test::addMiniPlan(s, "2017-10-31"); });
        m_store->with([](DeviceStore &s) {
            s.put(Region{"r2", "牛庄镇", RegionKind::Town});
            s.put(Region{"r3", "海城经济开发区", RegionKind::DevelopmentZone});
        });
        addTask("t2", "e2", "示例新兴钢铁有限公司", "91210381GRGBN92L9Y", "r3", "钢铁",
                VisitKind::Exit, "2017-10-10", "zhang");
        addTask("t3", "e3", "海城市示例华泰水泥有限公司", "91210381JTEU38GD30", "r2", "水泥",
                VisitKind::Acceptance, "2017-10-25", "zhang");
        addTask("t4", "e4", "示例联合铸造有限公司", "912103811DR507D43N", "r2", "铸造",
                VisitKind::Survey, "2017-12-01", "li");
    }
    void cleanup() { m_store.reset(); }

    void listsTasksWithTheirEnterprise()
    {
        TaskListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setToday(m_today);
        m.setStore(m_store.get());
        QCOMPARE(m.rowCount(), 4);
        QCOMPARE(m.totalCount(), 4);
        QCOMPARE(roleOf(m, "t1", TaskListModel::EnterpriseNameRole).toString(),
                 QStringLiteral("示例天成钢铁有限公司"));
        QCOMPARE(roleOf(m, "t1", TaskListModel::RegionNameRole).toString(),
                 QStringLiteral("马风镇"));
        QCOMPARE(roleOf(m, "t3", TaskListModel::VisitKindRole).toInt(),
                 int(Vocabulary::Acceptance));
        QCOMPARE(roleOf(m, "t1", TaskListModel::TaskStateRole).toInt(), int(TaskState::NotStarted));
        // Overdue first: t2 was due 2017-10-10.
        QCOMPARE(m.data(m.index(0), TaskListModel::TaskIdRole).toString(), QStringLiteral("t2"));
        QVERIFY(roleOf(m, "t2", TaskListModel::OverdueRole).toBool());
        QVERIFY(!roleOf(m, "t1", TaskListModel::OverdueRole).toBool());
        QCOMPARE(m.counts().value("overdue").toInt(), 1);
        QCOMPARE(m.counts().value("dueSoon").toInt(), 1); // t3, in 5 days; t1 is 11 days away
    }

    void statesFollowVisitsSyncAndReview()
    {
        TaskListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setToday(m_today);
        m.setStore(m_store.get());
        const std::string draft = startVisit("t1", "e1");
        m_store->notifyInspectionChanged(QString::fromStdString(draft));
        QCOMPARE(roleOf(m, "t1", TaskListModel::TaskStateRole).toInt(), int(TaskState::Draft));
        QCOMPARE(roleOf(m, "t1", TaskListModel::InspectionIdRole).toString(),
                 QString::fromStdString(draft));

        finalDismantled(draft, "eq1");
        m_store->notifyInspectionChanged(QString::fromStdString(draft));
        QCOMPARE(roleOf(m, "t1", TaskListModel::TaskStateRole).toInt(), int(TaskState::Final));
        QVERIFY(roleOf(m, "t1", TaskListModel::PendingRole).toBool());

        m_store->with([&](DeviceStore &s) {
            for (const OutboxItem &o : s.pendingOutbox())
                s.markPushed(o.type, o.id, o.version);
        });
        m_store->notifyRefreshed();
        QCOMPARE(roleOf(m, "t1", TaskListModel::TaskStateRole).toInt(), int(TaskState::Synced));

        m_store->with([&](DeviceStore &s) {
            s.put(Review{draft, ReviewState::Returned, "照片不清楚", "2017-10-21T01:00:00.000Z"});
        });
        m_store->notifyRefreshed();
        QCOMPARE(roleOf(m, "t1", TaskListModel::TaskStateRole).toInt(), int(TaskState::Returned));
        QCOMPARE(roleOf(m, "t1", TaskListModel::ReturnReasonRole).toString(),
                 QStringLiteral("照片不清楚"));
        QCOMPARE(m.counts().value("returned").toInt(), 1);

        // A correction of the returned visit makes the task a draft again.
        m_store->with([&](DeviceStore &s) { s.amend(draft); });
        m_store->notifyRefreshed();
        QCOMPARE(roleOf(m, "t1", TaskListModel::TaskStateRole).toInt(), int(TaskState::Draft));
        QCOMPARE(roleOf(m, "t1", TaskListModel::ReturnReasonRole).toString(), QString());

        m_store->with([&](DeviceStore &s) {
            s.put(Review{draft, ReviewState::Accepted, "", "2017-10-22T01:00:00.000Z"});
        });
        const std::string other = startVisit("t2", "e2");
        finalDismantled(other, "none-planned");
        m_store->with([&](DeviceStore &s) {
            s.put(Review{other, ReviewState::Accepted, "", "2017-10-22T01:00:00.000Z"});
        });
        m_store->notifyRefreshed();
        QCOMPARE(roleOf(m, "t2", TaskListModel::TaskStateRole).toInt(), int(TaskState::Accepted));
        QVERIFY(!roleOf(m, "t2", TaskListModel::OverdueRole).toBool()); // done work is never late
    }

    void filtersAndSearch()
    {
        TaskListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setToday(m_today);
        m.setStore(m_store.get());
        QCOMPARE(m.regions(), (QStringList{QStringLiteral("海城经济开发区"),
                                           QStringLiteral("牛庄镇"), QStringLiteral("马风镇")}));
        QCOMPARE(m.industries().size(), 3);

        m.setRegionFilter(QStringLiteral("牛庄镇"));
        QCOMPARE(m.rowCount(), 2);
        m.setIndustryFilter(QStringLiteral("水泥"));
        QCOMPARE(m.rowCount(), 1);
        m.clearFilters();
        QCOMPARE(m.rowCount(), 4);

        m.setKindFilter(Vocabulary::Acceptance);
        QCOMPARE(m.rowCount(), 1);
        m.setKindFilter(-1);
        m.setDueFilter(TaskState::Overdue);
        QCOMPARE(m.rowCount(), 1);
        m.setDueFilter(TaskState::DueSoon);
        QCOMPARE(m.rowCount(), 1); // t3, due in 5 days (t1 is 11 days away)
        m.setDueFilter(TaskState::AnyDue);
        m.setStateFilter(TaskState::Draft);
        QCOMPARE(m.rowCount(), 0);
        m.setStateFilter(-1);

        m.setSearchText(QStringLiteral("华泰"));
        QCOMPARE(m.rowCount(), 1);
        m.setSearchText(QStringLiteral("gbn92l")); // credit code, any case
        QCOMPARE(m.rowCount(), 1);
        QCOMPARE(m.data(m.index(0), TaskListModel::TaskIdRole).toString(), QStringLiteral("t2"));
        m.setSearchText(QString());

        QSignalSpy counts(&m, &TaskListModel::countsChanged);
        m.setAssignee(QStringLiteral("zhang"));
        QCOMPARE(m.rowCount(), 3);
        QCOMPARE(m.totalCount(), 3);
        QVERIFY(counts.count() >= 1);
    }

    void groupsAreContiguousSections()
    {
        TaskListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setToday(m_today);
        m.setStore(m_store.get());
        m.setGroupBy(TaskListModel::ByRegion);
        QStringList sections;
        for (int r = 0; r < m.rowCount(); ++r) {
            const QString s = m.data(m.index(r), TaskListModel::SectionRole).toString();
            if (sections.isEmpty() || sections.last() != s) {
                QVERIFY2(!sections.contains(s), qPrintable(s + " appears twice"));
                sections << s;
            }
        }
        QCOMPARE(sections.size(), 3);
        m.setGroupBy(TaskListModel::ByDue);
        QCOMPARE(m.data(m.index(0), TaskListModel::SectionRole).toString(),
                 QStringLiteral("Overdue"));
        m.setGroupBy(TaskListModel::NoGrouping);
        QCOMPARE(m.data(m.index(0), TaskListModel::SectionRole).toString(), QString());
    }

    // An edit that keeps the rows must not reset the list (the view would jump to the top).
    void editsUpdateInPlace()
    {
        TaskListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m.setToday(m_today);
        m.setStore(m_store.get());
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&m, &QAbstractItemModel::dataChanged);
        const std::string id = startVisit("t3", "e3");
        m_store->notifyInspectionChanged(QString::fromStdString(id));
        QCOMPARE(reset.count(), 0);
        QVERIFY(changed.count() >= 1);
        QCOMPARE(roleOf(m, "t3", TaskListModel::TaskStateRole).toInt(), int(TaskState::Draft));
    }
};

QTEST_GUILESS_MAIN(TestTaskListModel)
#include "tst_tasklistmodel.moc"
