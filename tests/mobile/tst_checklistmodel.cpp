// CheckListModel: the lines of a visit, every edit saved at once, what each line still
// lacks, items found on site, and read-only once final.

#include "app/appstore.h"
#include "appfixture.h"
#include "devicefixture.h"
#include "models/checklistmodel.h"
#include "platform/positioning.h"
#include "text/vocabulary.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSignalSpy>
#include <QTest>

using namespace fp;

class TestCheckListModel : public QObject
{
    Q_OBJECT

    test::StoreSeries m_stores;
    std::unique_ptr<AppStore> m_store;
    QString m_visit;
    int m_photos = 0;

    EquipmentCheck stored(int row, const CheckListModel &m)
    {
        const std::string id =
            m.data(m.index(row), CheckListModel::CheckIdRole).toString().toStdString();
        const auto b =
            m_store->with([&](DeviceStore &s) { return s.bundle(m_visit.toStdString()); });
        for (const auto &c : b.checks) {
            if (c.id == id)
                return c;
        }
        return {};
    }
    void addPhoto(const CheckListModel &m, int row, EvidenceTag tag)
    {
        const std::string check =
            m.data(m.index(row), CheckListModel::CheckIdRole).toString().toStdString();
        const QString jpeg =
            test::writeJpeg(m_stores.filePath(QStringLiteral("p%1.jpg").arg(++m_photos)), 64, 48);
        m_store->with([&](DeviceStore &s) {
            s.addPhoto(
                NewPhoto{m_visit.toStdString(), check, tag, jpeg.toStdString(), 64, 48, {}, ""});
        });
        m_store->notifyInspectionChanged(m_visit);
    }

  private Q_SLOTS:
    void init()
    {
        m_store = m_stores.nextOnMiniPlan();
        m_visit = QString::fromStdString(
            m_store->with([](DeviceStore &s) { return test::startMiniVisit(s); }));
    }
    void cleanup() { m_store.reset(); }

    void plannedItemsAreLinesBeforeAnyFinding()
    {
        CheckListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        test::bindToVisit(m, m_store.get(), m_visit);
        QCOMPARE(m.rowCount(), 2);
        QVERIFY(!m.readOnly());
        QCOMPARE(m.data(m.index(0), CheckListModel::TitleRole).toString(),
                 QStringLiteral("1. 中频炉 5吨"));
        QCOMPARE(m.data(m.index(1), CheckListModel::TitleRole).toString(),
                 QStringLiteral("2. 工频炉 3吨 ×2"));
        QVERIFY(!m.data(m.index(0), CheckListModel::HasFindingRole).toBool());
        QCOMPARE(m.data(m.index(0), CheckListModel::FindingRole).toInt(), -1);
        QVERIFY(m.data(m.index(1), CheckListModel::DetailRole)
                    .toString()
                    .contains(QStringLiteral("2017-12-30")));
    }

    void sealedItemNeedsPhotosAndSealNumber()
    {
        CheckListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Positioning positioning{QString()};
        QDateTime now = QDateTime::currentDateTimeUtc();
        positioning.setClock([&] { return now; });
        positioning.setFix(40.8, 122.7, 9);
        now = now.addSecs(7);
        positioning.refresh();
        m.setProperty("positioning", QVariant::fromValue(&positioning));
        test::bindToVisit(m, m_store.get(), m_visit);
        QSignalSpy reset(&m, &QAbstractItemModel::modelReset);

        QVERIFY(m.setFinding(1, Vocabulary::Sealed));
        QCOMPARE(reset.count(), 0); // the line changed in place
        QCOMPARE(m.data(m.index(1), CheckListModel::FindingRole).toInt(), int(Vocabulary::Sealed));
        // Two photos, a seal number and the four seal measures.
        QCOMPARE(m.data(m.index(1), CheckListModel::MissingRole).toStringList().size(), 7);
        QCOMPARE(m.data(m.index(1), CheckListModel::RequiredTagsRole).toList(),
                 (QVariantList{int(Vocabulary::Seal), int(Vocabulary::PowerCut)}));
        QVERIFY(stored(1, m).position.has_value());
        // The check keeps the fix's accuracy and age; a real (not simulated) fix says so.
        QCOMPARE(stored(1, m).position->accuracy_m, std::optional<double>(9));
        QCOMPARE(stored(1, m).position->fix_age_s, std::optional<int>(7));
        QVERIFY(!stored(1, m).position->simulated);

        QVERIFY(m.setSealMeasure(1, Vocabulary::WaterCutMeasure, true));
        QVERIFY(m.setSealMeasure(1, Vocabulary::PowerCutMeasure, true));
        QVERIFY(m.setSealMeasure(1, Vocabulary::MainSealedMeasure, true));
        QVERIFY(!m.setSealMeasure(1, 42, true));
        QVERIFY(m.data(m.index(1), CheckListModel::PowerCutRole).toBool());
        QVERIFY(!m.data(m.index(1), CheckListModel::PowerUnitsRemovedRole).toBool());
        const EquipmentCheck c = stored(1, m);
        QVERIFY(c.water_cut && c.power_cut && c.main_equipment_sealed && !c.power_units_removed);
        QVERIFY(m.setSealMeasure(1, Vocabulary::PowerUnitsRemovedMeasure, true));
        QVERIFY(stored(1, m).power_units_removed);

        QVERIFY(m.addSealNumber(1, QStringLiteral(" HC-0815 ")));
        QVERIFY(!m.addSealNumber(1, QStringLiteral("HC-0815"))); // duplicate
        QVERIFY(!m.addSealNumber(1, QStringLiteral("   ")));     // blank
        QVERIFY(m.addSealNumber(1, QStringLiteral("HC-0816")));
        QVERIFY(m.removeSealNumber(1, QStringLiteral("HC-0816")));
        QCOMPARE(m.data(m.index(1), CheckListModel::SealNumbersRole).toStringList(),
                 QStringList{QStringLiteral("HC-0815")});
        QCOMPARE(m.data(m.index(1), CheckListModel::MissingRole).toStringList().size(), 2);

        addPhoto(m, 1, EvidenceTag::Seal);
        QCOMPARE(m.data(m.index(1), CheckListModel::MissingRole).toStringList().size(), 1);
        addPhoto(m, 1, EvidenceTag::PowerCut);
        QCOMPARE(m.data(m.index(1), CheckListModel::MissingRole).toStringList(), QStringList());
        QCOMPARE(m.data(m.index(1), CheckListModel::PhotoCountRole).toInt(), 2);

        QVERIFY(m.setNotes(1, QStringLiteral("封条贴在电源柜")));
        QCOMPARE(QString::fromStdString(stored(1, m).notes), QStringLiteral("封条贴在电源柜"));
    }

    // Everything saved is in the database: a new store on the same files sees it (a kill).
    void editsSurviveReopening()
    {
        {
            CheckListModel m;
            test::bindToVisit(m, m_store.get(), m_visit);
            QVERIFY(m.setFinding(0, Vocabulary::Dismantled));
            QVERIFY(m.setNotes(0, QStringLiteral("已拆除，基础已平整")));
        }
        const QString dir = m_store->dataDir();
        m_store.reset();
        m_store = std::make_unique<AppStore>(dir);
        CheckListModel again;
        test::bindToVisit(again, m_store.get(), m_visit);
        QCOMPARE(again.data(again.index(0), CheckListModel::FindingRole).toInt(),
                 int(Vocabulary::Dismantled));
        QCOMPARE(again.data(again.index(0), CheckListModel::NotesRole).toString(),
                 QStringLiteral("已拆除，基础已平整"));
    }

    void unlistedItemsCanBeAddedAndRemoved()
    {
        CheckListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        test::bindToVisit(m, m_store.get(), m_visit);
        QSignalSpy failed(&m, &CheckListModel::failed);
        QVERIFY(!m.addUnlisted(QStringLiteral("  "), {}, 0, {}, Vocabulary::Operating));
        QCOMPARE(failed.count(), 1);
        QVERIFY(m.addUnlisted(QStringLiteral("冲天炉"), QStringLiteral("3吨/小时"), 0.4,
                              QStringLiteral("万吨/年"), Vocabulary::Operating));
        QCOMPARE(m.rowCount(), 3);
        QVERIFY(m.data(m.index(2), CheckListModel::UnlistedRole).toBool());
        QCOMPARE(m.data(m.index(2), CheckListModel::TitleRole).toString(),
                 QStringLiteral("3. 冲天炉 3吨/小时"));
        QVERIFY(!m.removeUnlisted(0)); // planned lines stay
        QVERIFY(m.removeUnlisted(2));
        QCOMPARE(m.rowCount(), 2);
    }

    void finalVisitIsReadOnly()
    {
        CheckListModel m;
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        test::bindToVisit(m, m_store.get(), m_visit);
        QVERIFY(m.setFinding(0, Vocabulary::Operating));
        QVERIFY(m_store->with([&](DeviceStore &s) { return s.finalise(m_visit.toStdString()); })
                    .empty());
        m_store->notifyInspectionChanged(m_visit);
        QVERIFY(m.readOnly());
        QSignalSpy failed(&m, &CheckListModel::failed);
        QVERIFY(!m.setFinding(0, Vocabulary::Dismantled));
        QCOMPARE(failed.count(), 1);
        QVERIFY(!failed.first().first().toString().isEmpty());
        QCOMPARE(m.data(m.index(0), CheckListModel::FindingRole).toInt(),
                 int(Vocabulary::Operating));
    }
};

QTEST_GUILESS_MAIN(TestCheckListModel)
#include "tst_checklistmodel.moc"
