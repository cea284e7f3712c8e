#include "core/json.h"

#include "core/jsonreader.h"

#include <cmath>
#include <limits>

namespace fp {

namespace {

template <typename E> std::string name(E value)
{
    return std::string(enumName(value));
}

template <typename T> void putOptional(Json &j, const char *key, const std::optional<T> &value)
{
    if (value)
        j[key] = *value;
}

int smallInt(const JsonReader &r, const char *key, int fallback)
{
    const std::int64_t v = r.integerOr(key, fallback);
    if (v < 0 || v > std::numeric_limits<int>::max())
        throw DecodeError(r.field(key), "must be between 0 and 2147483647");
    return static_cast<int>(v);
}

} // namespace

Json parseJson(std::string_view text)
{
    try {
        return Json::parse(text);
    } catch (const Json::parse_error &e) {
        throw DecodeError("$", std::string("malformed JSON: ") + e.what());
    }
}

// T names a type in declarations, where parentheses are not allowed.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define FP_JSON_GLUE(T, NAME)                                                                      \
    template <> T decode<T>(const Json &j)                                                         \
    {                                                                                              \
        return decode<T>(j, NAME);                                                                 \
    }                                                                                              \
    void from_json(const Json &j, T &v)                                                            \
    {                                                                                              \
        v = decode<T>(j);                                                                          \
    }
// NOLINTEND(bugprone-macro-parentheses)

// ---- Position, Capacity -------------------------------------------------------------------

void to_json(Json &j, const Position &v)
{
    j = Json{{"lat", v.lat}, {"lon", v.lon}};
    putOptional(j, "accuracy_m", v.accuracy_m);
    putOptional(j, "fix_age_s", v.fix_age_s);
    if (v.simulated) // optional on the wire: absent means not marked simulated
        j["simulated"] = true;
}

template <> Position decode<Position>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    Position p{r.number("lat"), r.number("lon"), r.optNumber("accuracy_m")};
    if (const auto age = r.optNumber("fix_age_s")) {
        if (*age < 0 || *age > 1e9 || *age != std::floor(*age))
            throw DecodeError(r.field("fix_age_s"), "must be a whole number of seconds, >= 0");
        p.fix_age_s = static_cast<int>(*age);
    }
    p.simulated = r.boolOr("simulated", false);
    if (p.lat < -90 || p.lat > 90)
        throw DecodeError(r.field("lat"), "must be between -90 and 90");
    if (p.lon < -180 || p.lon > 180)
        throw DecodeError(r.field("lon"), "must be between -180 and 180");
    return p;
}
FP_JSON_GLUE(Position, "position")

void to_json(Json &j, const Capacity &v)
{
    j = Json{{"value", v.value}, {"unit", v.unit}};
}

template <> Capacity decode<Capacity>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return Capacity{r.number("value"), r.str("unit")};
}
FP_JSON_GLUE(Capacity, "capacity")

// ---- office-owned -------------------------------------------------------------------------

void to_json(Json &j, const Region &v)
{
    j = Json{{"id", v.id}, {"name", v.name}, {"kind", name(v.kind)}};
}

template <> Region decode<Region>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return Region{r.str("id"), r.str("name"), r.enumValue<RegionKind>("kind")};
}
FP_JSON_GLUE(Region, "region")

void to_json(Json &j, const Enterprise &v)
{
    j = Json{{"id", v.id},
             {"credit_code", v.credit_code},
             {"name", v.name},
             {"region_id", v.region_id},
             {"industry", v.industry},
             {"address", v.address},
             {"legal_representative", v.legal_representative},
             {"contact_phone", v.contact_phone}};
    putOptional(j, "location", v.location);
}

template <> Enterprise decode<Enterprise>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    Enterprise e;
    e.id = r.str("id");
    e.credit_code = r.str("credit_code");
    e.name = r.str("name");
    e.region_id = r.str("region_id");
    e.industry = r.strOr("industry", {});
    e.address = r.strOr("address", {});
    e.legal_representative = r.strOr("legal_representative", {});
    e.contact_phone = r.strOr("contact_phone", {});
    e.location = r.optObject<Position>("location");
    return e;
}
FP_JSON_GLUE(Enterprise, "enterprise")

void to_json(Json &j, const Equipment &v)
{
    j = Json{{"id", v.id},
             {"enterprise_id", v.enterprise_id},
             {"kind", v.kind},
             {"spec", v.spec},
             {"count", v.count},
             {"capacity", v.capacity},
             {"location_in_plant", v.location_in_plant},
             {"plan_year", v.plan_year},
             {"action", name(v.action)}};
    putOptional(j, "dismantle_deadline", v.dismantle_deadline);
}

template <> Equipment decode<Equipment>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    Equipment e;
    e.id = r.str("id");
    e.enterprise_id = r.str("enterprise_id");
    e.kind = r.str("kind");
    e.spec = r.strOr("spec", {});
    e.count = smallInt(r, "count", 1);
    e.capacity = r.object<Capacity>("capacity");
    e.location_in_plant = r.strOr("location_in_plant", {});
    e.plan_year = smallInt(r, "plan_year", 0);
    e.action = r.enumValue<RequiredAction>("action");
    e.dismantle_deadline = r.optStr("dismantle_deadline");
    return e;
}
FP_JSON_GLUE(Equipment, "equipment")

void to_json(Json &j, const Card &v)
{
    j = Json{{"id", v.id},
             {"enterprise_id", v.enterprise_id},
             {"standard", name(v.standard)},
             {"level", name(v.level)},
             {"department", v.department},
             {"issued_on", v.issued_on},
             {"state", name(v.state)}};
    putOptional(j, "rectify_by", v.rectify_by);
    putOptional(j, "extended_to", v.extended_to);
    putOptional(j, "extension_applied_on", v.extension_applied_on);
    putOptional(j, "extension_reason", v.extension_reason);
    putOptional(j, "source_card_id", v.source_card_id);
}

template <> Card decode<Card>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    Card c;
    c.id = r.str("id");
    c.enterprise_id = r.str("enterprise_id");
    c.standard = r.enumValue<CardStandard>("standard");
    c.level = r.enumValue<CardLevel>("level");
    c.department = r.strOr("department", {});
    c.issued_on = r.str("issued_on");
    c.rectify_by = r.optStr("rectify_by");
    c.extended_to = r.optStr("extended_to");
    c.state = r.enumValue<CardState>("state");
    c.extension_applied_on = r.optStr("extension_applied_on");
    c.extension_reason = r.optStr("extension_reason");
    c.source_card_id = r.optStr("source_card_id");
    return c;
}
FP_JSON_GLUE(Card, "card")

void to_json(Json &j, const Task &v)
{
    j = Json{{"id", v.id},
             {"enterprise_id", v.enterprise_id},
             {"kind", name(v.kind)},
             {"due", v.due},
             {"inspectors", v.inspectors}};
}

template <> Task decode<Task>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return Task{r.str("id"), r.str("enterprise_id"), r.enumValue<VisitKind>("kind"), r.str("due"),
                r.strings("inspectors")};
}
FP_JSON_GLUE(Task, "task")

void to_json(Json &j, const Review &v)
{
    j = Json{{"inspection_id", v.inspection_id},
             {"state", name(v.state)},
             {"reason", v.reason},
             {"reviewed_at", v.reviewed_at}};
}

template <> Review decode<Review>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return Review{r.str("inspection_id"), r.enumValue<ReviewState>("state"), r.strOr("reason", {}),
                  r.strOr("reviewed_at", {})};
}
FP_JSON_GLUE(Review, "review")

// ---- device-owned -------------------------------------------------------------------------

void to_json(Json &j, const Inspection &v)
{
    j = Json{{"id", v.id},
             {"enterprise_id", v.enterprise_id},
             {"kind", name(v.kind)},
             {"inspectors", v.inspectors},
             {"representative", v.representative},
             {"started_at", v.started_at},
             {"state", name(v.state)},
             {"notes", v.notes}};
    putOptional(j, "task_id", v.task_id);
    putOptional(j, "finished_at", v.finished_at);
    putOptional(j, "position", v.position);
    putOptional(j, "amends_id", v.amends_id);
}

template <> Inspection decode<Inspection>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    Inspection i;
    i.id = r.str("id");
    i.task_id = r.optStr("task_id");
    i.enterprise_id = r.str("enterprise_id");
    i.kind = r.enumValue<VisitKind>("kind");
    i.inspectors = r.strings("inspectors");
    i.representative = r.strOr("representative", {});
    i.started_at = r.str("started_at");
    i.finished_at = r.optStr("finished_at");
    i.position = r.optObject<Position>("position");
    i.state = r.enumValue<InspectionState>("state");
    i.amends_id = r.optStr("amends_id");
    i.notes = r.strOr("notes", {});
    return i;
}
FP_JSON_GLUE(Inspection, "inspection")

void to_json(Json &j, const UnlistedItem &v)
{
    j = Json{{"kind", v.kind}, {"spec", v.spec}, {"capacity", v.capacity}};
}

template <> UnlistedItem decode<UnlistedItem>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return UnlistedItem{r.str("kind"), r.strOr("spec", {}), r.object<Capacity>("capacity")};
}
FP_JSON_GLUE(UnlistedItem, "unlisted")

void to_json(Json &j, const EquipmentCheck &v)
{
    j = Json{{"id", v.id},
             {"inspection_id", v.inspection_id},
             {"finding", name(v.finding)},
             {"water_cut", v.water_cut},
             {"power_cut", v.power_cut},
             {"power_units_removed", v.power_units_removed},
             {"main_equipment_sealed", v.main_equipment_sealed},
             {"seal_numbers", v.seal_numbers},
             {"notes", v.notes},
             {"checked_at", v.checked_at}};
    putOptional(j, "equipment_id", v.equipment_id);
    putOptional(j, "unlisted", v.unlisted);
    putOptional(j, "position", v.position);
}

template <> EquipmentCheck decode<EquipmentCheck>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    EquipmentCheck c;
    c.id = r.str("id");
    c.inspection_id = r.str("inspection_id");
    c.equipment_id = r.optStr("equipment_id");
    c.unlisted = r.optObject<UnlistedItem>("unlisted");
    if (c.equipment_id.has_value() == c.unlisted.has_value())
        throw DecodeError(path, "needs exactly one of equipment_id and unlisted");
    c.finding = r.enumValue<Finding>("finding");
    c.water_cut = r.boolOr("water_cut", false);
    c.power_cut = r.boolOr("power_cut", false);
    c.power_units_removed = r.boolOr("power_units_removed", false);
    c.main_equipment_sealed = r.boolOr("main_equipment_sealed", false);
    c.seal_numbers = r.strings("seal_numbers");
    c.notes = r.strOr("notes", {});
    c.position = r.optObject<Position>("position");
    c.checked_at = r.str("checked_at");
    return c;
}
FP_JSON_GLUE(EquipmentCheck, "equipment_check")

void to_json(Json &j, const Photo &v)
{
    j = Json{{"id", v.id},           {"inspection_id", v.inspection_id},
             {"tag", name(v.tag)},   {"sha256", v.sha256},
             {"size", v.size},       {"width", v.width},
             {"height", v.height},   {"taken_at", v.taken_at},
             {"caption", v.caption}, {"source", name(v.source)}};
    putOptional(j, "check_id", v.check_id);
    putOptional(j, "position", v.position);
}

template <> Photo decode<Photo>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    Photo p;
    p.id = r.str("id");
    p.inspection_id = r.str("inspection_id");
    p.check_id = r.optStr("check_id");
    p.tag = r.enumValue<EvidenceTag>("tag");
    p.sha256 = r.str("sha256");
    p.size = r.integer("size");
    if (p.size < 0)
        throw DecodeError(r.field("size"), "must not be negative");
    p.width = smallInt(r, "width", 0);
    p.height = smallInt(r, "height", 0);
    p.taken_at = r.str("taken_at");
    p.position = r.optObject<Position>("position");
    p.caption = r.strOr("caption", {});
    // Bundles written before photos recorded their source were all camera photos.
    p.source = r.enumOr("source", PhotoSource::Camera);
    return p;
}
FP_JSON_GLUE(Photo, "photo")

void to_json(Json &j, const Signature &v)
{
    j = Json{
        {"role", name(v.role)}, {"name", v.name}, {"sha256", v.sha256}, {"signed_at", v.signed_at}};
}

template <> Signature decode<Signature>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return Signature{r.enumValue<SignerRole>("role"), r.str("name"), r.str("sha256"),
                     r.strOr("signed_at", {})};
}
FP_JSON_GLUE(Signature, "signature")

void to_json(Json &j, const Opinion &v)
{
    j = Json{{"id", v.id},
             {"inspection_id", v.inspection_id},
             {"verdict", name(v.verdict)},
             {"text", v.text},
             {"signatures", v.signatures}};
    putOptional(j, "follow_up_deadline", v.follow_up_deadline);
}

template <> Opinion decode<Opinion>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    Opinion o;
    o.id = r.str("id");
    o.inspection_id = r.str("inspection_id");
    o.verdict = r.enumValue<Verdict>("verdict");
    o.text = r.strOr("text", {});
    o.follow_up_deadline = r.optStr("follow_up_deadline");
    o.signatures = r.objects<Signature>("signatures");
    return o;
}
FP_JSON_GLUE(Opinion, "opinion")

void to_json(Json &j, const InspectionBundle &v)
{
    j = Json{{"inspection", v.inspection}, {"checks", v.checks}, {"photos", v.photos}};
    putOptional(j, "opinion", v.opinion);
}

template <> InspectionBundle decode<InspectionBundle>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    InspectionBundle b;
    b.inspection = r.object<Inspection>("inspection");
    b.checks = r.objects<EquipmentCheck>("checks");
    b.photos = r.objects<Photo>("photos");
    b.opinion = r.optObject<Opinion>("opinion");
    return b;
}
FP_JSON_GLUE(InspectionBundle, "bundle")

#undef FP_JSON_GLUE

} // namespace fp
