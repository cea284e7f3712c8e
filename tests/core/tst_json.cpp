// JSON encoding of every record in types.h: lossless round trips, and decode errors that name
// the offending field's full path.

#include "core/error.h"
#include "core/json.h"

#include <QTest>

#include <functional>
#include <map>

using namespace fp;

/// Encodes a value, dumps it to text, parses and decodes it, and checks it came back equal.
using RoundTripFn = std::function<void()>;
Q_DECLARE_METATYPE(RoundTripFn)

namespace {

const std::string kInspectionId = "0190b3a0-0000-7000-8000-000000000001";
const std::string kCheckA = "0190b3a0-0000-7000-8000-0000000000a1";
const std::string kCheckB = "0190b3a0-0000-7000-8000-0000000000a2";
const std::string kHash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

Position fullPosition()
{
    return {40.8512345, 122.7498765, 8.5};
}
Capacity capacity()
{
    return {3.7, "万吨/年"};
}

Enterprise fullEnterprise()
{
    return {"e-1",  "91210381G6P2UGEH1D", "示例天成钢铁有限公司", "r-1", "钢铁", "海城市马风镇二村",
            "刘明", "13968301432",        fullPosition()};
}

Equipment fullEquipment()
{
    return {"q-1",          "e-1", "中频炉",
            "5吨",          2,     capacity(),
            "一号车间东侧", 2017,  RequiredAction::SealThenDismantle,
            "2018-06-30"};
}

Card fullCard()
{
    return {"c-1",          "e-1",          CardStandard::Environment,
            CardLevel::Red, "海城市环保局", "2017-08-31",
            "2018-02-28",   "2018-05-28",   CardState::Rectified,
            "2018-02-01",   "设备改造",     "c-0"};
}

Task fullTask()
{
    return {"t-1", "e-1", VisitKind::Exit, "2017-10-31", {"张伟", "王芳"}};
}

Inspection fullInspection()
{
    return {kInspectionId,
            "t-1",
            "e-1",
            VisitKind::Acceptance,
            {"张伟", "王芳"},
            "刘明",
            "2017-10-20T01:30:00.000Z",
            "2017-10-20T03:05:12.345Z",
            fullPosition(),
            InspectionState::Final,
            "0190b3a0-0000-7000-8000-0000000000ff",
            "厂区东门封闭；无人值守"};
}

/// An inspection with every optional member unset and every list empty.
Inspection minimalInspection()
{
    return {kInspectionId,
            std::nullopt,
            "e-1",
            VisitKind::Survey,
            {},
            {},
            "2017-10-20T01:30:00.000Z",
            std::nullopt,
            std::nullopt,
            InspectionState::Draft,
            std::nullopt,
            {}};
}

EquipmentCheck plannedCheck()
{
    EquipmentCheck c;
    c.id = kCheckA;
    c.inspection_id = kInspectionId;
    c.equipment_id = "q-1";
    c.finding = Finding::Sealed;
    c.water_cut = true;
    c.power_units_removed = true;
    c.seal_numbers = {"HC-2017-0001", "HC-2017-0002"};
    c.notes = "变压器已拆除";
    c.position = fullPosition();
    c.checked_at = "2017-10-20T02:00:00.000Z";
    return c;
}

EquipmentCheck unlistedCheck()
{
    EquipmentCheck c;
    c.id = kCheckB;
    c.inspection_id = kInspectionId;
    c.unlisted = UnlistedItem{"冲天炉", "2吨", {1.5, "万吨/年"}};
    c.finding = Finding::Mismatch;
    c.checked_at = "2017-10-20T02:10:00.000Z";
    return c;
}

Photo fullPhoto()
{
    return {"p-1",           kInspectionId, kCheckA, EvidenceTag::PowerCut,      kHash,
            5'000'000'000LL, 4000,          3000,    "2017-10-20T02:01:00.500Z", fullPosition(),
            "电源已切断"};
}

Opinion fullOpinion()
{
    return {"o-1",
            kInspectionId,
            Verdict::Conditional,
            "设备已拆除，场地待清理。",
            "2017-12-31",
            {{SignerRole::Inspector, "张伟", kHash, "2017-10-20T03:00:00.000Z"},
             {SignerRole::Representative, "刘明", kHash, "2017-10-20T03:01:00.000Z"}}};
}

InspectionBundle fullBundle()
{
    Photo overview = fullPhoto();
    overview.id = "p-2";
    overview.check_id.reset();
    overview.position.reset();
    overview.tag = EvidenceTag::Overview;
    return {fullInspection(),
            {plannedCheck(), unlistedCheck()},
            {fullPhoto(), overview},
            fullOpinion()};
}

template <typename T> RoundTripFn roundTripOf(T value)
{
    return [value] {
        const Json encoded = value;
        for (const bool asciiOnly : {false, true}) {
            const std::string text = encoded.dump(-1, ' ', asciiOnly);
            try {
                const T decoded = decode<T>(parseJson(text));
                QVERIFY2(decoded == value, text.c_str());
            } catch (const Error &e) {
                QFAIL(qPrintable(QString::fromUtf8(e.what()) + " in " +
                                 QString::fromStdString(text)));
            }
        }
    };
}

/// A valid sample of one type as JSON, and that type's decoder.
struct Kind
{
    std::function<Json()> sample;
    std::function<void(const Json &)> decode;
};

template <typename T> Kind kindOf(T sample)
{
    return {[sample] { return Json(sample); }, [](const Json &j) { (void)fp::decode<T>(j); }};
}

const std::map<QString, Kind> &kinds()
{
    static const std::map<QString, Kind> all = {
        {"position", kindOf(fullPosition())},
        {"capacity", kindOf(capacity())},
        {"region", kindOf(Region{"r-1", "马风镇", RegionKind::Town})},
        {"enterprise", kindOf(fullEnterprise())},
        {"equipment", kindOf(fullEquipment())},
        {"card", kindOf(fullCard())},
        {"task", kindOf(fullTask())},
        {"review", kindOf(Review{kInspectionId, ReviewState::Returned, "缺少封条照片",
                                 "2017-10-21T08:00:00.000Z"})},
        {"equipment_check", kindOf(plannedCheck())},
        {"photo", kindOf(fullPhoto())},
        {"bundle", kindOf(fullBundle())},
    };
    return all;
}

} // namespace

class TestJson : public QObject
{
    Q_OBJECT

  private slots:
    void roundTrip_data();
    void roundTrip();
    void unsetOptionalsAreOmitted();
    void nullOptionalsDecodeAsUnset();
    void unknownKeysAreIgnored();
    void enumNamesRoundTrip();
    void decodeErrors_data();
    void decodeErrors();
    void explicitPathPrefixesErrors();
    void malformedJson_data();
    void malformedJson();
};

void TestJson::roundTrip_data()
{
    QTest::addColumn<RoundTripFn>("check");

    QTest::newRow("position/accuracy") << roundTripOf(fullPosition());
    QTest::newRow("position/no accuracy") << roundTripOf(Position{-0.5, -179.25, std::nullopt});
    QTest::newRow("position/extremes") << roundTripOf(Position{90, 180, 0.0});
    QTest::newRow("capacity") << roundTripOf(capacity());
    QTest::newRow("capacity/small") << roundTripOf(Capacity{0.1, "t/a"});
    QTest::newRow("region/town") << roundTripOf(Region{"r-1", "马风镇", RegionKind::Town});
    QTest::newRow("region/management_area")
        << roundTripOf(Region{"r-2", "东管理区", RegionKind::ManagementArea});
    QTest::newRow("region/development_zone")
        << roundTripOf(Region{"r-3", "海城经济开发区", RegionKind::DevelopmentZone});
    QTest::newRow("enterprise/full") << roundTripOf(fullEnterprise());
    QTest::newRow("enterprise/minimal") << roundTripOf(Enterprise{
        "e-2", "91210381GRGBN92L9Y", "示例新兴钢铁有限公司", "r-3", {}, {}, {}, {}, std::nullopt});
    QTest::newRow("equipment/deadline") << roundTripOf(fullEquipment());
    QTest::newRow("equipment/no deadline") << roundTripOf(Equipment{"q-2",
                                                                    "e-1",
                                                                    "工频炉",
                                                                    {},
                                                                    1,
                                                                    {2.5, "万吨/年"},
                                                                    {},
                                                                    0,
                                                                    RequiredAction::Dismantle,
                                                                    std::nullopt});
    QTest::newRow("card/extended") << roundTripOf(fullCard());
    QTest::newRow("card/no dates") << roundTripOf(Card{"c-2",
                                                       "e-1",
                                                       CardStandard::Energy,
                                                       CardLevel::Yellow,
                                                       {},
                                                       "2017-05-11",
                                                       std::nullopt,
                                                       std::nullopt,
                                                       CardState::Open,
                                                       std::nullopt,
                                                       std::nullopt,
                                                       std::nullopt});
    QTest::newRow("task/inspectors") << roundTripOf(fullTask());
    QTest::newRow("task/nobody") << roundTripOf(
        Task{"t-2", "e-2", VisitKind::Recheck, "2017-11-30", {}});
    QTest::newRow("review/returned") << roundTripOf(
        Review{kInspectionId, ReviewState::Returned, "缺少封条照片", "2017-10-21T08:00:00.000Z"});
    QTest::newRow("review/received")
        << roundTripOf(Review{kInspectionId, ReviewState::Received, {}, {}});
    QTest::newRow("inspection/full") << roundTripOf(fullInspection());
    QTest::newRow("inspection/minimal") << roundTripOf(minimalInspection());
    QTest::newRow("unlisted") << roundTripOf(UnlistedItem{"冲天炉", "2吨", {1.5, "万吨/年"}});
    QTest::newRow("unlisted/no spec") << roundTripOf(UnlistedItem{"其他", {}, {0.3, "万吨/年"}});
    QTest::newRow("check/planned sealed") << roundTripOf(plannedCheck());
    QTest::newRow("check/unlisted") << roundTripOf(unlistedCheck());
    // One flag at a time, so a flag written or read under another flag's name shows.
    const std::pair<const char *, bool EquipmentCheck::*> flags[] = {
        {"water_cut", &EquipmentCheck::water_cut},
        {"power_cut", &EquipmentCheck::power_cut},
        {"power_units_removed", &EquipmentCheck::power_units_removed},
        {"main_equipment_sealed", &EquipmentCheck::main_equipment_sealed}};
    for (const auto &[name, flag] : flags) {
        EquipmentCheck c = unlistedCheck();
        c.*flag = true;
        QTest::addRow("check/only %s", name) << roundTripOf(c);
    }
    QTest::newRow("photo/of check") << roundTripOf(fullPhoto());
    QTest::newRow("photo/of inspection") << roundTripOf(Photo{"p-3",
                                                              kInspectionId,
                                                              std::nullopt,
                                                              EvidenceTag::CommitmentLetter,
                                                              kHash,
                                                              0,
                                                              0,
                                                              0,
                                                              "2017-10-20T02:01:00.000Z",
                                                              std::nullopt,
                                                              {}});
    QTest::newRow("signature/inspector")
        << roundTripOf(Signature{SignerRole::Inspector, "张伟", kHash, "2017-10-20T03:00:00.000Z"});
    QTest::newRow("signature/unsigned time")
        << roundTripOf(Signature{SignerRole::Representative, "刘明", kHash, {}});
    QTest::newRow("opinion/full") << roundTripOf(fullOpinion());
    QTest::newRow("opinion/minimal")
        << roundTripOf(Opinion{"o-2", kInspectionId, Verdict::Fail, {}, std::nullopt, {}});
    QTest::newRow("bundle/full") << roundTripOf(fullBundle());
    QTest::newRow("bundle/empty") << roundTripOf(
        InspectionBundle{fullInspection(), {}, {}, std::nullopt});
}

void TestJson::roundTrip()
{
    QFETCH(RoundTripFn, check);
    QVERIFY(check);
    check();
}

void TestJson::unsetOptionalsAreOmitted()
{
    const Json j = minimalInspection();
    for (const char *key : {"task_id", "finished_at", "position", "amends_id"})
        QVERIFY2(!j.contains(key), key);
    QCOMPARE(Json(Position{1, 2, std::nullopt}).contains("accuracy_m"), false);
}

void TestJson::nullOptionalsDecodeAsUnset()
{
    Json j = fullInspection();
    for (const char *key : {"task_id", "finished_at", "position", "amends_id"})
        j[key] = nullptr;
    const Inspection i = decode<Inspection>(j);
    QVERIFY(!i.task_id && !i.finished_at && !i.position && !i.amends_id);
}

void TestJson::unknownKeysAreIgnored()
{
    Json j = fullBundle();
    j["added_in_v2"] = {{"anything", 1}};
    j["checks"][0]["future_flag"] = true;
    QVERIFY(decode<InspectionBundle>(j) == fullBundle());
}

void TestJson::enumNamesRoundTrip()
{
    // Every value of a few enums through a record field, so a missing or misspelled name shows.
    for (std::size_t i = 0; i < EnumNames<Finding>::names.size(); ++i) {
        EquipmentCheck c = plannedCheck();
        c.finding = static_cast<Finding>(i);
        QCOMPARE(decode<EquipmentCheck>(Json(c)).finding, c.finding);
    }
    for (std::size_t i = 0; i < EnumNames<EvidenceTag>::names.size(); ++i) {
        Photo p = fullPhoto();
        p.tag = static_cast<EvidenceTag>(i);
        QCOMPARE(decode<Photo>(Json(p)).tag, p.tag);
    }
    QCOMPARE(enumName(Finding::IdleUnsealed), std::string_view("idle_unsealed"));
    QCOMPARE(enumFromString<CardLevel>("severe_excess_emission"),
             std::optional(CardLevel::SevereExcessEmission));
    QVERIFY(!enumFromString<CardLevel>("Yellow"));
}

void TestJson::decodeErrors_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("pointer"); // JSON pointer into the valid sample
    QTest::addColumn<QString>("patch");   // JSON text to put there; empty: remove the key
    QTest::addColumn<QString>("path");    // the field the error must name
    QTest::addColumn<QString>("fragment");

    auto row = [](const char *name, const char *type, const char *pointer, const char *patch,
                  const char *path, const char *fragment) {
        QTest::newRow(name) << QString(type) << QString(pointer) << QString::fromUtf8(patch)
                            << QString(path) << QString(fragment);
    };
    // unknown enum values
    row("enum/region kind", "region", "/kind", R"("city")", "region.kind", "unknown value 'city'");
    row("enum/card level", "card", "/level", R"("orange")", "card.level", "for CardLevel");
    row("enum/case matters", "card", "/state", R"("Open")", "card.state", "unknown value 'Open'");
    row("enum/empty", "task", "/kind", R"("")", "task.kind", "unknown value ''");
    row("enum/not a string", "region", "/kind", "3", "region.kind", "expected a string");
    row("enum/nested finding", "bundle", "/checks/1/finding", R"("burnt")",
        "bundle.checks[1].finding", "unknown value 'burnt'");
    row("enum/nested tag", "bundle", "/photos/1/tag", R"("selfie")", "bundle.photos[1].tag",
        "for EvidenceTag");
    row("enum/nested role", "bundle", "/opinion/signatures/1/role", R"("witness")",
        "bundle.opinion.signatures[1].role", "for SignerRole");
    row("enum/nested state", "bundle", "/inspection/state", R"("sealed")",
        "bundle.inspection.state", "for InspectionState");
    // wrong types and ranges
    row("type/credit code number", "enterprise", "/credit_code", "91210381",
        "enterprise.credit_code", "expected a string, got number");
    row("type/location string", "enterprise", "/location", R"("40.8,122.7")", "enterprise.location",
        "expected an object, got string");
    row("type/lat string", "position", "/lat", R"("40.8")", "position.lat", "expected a number");
    row("range/lat", "position", "/lat", "90.5", "position.lat", "between -90 and 90");
    row("range/lon", "position", "/lon", "-181", "position.lon", "between -180 and 180");
    row("type/size fraction", "photo", "/size", "1.5", "photo.size", "expected an integer");
    row("range/size negative", "photo", "/size", "-1", "photo.size", "must not be negative");
    row("range/width", "photo", "/width", "3000000000", "photo.width", "between 0 and");
    row("type/count string", "equipment", "/count", R"("2")", "equipment.count",
        "expected an integer");
    row("type/bool string", "equipment_check", "/water_cut", R"("是")", "equipment_check.water_cut",
        "expected true or false");
    row("type/inspectors string", "task", "/inspectors", R"("张伟")", "task.inspectors",
        "expected an array");
    row("type/inspector number", "task", "/inspectors/1", "7", "task.inspectors[1]",
        "expected a string, got number");
    row("type/photos object", "bundle", "/photos", "{}", "bundle.photos", "expected an array");
    row("type/inspection array", "bundle", "/inspection", "[]", "bundle.inspection",
        "expected an object, got array");
    row("type/nested capacity", "bundle", "/checks/1/unlisted/capacity/value", R"("1.5")",
        "bundle.checks[1].unlisted.capacity.value", "expected a number");
    row("type/nested seal number", "bundle", "/checks/0/seal_numbers/1", "2",
        "bundle.checks[0].seal_numbers[1]", "expected a string");
    row("type/nested position", "bundle", "/photos/0/position/lon", "true",
        "bundle.photos[0].position.lon", "expected a number, got boolean");
    row("type/top level array", "region", "", "[]", "region", "expected an object, got array");
    row("type/top level null", "bundle", "", "null", "bundle", "expected an object, got null");
    // missing required fields
    row("missing/name", "enterprise", "/name", "", "enterprise.name", "is required");
    row("missing/null credit code", "enterprise", "/credit_code", "null", "enterprise.credit_code",
        "is required");
    row("missing/capacity", "equipment", "/capacity", "", "equipment.capacity", "is required");
    row("missing/unit", "capacity", "/unit", "", "capacity.unit", "is required");
    row("missing/issued_on", "card", "/issued_on", "", "card.issued_on", "is required");
    row("missing/review state", "review", "/state", "", "review.state", "is required");
    row("missing/inspection", "bundle", "/inspection", "", "bundle.inspection", "is required");
    row("missing/nested checked_at", "bundle", "/checks/0/checked_at", "",
        "bundle.checks[0].checked_at", "is required");
    row("missing/nested sha256", "bundle", "/opinion/signatures/0/sha256", "",
        "bundle.opinion.signatures[0].sha256", "is required");
    row("missing/equipment and unlisted", "bundle", "/checks/0/equipment_id", "",
        "bundle.checks[0]", "exactly one of equipment_id and unlisted");
    row("both/equipment and unlisted", "equipment_check", "/unlisted",
        R"({"kind":"其他","capacity":{"value":1,"unit":"t"}})", "equipment_check",
        "exactly one of equipment_id and unlisted");
}

void TestJson::decodeErrors()
{
    QFETCH(QString, type);
    QFETCH(QString, pointer);
    QFETCH(QString, patch);
    QFETCH(QString, path);
    QFETCH(QString, fragment);

    const Kind &kind = kinds().at(type);
    Json j = kind.sample();
    kind.decode(j); // the unpatched sample is valid, so the patch alone causes the error

    const Json::json_pointer ptr(pointer.toStdString());
    if (patch.isEmpty()) {
        QVERIFY2(j.contains(ptr), "the key to remove is in the sample");
        j[ptr.parent_pointer()].erase(ptr.back());
    } else {
        j[ptr] = Json::parse(patch.toStdString());
    }
    try {
        kind.decode(j);
        QFAIL("decoding did not throw");
    } catch (const DecodeError &e) {
        const QString message = QString::fromUtf8(e.what());
        QCOMPARE(QString::fromStdString(e.field()), path);
        QVERIFY2(message.startsWith(path + ": "), qPrintable(message));
        QVERIFY2(message.contains(fragment), qPrintable(message));
    }
}

void TestJson::explicitPathPrefixesErrors()
{
    Json j = Region{"r-1", "马风镇", RegionKind::Town};
    j["kind"] = "village";
    try {
        (void)decode<Region>(j, "regions[3]");
        QFAIL("decoding did not throw");
    } catch (const DecodeError &e) {
        QCOMPARE(QString::fromStdString(e.field()), QString("regions[3].kind"));
    }
}

void TestJson::malformedJson_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("unclosed object") << QByteArray("{");
    QTest::newRow("missing value") << QByteArray(R"({"id": })");
    QTest::newRow("unclosed array") << QByteArray("[1, 2");
    QTest::newRow("single quotes") << QByteArray("{'id': 'x'}");
    QTest::newRow("trailing comma") << QByteArray(R"({"id": "x",})");
    QTest::newRow("trailing garbage") << QByteArray("{} x");
    QTest::newRow("bad literal") << QByteArray("nul");
    QTest::newRow("invalid utf-8") << QByteArray("{\"name\": \"\xff\"}");
    QTest::newRow("truncated bundle")
        << QByteArray::fromStdString(Json(fullBundle()).dump()).chopped(3);
}

void TestJson::malformedJson()
{
    QFETCH(QByteArray, text);
    try {
        (void)decode<InspectionBundle>(parseJson(text.toStdString()));
        QFAIL("parsing did not throw");
    } catch (const DecodeError &e) {
        QCOMPARE(QString::fromStdString(e.field()), QString("$"));
        QVERIFY2(QString::fromUtf8(e.what()).startsWith("$: malformed JSON"), e.what());
    }
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"
