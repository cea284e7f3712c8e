// VisitController: people, notes and position saved at once; the missing-evidence list as
// sentences; finalise (then read-only) and correct (an amending draft, reopened if it exists).

#include "app/appstore.h"
#include "appfixture.h"
#include "controllers/visitcontroller.h"
#include "devicefixture.h"
#include "models/checklistmodel.h"
#include "platform/positioning.h"
#include "text/translations.h"
#include "text/vocabulary.h"

#include <QSignalSpy>
#include <QTest>

using namespace fp;

class TestVisitController : public QObject
{
    Q_OBJECT

    test::StoreSeries m_stores;
    std::unique_ptr<AppStore> m_store;
    QString m_visit;

    QString start(VisitKind kind)
    {
        return QString::fromStdString(
            m_store->with([&](DeviceStore &s) { return test::startMiniVisit(s, kind); }));
    }

  private Q_SLOTS:
    void initTestCase()
    {
        Translations translations; // English source strings, so the test reads them
        translations.apply(QStringLiteral("en"));
    }
    void init()
    {
        m_store = m_stores.nextOnMiniPlan();
        m_visit = start(VisitKind::Exit);
    }
    void cleanup() { m_store.reset(); }

    void showsTheVisit()
    {
        VisitController v;
        test::bindToVisit(v, m_store.get(), m_visit);
        QVERIFY(v.loaded());
        QCOMPARE(v.enterpriseName(), QStringLiteral("示例天成钢铁有限公司"));
        QCOMPARE(v.kind(), int(Vocabulary::Exit));
        QVERIFY(!v.readOnly());
        QVERIFY(!v.isAcceptance());
        QCOMPARE(v.taskId(), QStringLiteral("t1"));
        QCOMPARE(v.missing(),
                 QStringList{QStringLiteral("Record a finding for at least one equipment item.")});
        QVERIFY(!v.canFinalise());
    }

    void peopleNotesAndPositionAreSaved()
    {
        VisitController v;
        Positioning positioning{QString()};
        v.setProperty("positioning", QVariant::fromValue(&positioning));
        test::bindToVisit(v, m_store.get(), m_visit);
        QSignalSpy changed(&v, &VisitController::changed);
        v.setInspectors(QStringLiteral("张伟，李娜、 王强"));
        v.setRepresentative(QStringLiteral(" 刘明 "));
        v.setNotes(QStringLiteral("厂区大门已封闭"));
        QVERIFY(changed.count() >= 3);
        QSignalSpy failed(&v, &VisitController::failed);
        QVERIFY(!v.recordPosition()); // no fix: a sentence, nothing changed
        QCOMPARE(failed.count(), 1);
        positioning.setFix(40.851, 122.752, 65);
        QVERIFY(v.recordPosition());

        const auto i =
            m_store->with([&](DeviceStore &s) { return *s.inspection(m_visit.toStdString()); });
        QCOMPARE(i.inspectors, (std::vector<std::string>{"张伟", "李娜", "王强"}));
        QCOMPARE(i.representative, std::string("刘明"));
        QCOMPARE(i.notes, std::string("厂区大门已封闭"));
        QVERIFY(i.position.has_value());
        QCOMPARE(*i.position->accuracy_m, 65.0);
        QVERIFY(v.positionSummary().contains(QStringLiteral("±65 m")));
    }

    void missingEvidenceNamesTheItemAndDisappears()
    {
        VisitController v;
        test::bindToVisit(v, m_store.get(), m_visit);
        CheckListModel checks;
        test::bindToVisit(checks, m_store.get(), m_visit);
        QVERIFY(checks.setFinding(1, Vocabulary::Sealed));
        // The item's two photos, seal number and four seal measures, and the visit's
        // commitment letter.
        QCOMPARE(v.missing().size(), 8);
        QVERIFY(v.missing().first().startsWith(QStringLiteral("2. 工频炉 3吨 ×2 — Sealed:")));
        QVERIFY(checks.addSealNumber(1, QStringLiteral("HC-1")));
        for (int measure : {Vocabulary::WaterCutMeasure, Vocabulary::PowerCutMeasure,
                            Vocabulary::PowerUnitsRemovedMeasure, Vocabulary::MainSealedMeasure})
            QVERIFY(checks.setSealMeasure(1, measure, true));
        const std::string check =
            checks.data(checks.index(1), CheckListModel::CheckIdRole).toString().toStdString();
        for (EvidenceTag tag :
             {EvidenceTag::Seal, EvidenceTag::PowerCut, EvidenceTag::CommitmentLetter}) {
            const QString jpeg =
                test::writeJpeg(m_stores.filePath(QStringLiteral("m%1.jpg").arg(int(tag))), 64, 48);
            const std::optional<std::string> on =
                tag == EvidenceTag::CommitmentLetter ? std::nullopt : std::optional(check);
            m_store->with([&](DeviceStore &s) {
                s.addPhoto(
                    NewPhoto{m_visit.toStdString(), on, tag, jpeg.toStdString(), 64, 48, {}, ""});
            });
            m_store->notifyInspectionChanged(m_visit);
        }
        QCOMPARE(v.missing(), QStringList());
        QVERIFY(v.canFinalise());
    }

    void finaliseLocksAndCorrectStartsAnAmendingDraft()
    {
        VisitController v;
        test::bindToVisit(v, m_store.get(), m_visit);
        QSignalSpy failed(&v, &VisitController::failed);
        QSignalSpy finalised(&v, &VisitController::finalised);
        QVERIFY(!v.finalise()); // nothing recorded yet
        QCOMPARE(failed.count(), 1);

        CheckListModel checks;
        test::bindToVisit(checks, m_store.get(), m_visit);
        QVERIFY(checks.setFinding(0, Vocabulary::Operating));
        QVERIFY(v.finalise());
        QCOMPARE(finalised.count(), 1);
        QVERIFY(v.readOnly());
        QVERIFY(v.stateLabel().startsWith(QStringLiteral("Final")));
        v.setNotes(QStringLiteral("too late"));
        QCOMPARE(v.notes(), QString());

        const QString correction = v.amend();
        QVERIFY(!correction.isEmpty());
        QCOMPARE(v.correctionId(), correction);
        QCOMPARE(v.amend(), correction); // reopened, not a second correction
        VisitController c;
        c.setStore(m_store.get());
        c.setInspectionId(correction);
        QVERIFY(!c.readOnly());
        QCOMPARE(c.amendsId(), m_visit);
        QCOMPARE(c.stateLabel(), QStringLiteral("Correction draft"));
        QCOMPARE(c.returnReason(), QString());

        // The office returns the visit: its correction shows the reason while it is edited.
        m_store->with([&](DeviceStore &s) {
            s.put(Review{m_visit.toStdString(), ReviewState::Returned, "缺少断电照片",
                         "2017-10-01T00:00:00.000Z"});
        });
        m_store->notifyRefreshed();
        QCOMPARE(c.returnReason(), QStringLiteral("缺少断电照片"));
        QCOMPARE(v.returnReason(), QStringLiteral("缺少断电照片"));
    }

    void acceptanceVisitNeedsTheOpinion()
    {
        VisitController v;
        v.setStore(m_store.get());
        v.setInspectionId(start(VisitKind::Acceptance));
        QVERIFY(v.isAcceptance());
        QVERIFY(v.missing().contains(QStringLiteral("Write the acceptance opinion.")));
        // Acceptance covers the whole plan: each planned item still unchecked is named.
        const QString missing = v.missing().join('\n');
        QVERIFY2(missing.contains(QStringLiteral(
                     "1. 中频炉 5吨 — Acceptance: record what was found for this planned item.")),
                 qPrintable(missing));
        QVERIFY2(
            missing.contains(QStringLiteral(
                "2. 工频炉 3吨 ×2 — Acceptance: record what was found for this planned item.")),
            qPrintable(missing));
    }
};

QTEST_GUILESS_MAIN(TestVisitController)
#include "tst_visitcontroller.moc"
