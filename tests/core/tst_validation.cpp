// Domain rules: credit codes (GB 32100-2015), dates, capacities and the evidence rules that
// decide whether an inspection may be finalised (DESIGN §3).

#include "core/error.h"
#include "core/validation.h"
#include "textrows.h"

#include <QFile>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace fp;

Q_DECLARE_METATYPE(fp::InspectionBundle)

namespace {

const std::string kInsp = "insp-1";
const std::string kHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

EquipmentCheck check(const std::string &id, Finding finding, std::vector<std::string> seals = {},
                     const std::string &inspection = kInsp)
{
    EquipmentCheck c;
    c.id = id;
    c.inspection_id = inspection;
    c.equipment_id = "q-" + id;
    c.finding = finding;
    c.seal_numbers = std::move(seals);
    c.checked_at = "2017-10-20T02:00:00.000Z";
    return c;
}

Photo photo(const std::string &id, std::optional<std::string> checkId, EvidenceTag tag,
            const std::string &inspection = kInsp, const std::string &hash = kHash)
{
    Photo p;
    p.id = id;
    p.inspection_id = inspection;
    p.check_id = std::move(checkId);
    p.tag = tag;
    p.sha256 = hash;
    p.taken_at = "2017-10-20T02:01:00.000Z";
    return p;
}

Opinion opinion(std::vector<SignerRole> roles, const std::string &hash = kHash)
{
    Opinion o{"op-1", kInsp, Verdict::Pass, "同意验收", std::nullopt, {}};
    for (SignerRole role : roles)
        o.signatures.push_back({role, role == SignerRole::Inspector ? "张伟" : "刘明", hash,
                                "2017-10-20T03:00:00.000Z"});
    return o;
}

InspectionBundle bundle(VisitKind kind, std::vector<EquipmentCheck> checks,
                        std::vector<Photo> photos = {}, std::optional<Opinion> op = {})
{
    InspectionBundle b;
    b.inspection.id = kInsp;
    b.inspection.enterprise_id = "e-1";
    b.inspection.kind = kind;
    b.inspection.started_at = "2017-10-20T01:30:00.000Z";
    b.checks = std::move(checks);
    b.photos = std::move(photos);
    b.opinion = std::move(op);
    return b;
}

/// A sealed check "c1" with everything it needs, minus what the caller leaves out.
InspectionBundle sealed(bool sealPhoto, bool powerCutPhoto, std::vector<std::string> seals)
{
    std::vector<Photo> photos;
    if (sealPhoto)
        photos.push_back(photo("p-seal", "c1", EvidenceTag::Seal));
    if (powerCutPhoto)
        photos.push_back(photo("p-power", "c1", EvidenceTag::PowerCut));
    return bundle(VisitKind::Exit, {check("c1", Finding::Sealed, std::move(seals))}, photos);
}

QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace

class TestValidation : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void planSampleHasFortyCodes();
    void validCreditCodes_data();
    void validCreditCodes();
    void invalidCreditCodes_data();
    void invalidCreditCodes();
    void creditCodeCheckChar_data();
    void creditCodeCheckChar();
    void creditCodeCheckCharRejects_data();
    void creditCodeCheckCharRejects();
    void dates_data();
    void dates();
    void timestamps_data();
    void timestamps();
    void addMonths_data();
    void addMonths();
    void addMonthsRejectsBadDates();
    void capacityProblem_data();
    void capacityProblem();
    void finaliseProblems_data();
    void finaliseProblems();
    void planProblems_data();
    void planProblems();

  private:
    QStringList m_planCodes; // distinct credit codes of data/plan-sample.csv, in file order
};

void TestValidation::initTestCase()
{
    const QByteArray root = qgetenv("FIELDPROOF_SOURCE_DIR");
    QVERIFY2(!root.isEmpty(), "FIELDPROOF_SOURCE_DIR must name the source tree (ctest sets it)");
    QFile file(QString::fromLocal8Bit(root) + "/data/plan-sample.csv");
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    const QStringList header = QString::fromUtf8(file.readLine()).trimmed().split(',');
    const qsizetype column = header.indexOf(QStringLiteral("统一社会信用代码"));
    QVERIFY2(column >= 0, "the plan has a credit code column");
    while (!file.atEnd()) {
        const QStringList fields = QString::fromUtf8(file.readLine()).trimmed().split(',');
        if (fields.size() > column && !m_planCodes.contains(fields[column]))
            m_planCodes << fields[column];
    }
}

void TestValidation::planSampleHasFortyCodes()
{
    QCOMPARE(m_planCodes.size(), 40);
}

void TestValidation::validCreditCodes_data()
{
    QTest::addColumn<QString>("code");
    for (const QString &code : std::as_const(m_planCodes))
        QTest::newRow(qPrintable("plan " + code)) << code;
    // Published codes of real enterprises, as an independent check of the algorithm.
    for (const char *code :
         {"91350100M000100Y43", "9144030071526726XG", "91330100716105852F", "914403001922038216"})
        QTest::newRow(code) << QString(code);
}

void TestValidation::validCreditCodes()
{
    QFETCH(QString, code);
    const std::string problem = creditCodeProblem(code.toStdString());
    QVERIFY2(problem.empty(), problem.c_str());
    QVERIFY(isValidCreditCode(code.toStdString()));
}

void TestValidation::invalidCreditCodes_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("mentions"); // every one must appear in the problem

    // 91210381G6P2UGEH1D is valid; each row breaks exactly one thing about it.
    QTest::newRow("empty") << "" << QStringList{"empty"};
    QTest::newRow("17 chars") << "91210381G6P2UGEH1" << QStringList{"17 characters", "18"};
    QTest::newRow("19 chars") << "91210381G6P2UGEH1DD" << QStringList{"19 characters", "18"};
    QTest::newRow("15 digits (old number)") << "210381000012345" << QStringList{"15 characters"};
    QTest::newRow("lowercase") << "91210381g6p2ugeh1d"
                               << QStringList{"lowercase", "'g'", "position 9"};
    QTest::newRow("letter I") << "91210381I6P2UGEH1D" << QStringList{"'I'", "position 9", "never"};
    QTest::newRow("letter O") << "91210381G6O2UGEH1D" << QStringList{"'O'", "position 11", "never"};
    QTest::newRow("letter Z") << "91210381G6P2ZGEH1D" << QStringList{"'Z'", "position 13", "never"};
    QTest::newRow("letter S") << "91210381G6P2USEH1D" << QStringList{"'S'", "position 14", "never"};
    QTest::newRow("letter V") << "91210381G6P2UGEH1V" << QStringList{"'V'", "position 18", "never"};
    QTest::newRow("lowercase z") << "91210381G6P2UGEH1z" << QStringList{"lowercase", "position 18"};
    QTest::newRow("hyphen") << "91210381-6P2UGEH1D" << QStringList{"'-'", "position 9"};
    QTest::newRow("space") << "91210381 6P2UGEH1D" << QStringList{"space", "position 9"};
    QTest::newRow("newline") << "91210381\n6P2UGEH1D" << QStringList{"control", "position 9"};
    QTest::newRow("chinese") << QString::fromUtf8("91210381G6P2UGEH1号")
                             << QStringList{"non-ASCII", "position 18"};
    QTest::newRow("full-width digit")
        << QString::fromUtf8("９1210381G6P2UGEH1D") << QStringList{"non-ASCII", "position 1"};
    QTest::newRow("region first") << "91X10381G6P2UGEH1D"
                                  << QStringList{"region code", "position 3", "'X'"};
    QTest::newRow("region letter")
        << "912A0381G6P2UGEH1D" << QStringList{"region code", "position 4", "'A'"};
    QTest::newRow("region last") << "9121038HG6P2UGEH1D"
                                 << QStringList{"region code", "position 8", "'H'"};
    // Organization check changed 1 -> 2 and the final check recomputed, so only it is wrong.
    QTest::newRow("org check digit")
        << "91210381G6P2UGEH2G" << QStringList{"organization code", "'2'", "expected '1'"};
    QTest::newRow("org check X") << "91210381G6P2UGEHX4"
                                 << QStringList{"organization code", "'X'", "expected '1'"};
    QTest::newRow("final check") << "91210381G6P2UGEH1E"
                                 << QStringList{"check character", "position 18", "'E'",
                                                "expected 'D'"};
    QTest::newRow("final check digit")
        << "91210381PXJ03790X7" << QStringList{"position 18", "expected '6'"};
}

void TestValidation::invalidCreditCodes()
{
    QFETCH(QString, code);
    QFETCH(QStringList, mentions);
    const QString problem = qs(creditCodeProblem(code.toStdString()));
    QVERIFY2(!problem.isEmpty(), "the code was accepted");
    QVERIFY(!isValidCreditCode(code.toStdString()));
    QVERIFY2(problem.endsWith('.'), qPrintable(problem));
    for (const QString &m : mentions)
        QVERIFY2(problem.contains(m), qPrintable(problem + " -- lacks: " + m));
}

void TestValidation::creditCodeCheckChar_data()
{
    QTest::addColumn<QString>("first17");
    QTest::addColumn<char>("expected");
    QTest::newRow("plan 1") << "91210381G6P2UGEH1" << 'D';
    QTest::newRow("plan Y") << "91210381GRGBN92L9" << 'Y';
    QTest::newRow("plan 0") << "9121038169Y947RR0" << '0';
    QTest::newRow("plan org X") << "91210381PXJ03790X" << '6';
    QTest::newRow("real 3") << "91350100M000100Y4" << '3';
    QTest::newRow("real G") << "9144030071526726X" << 'G';
    QTest::newRow("real F") << "91330100716105852" << 'F';
    QTest::newRow("real 6") << "91440300192203821" << '6';
}

void TestValidation::creditCodeCheckChar()
{
    QFETCH(QString, first17);
    QFETCH(char, expected);
    QCOMPARE(fp::creditCodeCheckChar(first17.toStdString()), expected);
}

void TestValidation::creditCodeCheckCharRejects_data()
{
    QTest::addColumn<QString>("first17");
    QTest::newRow("letter I") << "91210381I6P2UGEH1";
    QTest::newRow("lowercase") << "91210381g6p2ugeh1";
    QTest::newRow("16 chars") << "91210381G6P2UGEH";
    QTest::newRow("18 chars") << "91210381G6P2UGEH1D";
}

void TestValidation::creditCodeCheckCharRejects()
{
    QFETCH(QString, first17);
    QVERIFY_THROWS_EXCEPTION(ValidationError, fp::creditCodeCheckChar(first17.toStdString()));
}

void TestValidation::dates_data()
{
    fp::test::addTextRowColumns();
    QTest::newRow("ordinary") << "2017-10-31" << true;
    QTest::newRow("leap day 2016") << "2016-02-29" << true;
    QTest::newRow("leap day 2000") << "2000-02-29" << true;
    QTest::newRow("first year") << "1900-01-01" << true;
    QTest::newRow("last year") << "2199-12-31" << true;
    QTest::newRow("no leap 2017") << "2017-02-29" << false;
    QTest::newRow("no leap 1900") << "1900-02-29" << false;
    QTest::newRow("no leap 2100") << "2100-02-29" << false;
    QTest::newRow("feb 30") << "2016-02-30" << false;
    QTest::newRow("april 31") << "2017-04-31" << false;
    QTest::newRow("month 13") << "2017-13-01" << false;
    QTest::newRow("month 0") << "2017-00-10" << false;
    QTest::newRow("day 0") << "2017-01-00" << false;
    QTest::newRow("day 32") << "2017-01-32" << false;
    QTest::newRow("year 1899") << "1899-12-31" << false;
    QTest::newRow("year 2200") << "2200-01-01" << false;
    QTest::newRow("no padding") << "2017-1-5" << false;
    QTest::newRow("slashes") << "2017/10/31" << false;
    QTest::newRow("timestamp") << "2017-10-31T00:00:00.000Z" << false;
    QTest::newRow("trailing space") << "2017-10-31 " << false;
    QTest::newRow("sign") << "2017-+1-01" << false;
    QTest::newRow("chinese") << QString::fromUtf8("2017年10月31日") << false;
    QTest::newRow("empty") << "" << false;
}

void TestValidation::dates()
{
    fp::test::checkTextRow([](const std::string &text) { return isValidDate(text); });
}

void TestValidation::timestamps_data()
{
    fp::test::addTextRowColumns();
    QTest::newRow("ordinary") << "2017-06-01T08:30:00.123Z" << true;
    QTest::newRow("leap day") << "2016-02-29T23:59:59.999Z" << true;
    QTest::newRow("midnight") << "2017-01-01T00:00:00.000Z" << true;
    QTest::newRow("no leap") << "2017-02-29T12:00:00.000Z" << false;
    QTest::newRow("month 13") << "2017-13-01T12:00:00.000Z" << false;
    QTest::newRow("hour 24") << "2017-06-01T24:00:00.000Z" << false;
    QTest::newRow("minute 60") << "2017-06-01T08:60:00.000Z" << false;
    QTest::newRow("second 60") << "2017-06-01T08:30:60.000Z" << false;
    QTest::newRow("no millis") << "2017-06-01T08:30:00Z" << false;
    QTest::newRow("micros") << "2017-06-01T08:30:00.123456Z" << false;
    QTest::newRow("no Z") << "2017-06-01T08:30:00.123" << false;
    QTest::newRow("offset") << "2017-06-01T08:30:00.123+08:00" << false;
    QTest::newRow("space for T") << "2017-06-01 08:30:00.123Z" << false;
    QTest::newRow("lowercase z") << "2017-06-01T08:30:00.123z" << false;
    QTest::newRow("letter in millis") << "2017-06-01T08:30:00.12aZ" << false;
    QTest::newRow("date only") << "2017-06-01" << false;
    QTest::newRow("empty") << "" << false;
}

void TestValidation::timestamps()
{
    fp::test::checkTextRow([](const std::string &text) { return isValidTimestamp(text); });
}

void TestValidation::addMonths_data()
{
    QTest::addColumn<QString>("date");
    QTest::addColumn<int>("months");
    QTest::addColumn<QString>("expected");
    QTest::newRow("yellow card, clamped") << "2017-08-31" << 6 << "2018-02-28";
    QTest::newRow("yellow card, same day") << "2017-05-11" << 6 << "2017-11-11";
    QTest::newRow("into a leap February") << "2015-08-31" << 6 << "2016-02-29";
    QTest::newRow("extension +3") << "2018-02-28" << 3 << "2018-05-28";
    QTest::newRow("extension +3, clamped") << "2017-11-30" << 3 << "2018-02-28";
    QTest::newRow("extension +3, 31st kept") << "2017-10-31" << 3 << "2018-01-31";
    QTest::newRow("to a 30-day month") << "2017-01-31" << 3 << "2017-04-30";
    QTest::newRow("across a year") << "2017-12-15" << 1 << "2018-01-15";
    QTest::newRow("leap day + 12") << "2016-02-29" << 12 << "2017-02-28";
    QTest::newRow("leap day + 48") << "2016-02-29" << 48 << "2020-02-29";
    QTest::newRow("zero") << "2017-05-11" << 0 << "2017-05-11";
    QTest::newRow("backwards") << "2017-03-31" << -1 << "2017-02-28";
    QTest::newRow("backwards across a year") << "2017-01-15" << -2 << "2016-11-15";
}

void TestValidation::addMonths()
{
    QFETCH(QString, date);
    QFETCH(int, months);
    QFETCH(QString, expected);
    QCOMPARE(qs(fp::addMonths(date.toStdString(), months)), expected);
}

void TestValidation::addMonthsRejectsBadDates()
{
    QVERIFY_THROWS_EXCEPTION(ValidationError, fp::addMonths("2017-02-29", 6));
    QVERIFY_THROWS_EXCEPTION(ValidationError, fp::addMonths("2017-08-31T00:00:00.000Z", 6));
    QVERIFY_THROWS_EXCEPTION(ValidationError, fp::addMonths("", 1));
    QVERIFY_THROWS_EXCEPTION(ValidationError, fp::addMonths("2199-12-01", 1));
}

void TestValidation::capacityProblem_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("unit");
    QTest::addColumn<QString>("mentions"); // empty: no problem
    const QString unit = QString::fromUtf8("万吨/年");
    QTest::newRow("ordinary") << 3.7 << unit << "";
    QTest::newRow("tiny") << 0.001 << "t/a"
                          << "";
    QTest::newRow("zero") << 0.0 << unit << "greater than zero";
    QTest::newRow("negative") << -1.5 << unit << "greater than zero";
    QTest::newRow("NaN") << std::numeric_limits<double>::quiet_NaN() << unit << "finite";
    QTest::newRow("infinite") << std::numeric_limits<double>::infinity() << unit << "finite";
    QTest::newRow("no unit") << 3.7 << ""
                             << "unit";
    QTest::newRow("blank unit") << 3.7 << "  "
                                << "unit";
}

void TestValidation::capacityProblem()
{
    QFETCH(double, value);
    QFETCH(QString, unit);
    QFETCH(QString, mentions);
    const QString problem = qs(fp::capacityProblem(Capacity{value, unit.toStdString()}));
    if (mentions.isEmpty())
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    else
        QVERIFY2(problem.contains(mentions), qPrintable(problem));
}

void TestValidation::finaliseProblems_data()
{
    QTest::addColumn<InspectionBundle>("bundle");
    QTest::addColumn<QStringList>("expected"); // "code@subject", any order

    using F = Finding;
    using T = EvidenceTag;
    using R = SignerRole;
    const auto seals = std::vector<std::string>{"HC-0001"};

    QTest::newRow("no checks") << bundle(VisitKind::Survey, {}) << QStringList{"no_checks@insp-1"};
    QTest::newRow("operating needs nothing")
        << bundle(VisitKind::Survey, {check("c1", F::Operating)}) << QStringList{};
    QTest::newRow("missing needs nothing")
        << bundle(VisitKind::Exit, {check("c1", F::Missing)}) << QStringList{};
    QTest::newRow("idle and mismatch need nothing")
        << bundle(VisitKind::Exit, {check("c1", F::IdleUnsealed), check("c2", F::Mismatch)})
        << QStringList{};

    // sealed: seal photo, power_cut photo, seal number
    QTest::newRow("sealed complete") << sealed(true, true, seals) << QStringList{};
    QTest::newRow("sealed without seal photo")
        << sealed(false, true, seals) << QStringList{"sealed_needs_seal_photo@c1"};
    QTest::newRow("sealed without power_cut photo")
        << sealed(true, false, seals) << QStringList{"sealed_needs_power_cut_photo@c1"};
    QTest::newRow("sealed without seal number")
        << sealed(true, true, {}) << QStringList{"sealed_needs_seal_number@c1"};
    QTest::newRow("sealed with blank seal number")
        << sealed(true, true, {" "}) << QStringList{"sealed_needs_seal_number@c1"};
    QTest::newRow("sealed with nothing")
        << sealed(false, false, {})
        << QStringList{"sealed_needs_seal_photo@c1", "sealed_needs_power_cut_photo@c1",
                       "sealed_needs_seal_number@c1"};
    QTest::newRow("sealed, seal photo of another check")
        << bundle(VisitKind::Exit, {check("c1", F::Sealed, seals), check("c2", F::Operating)},
                  {photo("p1", "c2", T::Seal), photo("p2", "c1", T::PowerCut)})
        << QStringList{"sealed_needs_seal_photo@c1"};
    QTest::newRow("sealed, seal photo of the inspection only")
        << bundle(VisitKind::Exit, {check("c1", F::Sealed, seals)},
                  {photo("p1", std::nullopt, T::Seal), photo("p2", "c1", T::PowerCut)})
        << QStringList{"sealed_needs_seal_photo@c1"};
    QTest::newRow("sealed, wrong tag")
        << bundle(VisitKind::Exit, {check("c1", F::Sealed, seals)},
                  {photo("p1", "c1", T::Overview), photo("p2", "c1", T::WaterCut)})
        << QStringList{"sealed_needs_seal_photo@c1", "sealed_needs_power_cut_photo@c1"};
    QTest::newRow("two sealed, one short")
        << bundle(VisitKind::Exit, {check("c1", F::Sealed, seals), check("c2", F::Sealed, seals)},
                  {photo("p1", "c1", T::Seal), photo("p2", "c1", T::PowerCut),
                   photo("p3", "c2", T::Seal)})
        << QStringList{"sealed_needs_power_cut_photo@c2"};

    // dismantled: dismantled_site photo
    QTest::newRow("dismantled with site photo")
        << bundle(VisitKind::Exit, {check("c1", F::Dismantled)},
                  {photo("p1", "c1", T::DismantledSite)})
        << QStringList{};
    QTest::newRow("dismantled without site photo")
        << bundle(VisitKind::Exit, {check("c1", F::Dismantled)}, {photo("p1", "c1", T::Overview)})
        << QStringList{"dismantled_needs_site_photo@c1"};
    QTest::newRow("dismantled, site photo of another check")
        << bundle(VisitKind::Exit, {check("c1", F::Dismantled), check("c2", F::Dismantled)},
                  {photo("p1", "c2", T::DismantledSite)})
        << QStringList{"dismantled_needs_site_photo@c1"};

    // acceptance: an opinion signed by both sides
    const auto accepted = [](std::optional<Opinion> op) {
        return bundle(VisitKind::Acceptance, {check("c1", F::Missing)}, {}, std::move(op));
    };
    QTest::newRow("acceptance signed by both")
        << accepted(opinion({R::Inspector, R::Representative})) << QStringList{};
    QTest::newRow("acceptance without opinion")
        << accepted(std::nullopt) << QStringList{"acceptance_needs_opinion@insp-1"};
    QTest::newRow("acceptance without representative")
        << accepted(opinion({R::Inspector, R::Inspector}))
        << QStringList{"opinion_needs_representative_signature@op-1"};
    QTest::newRow("acceptance without inspector")
        << accepted(opinion({R::Representative}))
        << QStringList{"opinion_needs_inspector_signature@op-1"};
    QTest::newRow("acceptance unsigned")
        << accepted(opinion({}))
        << QStringList{"opinion_needs_inspector_signature@op-1",
                       "opinion_needs_representative_signature@op-1"};
    for (VisitKind kind : {VisitKind::Survey, VisitKind::Exit, VisitKind::Recheck}) {
        QTest::addRow("%s needs no opinion", enumName(kind).data())
            << bundle(kind, {check("c1", F::Operating)}) << QStringList{};
        QTest::addRow("%s with an unsigned opinion", enumName(kind).data())
            << bundle(kind, {check("c1", F::Operating)}, {}, opinion({})) << QStringList{};
    }

    // belonging and hashes
    QTest::newRow("foreign check")
        << bundle(VisitKind::Survey,
                  {check("c1", F::Operating), check("cx", F::Sealed, {}, "other")})
        << QStringList{"foreign_check@cx"};
    QTest::newRow("foreign photo") << bundle(VisitKind::Survey, {check("c1", F::Operating)},
                                             {photo("px", std::nullopt, T::Overview, "other")})
                                   << QStringList{"foreign_photo@px"};
    QTest::newRow("foreign seal photo does not count")
        << bundle(VisitKind::Exit, {check("c1", F::Sealed, seals)},
                  {photo("px", "c1", T::Seal, "other"), photo("p2", "c1", T::PowerCut)})
        << QStringList{"foreign_photo@px", "sealed_needs_seal_photo@c1"};
    QTest::newRow("photo of an unknown check")
        << bundle(VisitKind::Survey, {check("c1", F::Operating)}, {photo("p1", "c9", T::Seal)})
        << QStringList{"photo_unknown_check@p1"};
    QTest::newRow("foreign opinion") << [&] {
        auto b = accepted(opinion({R::Inspector, R::Representative}));
        b.opinion->inspection_id = "other";
        return b;
    }() << QStringList{"foreign_opinion@op-1"};
    QTest::newRow("photo hash uppercase")
        << bundle(VisitKind::Survey, {check("c1", F::Operating)},
                  {photo("p1", "c1", T::Nameplate, kInsp,
                         QByteArray::fromStdString(kHash).toUpper().toStdString())})
        << QStringList{"bad_photo_hash@p1"};
    QTest::newRow("photo hash short")
        << bundle(VisitKind::Survey, {check("c1", F::Operating)},
                  {photo("p1", "c1", T::Nameplate, kInsp, kHash.substr(1))})
        << QStringList{"bad_photo_hash@p1"};
    QTest::newRow("photo hash empty") << bundle(VisitKind::Survey, {check("c1", F::Operating)},
                                                {photo("p1", "c1", T::Nameplate, kInsp, "")})
                                      << QStringList{"bad_photo_hash@p1"};
    QTest::newRow("signature hash bad")
        << accepted(opinion({R::Inspector, R::Representative}, "not-a-hash"))
        << QStringList{"bad_signature_hash@op-1", "bad_signature_hash@op-1"};
}

void TestValidation::finaliseProblems()
{
    QFETCH(InspectionBundle, bundle);
    QFETCH(QStringList, expected);

    QStringList actual;
    for (const Problem &p : fp::finaliseProblems(bundle)) {
        actual << qs(std::string(toString(p.code)) + "@" + p.subject_id);
        QVERIFY2(!p.message.empty() && p.message.back() == '.', p.message.c_str());
    }
    actual.sort();
    expected.sort();
    QCOMPARE(actual, expected);
}

void TestValidation::planProblems_data()
{
    QTest::addColumn<InspectionBundle>("bundle");
    QTest::addColumn<QStringList>("planned"); // equipment ids of the enterprise's plan
    QTest::addColumn<QStringList>("expected");

    using F = Finding;
    using R = SignerRole;
    const auto site = [](const std::string &checkId) {
        return photo("p-" + checkId, checkId, EvidenceTag::DismantledSite);
    };
    const auto both = opinion({R::Inspector, R::Representative});
    Opinion failed = both;
    failed.verdict = Verdict::Fail;

    QTest::newRow("acceptance covering the plan")
        << bundle(VisitKind::Acceptance, {check("c1", F::Dismantled), check("c2", F::Dismantled)},
                  {site("c1"), site("c2")}, both)
        << QStringList{"q-c1", "q-c2"} << QStringList{};
    QTest::newRow("acceptance missing a planned item")
        << bundle(VisitKind::Acceptance, {check("c1", F::Dismantled)}, {site("c1")}, both)
        << QStringList{"q-c1", "q-c2", "q-c3"}
        << QStringList{"acceptance_unchecked_item@q-c2", "acceptance_unchecked_item@q-c3",
                       "pass_needs_dismantled@q-c2", "pass_needs_dismantled@q-c3"};
    QTest::newRow("exit visits may check part of the plan")
        << bundle(VisitKind::Exit, {check("c1", F::Dismantled)}, {site("c1")})
        << QStringList{"q-c1", "q-c2"} << QStringList{};
    QTest::newRow("pass with an item still there")
        << bundle(VisitKind::Acceptance, {check("c1", F::Dismantled), check("c2", F::IdleUnsealed)},
                  {site("c1")}, both)
        << QStringList{"q-c1", "q-c2"} << QStringList{"pass_needs_dismantled@c2"};
    QTest::newRow("fail with an item still there")
        << bundle(VisitKind::Acceptance, {check("c1", F::Dismantled), check("c2", F::Operating)},
                  {site("c1")}, failed)
        << QStringList{"q-c1", "q-c2"} << QStringList{};
    QTest::newRow("the plain rules still apply")
        << bundle(VisitKind::Acceptance, {check("c1", F::Dismantled)}, {}, both)
        << QStringList{"q-c1"}
        << QStringList{"dismantled_needs_site_photo@c1", "pass_needs_dismantled@c1"};
}

void TestValidation::planProblems()
{
    QFETCH(InspectionBundle, bundle);
    QFETCH(QStringList, planned);
    QFETCH(QStringList, expected);

    std::vector<Equipment> plan;
    for (const QString &id : planned) {
        Equipment e;
        e.id = id.toStdString();
        e.enterprise_id = "e-1";
        e.kind = "中频炉";
        plan.push_back(e);
    }
    QStringList actual;
    for (const Problem &p : fp::finaliseProblems(bundle, plan)) {
        actual << qs(std::string(toString(p.code)) + "@" + p.subject_id);
        QVERIFY2(!p.message.empty() && p.message.back() == '.', p.message.c_str());
    }
    actual.sort();
    expected.sort();
    QCOMPARE(actual, expected);
}

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
