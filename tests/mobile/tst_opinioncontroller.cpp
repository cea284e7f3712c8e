// OpinionController and SignaturePad: verdict, text and deadline saved at once; signatures
// drawn on the pad stored as PNG blobs; the acceptance rule satisfied; read-only once final.

#include "app/appstore.h"
#include "appfixture.h"
#include "controllers/opinioncontroller.h"
#include "controllers/visitcontroller.h"
#include "devicefixture.h"
#include "photo/signaturepad.h"
#include "text/vocabulary.h"

#include <QImage>
#include <QSignalSpy>
#include <QTest>

using namespace fp;

class TestOpinionController : public QObject
{
    Q_OBJECT

    test::StoreSeries m_stores;
    std::unique_ptr<AppStore> m_store;
    QString m_visit;

    QByteArray signature()
    {
        SignaturePad pad;
        pad.setSize(QSizeF(600, 200));
        if (!pad.empty())
            return {};
        pad.addStroke(QPointF(20, 150), QPointF(300, 40));
        pad.addStroke(QPointF(300, 40), QPointF(580, 160));
        return pad.toPng();
    }

  private Q_SLOTS:
    void init()
    {
        m_store = m_stores.nextOnMiniPlan();
        m_visit = QString::fromStdString(m_store->with([](DeviceStore &s) {
            const std::string visit =
                test::startMiniVisit(s, VisitKind::Acceptance, {"zhang"}, "刘明");
            for (const char *item : {"eq1", "eq2"}) // acceptance covers the whole plan
                test::saveFinding(s, visit, item, Finding::Operating);
            return visit;
        }));
    }
    void cleanup() { m_store.reset(); }

    void padMakesAGrayscalePng()
    {
        SignaturePad pad;
        pad.setSize(QSizeF(400, 160));
        QSignalSpy strokes(&pad, &SignaturePad::strokesChanged);
        QVERIFY(pad.empty());
        QVERIFY(pad.toPng().isEmpty());
        pad.addStroke(QPointF(10, 10), QPointF(390, 150));
        QVERIFY(!pad.empty());
        QCOMPARE(strokes.count(), 1);
        const QImage png = QImage::fromData(pad.toPng(), "PNG");
        QCOMPARE(png.size(), QSize(400, 160));
        QCOMPARE(png.pixelColor(200, 80).lightness() < 100, true); // on the stroke
        QCOMPARE(png.pixelColor(20, 150).lightness() > 200, true); // paper
        pad.clear();
        QVERIFY(pad.empty());
    }

    void opinionIsSavedAsItIsTyped()
    {
        OpinionController o;
        test::bindToVisit(o, m_store.get(), m_visit);
        QVERIFY(!o.exists());
        QVERIFY(!o.readOnly());
        o.setVerdict(Vocabulary::Conditional);
        o.setText(QStringLiteral("主体设备已封存，须限期拆除。"));
        QSignalSpy failed(&o, &OpinionController::failed);
        o.setFollowUpDeadline(QStringLiteral("2017-02-30"));
        QCOMPARE(failed.count(), 1);
        o.setFollowUpDeadline(QStringLiteral("2017-12-30"));
        QVERIFY(o.exists());
        const auto saved =
            m_store->with([&](DeviceStore &s) { return s.bundle(m_visit.toStdString()).opinion; });
        QVERIFY(saved.has_value());
        QCOMPARE(saved->verdict, Verdict::Conditional);
        QCOMPARE(saved->text, std::string("主体设备已封存，须限期拆除。"));
        QCOMPARE(saved->follow_up_deadline, std::optional<std::string>("2017-12-30"));
        o.setFollowUpDeadline(QString());
        QCOMPARE(o.followUpDeadline(), QString());
        o.setDeadlineInMonths(3);
        QCOMPARE(o.followUpDeadline(), QDate::currentDate().addMonths(3).toString(Qt::ISODate));
    }

    void signaturesSatisfyTheAcceptanceRule()
    {
        OpinionController o;
        test::bindToVisit(o, m_store.get(), m_visit);
        VisitController v;
        test::bindToVisit(v, m_store.get(), m_visit);
        QSignalSpy failed(&o, &OpinionController::failed);
        QVERIFY(!o.addSignature(Vocabulary::Inspector, QStringLiteral("张伟"), {}));
        QVERIFY(!o.addSignature(Vocabulary::Inspector, QStringLiteral(" "), signature()));
        QCOMPARE(failed.count(), 2);

        o.setText(QStringLiteral("设备仍在生产，不予通过验收"));
        o.setVerdict(Vocabulary::Fail); // "pass" with items still operating cannot be finalised
        QVERIFY(o.addSignature(Vocabulary::Inspector, QStringLiteral("张伟"), signature()));
        QVERIFY(o.hasInspectorSignature());
        QVERIFY(!o.hasRepresentativeSignature());
        QVERIFY(!v.canFinalise());
        QVERIFY(o.addSignature(Vocabulary::Representative, QStringLiteral("刘明"), signature()));
        QVERIFY(o.hasRepresentativeSignature());
        QCOMPARE(o.signatures().size(), 2);
        const QVariantMap first = o.signatures().first().toMap();
        QCOMPARE(first.value("name").toString(), QStringLiteral("张伟"));
        QVERIFY(QFile::exists(first.value("url").toUrl().toLocalFile()));
        QVERIFY(v.canFinalise());
        o.setVerdict(Vocabulary::Pass); // signed: frozen (signedOpinionIsFrozenUntilConfirmed)
        QCOMPARE(o.verdict(), int(Vocabulary::Fail));
        o.cancelPendingChange();
        QVERIFY(v.canFinalise());

        QVERIFY(o.removeSignature(1));
        QVERIFY(!o.hasRepresentativeSignature());
        QVERIFY(!o.removeSignature(5));
        QVERIFY(o.addSignature(Vocabulary::Representative, QStringLiteral("刘明"), signature()));
        QVERIFY(v.finalise());
        QVERIFY(o.readOnly());
        QVERIFY(!o.addSignature(Vocabulary::Inspector, QStringLiteral("李娜"), signature()));
    }

    void signedOpinionIsFrozenUntilConfirmed()
    {
        OpinionController o;
        test::bindToVisit(o, m_store.get(), m_visit);
        VisitController v;
        test::bindToVisit(v, m_store.get(), m_visit);
        o.setVerdict(Vocabulary::Fail);
        o.setText(QStringLiteral("设备仍在生产，不予通过验收"));
        o.setFollowUpDeadline(QStringLiteral("2017-12-30"));
        QVERIFY(!o.isSigned());
        QVERIFY(o.addSignature(Vocabulary::Inspector, QStringLiteral("张伟"), signature()));
        QVERIFY(o.addSignature(Vocabulary::Representative, QStringLiteral("刘明"), signature()));
        QVERIFY(o.isSigned());
        QVERIFY(v.canFinalise());
        auto stored = [&] {
            return *m_store->with(
                [&](DeviceStore &s) { return s.bundle(m_visit.toStdString()).opinion; });
        };
        const Opinion signedOpinion = stored();

        // Each change asks first and keeps the signed opinion as it was.
        QSignalSpy ask(&o, &OpinionController::signaturesWouldClear);
        o.setVerdict(Vocabulary::Pass);
        QCOMPARE(ask.count(), 1);
        QVERIFY(o.changePending());
        QCOMPARE(o.verdict(), int(Vocabulary::Fail));
        QCOMPARE(stored(), signedOpinion);
        o.cancelPendingChange();
        QVERIFY(!o.changePending());
        o.setText(QStringLiteral("同意通过验收"));
        QCOMPARE(ask.count(), 2);
        QCOMPARE(o.text(), QStringLiteral("设备仍在生产，不予通过验收"));
        o.cancelPendingChange();
        o.setFollowUpDeadline(QString());
        QCOMPARE(ask.count(), 3);
        o.cancelPendingChange();
        QCOMPARE(stored(), signedOpinion);
        QVERIFY(!o.confirmClearSignatures()); // nothing waits
        o.setVerdict(Vocabulary::Fail);       // no change: nothing to ask
        QCOMPARE(ask.count(), 3);

        // Confirmed: the change is saved and the signatures are gone, the visit needs them again.
        o.setVerdict(Vocabulary::Pass);
        QCOMPARE(ask.count(), 4);
        QVERIFY(o.confirmClearSignatures());
        QCOMPARE(o.verdict(), int(Vocabulary::Pass));
        QVERIFY(!o.isSigned());
        QVERIFY(o.signatures().isEmpty());
        QCOMPARE(stored().verdict, Verdict::Pass);
        QVERIFY(stored().signatures.empty());
        QVERIFY(!v.canFinalise());
        // Both items are still operating: "pass" cannot be finalised even when signed again.
        QVERIFY(o.addSignature(Vocabulary::Inspector, QStringLiteral("张伟"), signature()));
        QVERIFY(o.addSignature(Vocabulary::Representative, QStringLiteral("刘明"), signature()));
        QVERIFY(!v.canFinalise());
        QVERIFY(v.missing().join('\n').contains(QStringLiteral("\"pass\" verdict")));
        // Unsigned content changes need no confirmation.
        QVERIFY(o.removeSignature(1));
        QVERIFY(o.removeSignature(0));
        o.setText(QStringLiteral("不予通过"));
        QCOMPARE(ask.count(), 4);
        QCOMPARE(stored().text, std::string("不予通过"));
    }
};

QTEST_MAIN(TestOpinionController) // SignaturePad is a Qt Quick item: needs a QGuiApplication
#include "tst_opinioncontroller.moc"
