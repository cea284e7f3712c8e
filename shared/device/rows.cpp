#include "device/rows.h"

#include "core/json.h"

namespace fp::rows {

namespace {

template <typename E> E enumColumn(const Statement &s, int column)
{
    const std::string text = s.text(column);
    if (auto v = enumFromString<E>(text))
        return *v;
    throw StoreError(
        "unknown " + std::string(EnumNames<E>::type) + " '" + text + "' in the device database", 0);
}

std::string jsonText(const Json &j)
{
    return j.dump();
}

std::vector<std::string> stringList(const Statement &s, int column)
{
    return parseJson(s.text(column)).get<std::vector<std::string>>();
}

/// Binds lat, lon, accuracy at `first`, `first + 1`, `first + 2`.
void bindPosition(Statement &s, int first, const std::optional<Position> &p)
{
    if (p) {
        s.bind(first, p->lat).bind(first + 1, p->lon).bind(first + 2, p->accuracy_m);
    } else {
        s.bindNull(first).bindNull(first + 1).bindNull(first + 2);
    }
}

/// Binds a recorded position's fix age and simulated flag at `first`, `first + 1`.
void bindFixDetails(Statement &s, int first, const std::optional<Position> &p)
{
    if (p && p->fix_age_s)
        s.bind(first, std::int64_t{*p->fix_age_s});
    else
        s.bindNull(first);
    s.bind(first + 1, p && p->simulated);
}

std::optional<Position> positionAt(const Statement &s, int first)
{
    if (s.isNull(first) || s.isNull(first + 1))
        return std::nullopt;
    return Position{s.real(first), s.real(first + 1), s.optReal(first + 2)};
}

/// A recorded position: lat, lon, accuracy at `first`; fix age and simulated at `details`.
std::optional<Position> recordedPositionAt(const Statement &s, int first, int details)
{
    auto p = positionAt(s, first);
    if (p) {
        if (!s.isNull(details))
            p->fix_age_s = static_cast<int>(s.integer(details));
        p->simulated = s.integer(details + 1) != 0;
    }
    return p;
}

constexpr const char *kEnterpriseColumns =
    "id, credit_code, name, region_id, industry, address, legal_representative, "
    "contact_phone, lat, lon, accuracy_m";

Enterprise readEnterprise(const Statement &s)
{
    return Enterprise{s.text(0), s.text(1), s.text(2), s.text(3),       s.text(4),
                      s.text(5), s.text(6), s.text(7), positionAt(s, 8)};
}

constexpr const char *kInspectionColumns =
    "id, task_id, enterprise_id, kind, inspectors, representative, started_at, finished_at, "
    "lat, lon, accuracy_m, state, amends_id, notes, fix_age_s, simulated";

Inspection readInspection(const Statement &s)
{
    Inspection i;
    i.id = s.text(0);
    i.task_id = s.optText(1);
    i.enterprise_id = s.text(2);
    i.kind = enumColumn<VisitKind>(s, 3);
    i.inspectors = stringList(s, 4);
    i.representative = s.text(5);
    i.started_at = s.text(6);
    i.finished_at = s.optText(7);
    i.position = recordedPositionAt(s, 8, 14);
    i.state = enumColumn<InspectionState>(s, 11);
    i.amends_id = s.optText(12);
    i.notes = s.text(13);
    return i;
}

constexpr const char *kCheckColumns =
    "id, inspection_id, equipment_id, unlisted, finding, water_cut, power_cut, "
    "power_units_removed, main_equipment_sealed, seal_numbers, notes, lat, lon, accuracy_m, "
    "checked_at, fix_age_s, simulated";

EquipmentCheck readCheck(const Statement &s)
{
    EquipmentCheck c;
    c.id = s.text(0);
    c.inspection_id = s.text(1);
    c.equipment_id = s.optText(2);
    if (!s.isNull(3))
        c.unlisted = decode<UnlistedItem>(parseJson(s.text(3)));
    c.finding = enumColumn<Finding>(s, 4);
    c.water_cut = s.integer(5) != 0;
    c.power_cut = s.integer(6) != 0;
    c.power_units_removed = s.integer(7) != 0;
    c.main_equipment_sealed = s.integer(8) != 0;
    c.seal_numbers = stringList(s, 9);
    c.notes = s.text(10);
    c.position = recordedPositionAt(s, 11, 15);
    c.checked_at = s.text(14);
    return c;
}

constexpr const char *kPhotoColumns =
    "id, inspection_id, check_id, tag, sha256, size, width, height, taken_at, lat, lon, "
    "accuracy_m, caption, source, fix_age_s, simulated";

Photo readPhoto(const Statement &s)
{
    Photo p;
    p.id = s.text(0);
    p.inspection_id = s.text(1);
    p.check_id = s.optText(2);
    p.tag = enumColumn<EvidenceTag>(s, 3);
    p.sha256 = s.text(4);
    p.size = s.integer(5);
    p.width = static_cast<int>(s.integer(6));
    p.height = static_cast<int>(s.integer(7));
    p.taken_at = s.text(8);
    p.position = recordedPositionAt(s, 9, 14);
    p.caption = s.text(12);
    p.source = enumColumn<PhotoSource>(s, 13);
    return p;
}

std::string select(const char *columns, const char *rest)
{
    return std::string("SELECT ") + columns + " " + rest;
}

} // namespace

// ---- office-owned -------------------------------------------------------------------------

void upsert(Database &db, const Region &v)
{
    Statement s(db, "INSERT OR REPLACE INTO regions (id, name, kind) VALUES (?, ?, ?)");
    s.bind(1, v.id).bind(2, v.name).bind(3, enumName(v.kind)).exec();
}

void upsert(Database &db, const Enterprise &v)
{
    Statement s(db, "INSERT OR REPLACE INTO enterprises (id, credit_code, name, region_id, "
                    "industry, address, legal_representative, contact_phone, lat, lon, "
                    "accuracy_m) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, v.id).bind(2, v.credit_code).bind(3, v.name).bind(4, v.region_id);
    s.bind(5, v.industry).bind(6, v.address).bind(7, v.legal_representative);
    s.bind(8, v.contact_phone);
    bindPosition(s, 9, v.location);
    s.exec();
}

void upsert(Database &db, const Equipment &v)
{
    Statement s(db, "INSERT OR REPLACE INTO equipment (id, enterprise_id, kind, spec, count, "
                    "capacity_value, capacity_unit, location_in_plant, plan_year, action, "
                    "dismantle_deadline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, v.id).bind(2, v.enterprise_id).bind(3, v.kind).bind(4, v.spec).bind(5, v.count);
    s.bind(6, v.capacity.value).bind(7, v.capacity.unit).bind(8, v.location_in_plant);
    s.bind(9, v.plan_year).bind(10, enumName(v.action)).bind(11, v.dismantle_deadline);
    s.exec();
}

void upsert(Database &db, const Card &v)
{
    Statement s(db, "INSERT OR REPLACE INTO cards (id, enterprise_id, standard, level, "
                    "department, issued_on, rectify_by, extended_to, state) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, v.id).bind(2, v.enterprise_id).bind(3, enumName(v.standard));
    s.bind(4, enumName(v.level)).bind(5, v.department).bind(6, v.issued_on);
    s.bind(7, v.rectify_by).bind(8, v.extended_to).bind(9, enumName(v.state)).exec();
}

void upsert(Database &db, const Task &v)
{
    Statement s(db, "INSERT OR REPLACE INTO tasks (id, enterprise_id, kind, due, inspectors) "
                    "VALUES (?, ?, ?, ?, ?)");
    s.bind(1, v.id).bind(2, v.enterprise_id).bind(3, enumName(v.kind)).bind(4, v.due);
    s.bind(5, jsonText(v.inspectors)).exec();
}

void upsert(Database &db, const Review &v)
{
    Statement s(db, "INSERT OR REPLACE INTO reviews (inspection_id, state, reason, reviewed_at) "
                    "VALUES (?, ?, ?, ?)");
    s.bind(1, v.inspection_id).bind(2, enumName(v.state)).bind(3, v.reason);
    s.bind(4, v.reviewed_at).exec();
}

std::vector<Region> regions(Database &db)
{
    Statement s(db, "SELECT id, name, kind FROM regions ORDER BY name");
    std::vector<Region> out;
    while (s.step())
        out.push_back(Region{s.text(0), s.text(1), enumColumn<RegionKind>(s, 2)});
    return out;
}

std::vector<Enterprise> enterprises(Database &db)
{
    Statement s(db, select(kEnterpriseColumns, "FROM enterprises ORDER BY name"));
    std::vector<Enterprise> out;
    while (s.step())
        out.push_back(readEnterprise(s));
    return out;
}

std::optional<Enterprise> enterprise(Database &db, const std::string &id)
{
    Statement s(db, select(kEnterpriseColumns, "FROM enterprises WHERE id = ?"));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readEnterprise(s);
}

std::vector<Equipment> equipmentOf(Database &db, const std::string &enterpriseId)
{
    Statement s(db, "SELECT id, enterprise_id, kind, spec, count, capacity_value, capacity_unit, "
                    "location_in_plant, plan_year, action, dismantle_deadline FROM equipment "
                    "WHERE enterprise_id = ? ORDER BY rowid");
    s.bind(1, enterpriseId);
    std::vector<Equipment> out;
    while (s.step()) {
        out.push_back(Equipment{s.text(0), s.text(1), s.text(2), s.text(3),
                                static_cast<int>(s.integer(4)), Capacity{s.real(5), s.text(6)},
                                s.text(7), static_cast<int>(s.integer(8)),
                                enumColumn<RequiredAction>(s, 9), s.optText(10)});
    }
    return out;
}

std::vector<Card> cardsOf(Database &db, const std::string &enterpriseId)
{
    Statement s(db, "SELECT id, enterprise_id, standard, level, department, issued_on, "
                    "rectify_by, extended_to, state FROM cards WHERE enterprise_id = ? "
                    "ORDER BY issued_on");
    s.bind(1, enterpriseId);
    std::vector<Card> out;
    while (s.step()) {
        out.push_back(Card{s.text(0), s.text(1), enumColumn<CardStandard>(s, 2),
                           enumColumn<CardLevel>(s, 3), s.text(4), s.text(5), s.optText(6),
                           s.optText(7), enumColumn<CardState>(s, 8), std::nullopt, std::nullopt,
                           std::nullopt}); // the lifecycle stays at the office
    }
    return out;
}

std::vector<Task> tasks(Database &db)
{
    Statement s(db, "SELECT id, enterprise_id, kind, due, inspectors FROM tasks ORDER BY due");
    std::vector<Task> out;
    while (s.step()) {
        out.push_back(
            Task{s.text(0), s.text(1), enumColumn<VisitKind>(s, 2), s.text(3), stringList(s, 4)});
    }
    return out;
}

std::optional<Review> review(Database &db, const std::string &inspectionId)
{
    Statement s(db, "SELECT inspection_id, state, reason, reviewed_at FROM reviews "
                    "WHERE inspection_id = ?");
    s.bind(1, inspectionId);
    if (!s.step())
        return std::nullopt;
    return Review{s.text(0), enumColumn<ReviewState>(s, 1), s.text(2), s.text(3)};
}

// ---- device-owned -------------------------------------------------------------------------

void upsert(Database &db, const Inspection &v, std::int64_t revision)
{
    // An UPSERT rather than INSERT OR REPLACE: REPLACE deletes first, which would cascade
    // to the checks and photos under this inspection.
    Statement s(
        db, "INSERT INTO inspections (id, task_id, enterprise_id, kind, inspectors, "
            "representative, started_at, finished_at, lat, lon, accuracy_m, state, "
            "amends_id, notes, revision, fix_age_s, simulated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET task_id = excluded.task_id, "
            "enterprise_id = excluded.enterprise_id, kind = excluded.kind, "
            "inspectors = excluded.inspectors, representative = excluded.representative, "
            "started_at = excluded.started_at, finished_at = excluded.finished_at, "
            "lat = excluded.lat, lon = excluded.lon, accuracy_m = excluded.accuracy_m, "
            "state = excluded.state, amends_id = excluded.amends_id, "
            "notes = excluded.notes, revision = excluded.revision, "
            "fix_age_s = excluded.fix_age_s, simulated = excluded.simulated");
    s.bind(1, v.id).bind(2, v.task_id).bind(3, v.enterprise_id).bind(4, enumName(v.kind));
    s.bind(5, jsonText(v.inspectors)).bind(6, v.representative).bind(7, v.started_at);
    s.bind(8, v.finished_at);
    bindPosition(s, 9, v.position);
    s.bind(12, enumName(v.state)).bind(13, v.amends_id).bind(14, v.notes).bind(15, revision);
    bindFixDetails(s, 16, v.position);
    s.exec();
}

void upsert(Database &db, const EquipmentCheck &v)
{
    Statement s(
        db,
        "INSERT INTO equipment_checks (id, inspection_id, equipment_id, unlisted, "
        "finding, water_cut, power_cut, power_units_removed, main_equipment_sealed, "
        "seal_numbers, notes, lat, lon, accuracy_m, checked_at, fix_age_s, simulated) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
        "equipment_id = excluded.equipment_id, unlisted = excluded.unlisted, "
        "finding = excluded.finding, water_cut = excluded.water_cut, "
        "power_cut = excluded.power_cut, "
        "power_units_removed = excluded.power_units_removed, "
        "main_equipment_sealed = excluded.main_equipment_sealed, "
        "seal_numbers = excluded.seal_numbers, notes = excluded.notes, "
        "lat = excluded.lat, lon = excluded.lon, accuracy_m = excluded.accuracy_m, "
        "checked_at = excluded.checked_at, fix_age_s = excluded.fix_age_s, "
        "simulated = excluded.simulated");
    s.bind(1, v.id).bind(2, v.inspection_id).bind(3, v.equipment_id);
    if (v.unlisted)
        s.bind(4, jsonText(Json(*v.unlisted)));
    else
        s.bindNull(4);
    s.bind(5, enumName(v.finding)).bind(6, v.water_cut).bind(7, v.power_cut);
    s.bind(8, v.power_units_removed).bind(9, v.main_equipment_sealed);
    s.bind(10, jsonText(v.seal_numbers)).bind(11, v.notes);
    bindPosition(s, 12, v.position);
    s.bind(15, v.checked_at);
    bindFixDetails(s, 16, v.position);
    s.exec();
}

void upsert(Database &db, const Photo &v)
{
    Statement s(db,
                "INSERT INTO photos (id, inspection_id, check_id, tag, sha256, size, width, "
                "height, taken_at, lat, lon, accuracy_m, caption, source, fix_age_s, simulated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
                "UPDATE SET check_id = excluded.check_id, "
                "tag = excluded.tag, caption = excluded.caption");
    s.bind(1, v.id).bind(2, v.inspection_id).bind(3, v.check_id).bind(4, enumName(v.tag));
    s.bind(5, v.sha256).bind(6, v.size).bind(7, v.width).bind(8, v.height).bind(9, v.taken_at);
    bindPosition(s, 10, v.position);
    s.bind(13, v.caption).bind(14, enumName(v.source));
    bindFixDetails(s, 15, v.position);
    s.exec();
}

void upsert(Database &db, const Opinion &v)
{
    Statement s(db, "INSERT INTO opinions (id, inspection_id, verdict, text, follow_up_deadline, "
                    "signatures) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                    "verdict = excluded.verdict, text = excluded.text, "
                    "follow_up_deadline = excluded.follow_up_deadline, "
                    "signatures = excluded.signatures");
    s.bind(1, v.id).bind(2, v.inspection_id).bind(3, enumName(v.verdict)).bind(4, v.text);
    s.bind(5, v.follow_up_deadline).bind(6, jsonText(Json(v.signatures))).exec();
}

std::optional<Inspection> inspection(Database &db, const std::string &id)
{
    Statement s(db, select(kInspectionColumns, "FROM inspections WHERE id = ?"));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readInspection(s);
}

std::vector<Inspection> inspectionsOf(Database &db, const std::string &enterpriseId)
{
    Statement s(db, select(kInspectionColumns,
                           "FROM inspections WHERE enterprise_id = ? ORDER BY started_at, id"));
    s.bind(1, enterpriseId);
    std::vector<Inspection> out;
    while (s.step())
        out.push_back(readInspection(s));
    return out;
}

std::vector<EquipmentCheck> checksOf(Database &db, const std::string &inspectionId)
{
    Statement s(
        db, select(kCheckColumns, "FROM equipment_checks WHERE inspection_id = ? ORDER BY rowid"));
    s.bind(1, inspectionId);
    std::vector<EquipmentCheck> out;
    while (s.step())
        out.push_back(readCheck(s));
    return out;
}

std::optional<EquipmentCheck> check(Database &db, const std::string &id)
{
    Statement s(db, select(kCheckColumns, "FROM equipment_checks WHERE id = ?"));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readCheck(s);
}

std::vector<Photo> photosOf(Database &db, const std::string &inspectionId)
{
    Statement s(db, select(kPhotoColumns, "FROM photos WHERE inspection_id = ? ORDER BY rowid"));
    s.bind(1, inspectionId);
    std::vector<Photo> out;
    while (s.step())
        out.push_back(readPhoto(s));
    return out;
}

std::optional<Photo> photo(Database &db, const std::string &id)
{
    Statement s(db, select(kPhotoColumns, "FROM photos WHERE id = ?"));
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    return readPhoto(s);
}

std::optional<Opinion> opinionOf(Database &db, const std::string &inspectionId)
{
    Statement s(db, "SELECT id, inspection_id, verdict, text, follow_up_deadline, signatures "
                    "FROM opinions WHERE inspection_id = ?");
    s.bind(1, inspectionId);
    if (!s.step())
        return std::nullopt;
    Opinion o{s.text(0), s.text(1), enumColumn<Verdict>(s, 2), s.text(3), s.optText(4), {}};
    const Json sigs = parseJson(s.text(5));
    for (std::size_t i = 0; i < sigs.size(); ++i)
        o.signatures.push_back(
            decode<Signature>(sigs[i], "opinion.signatures[" + std::to_string(i) + "]"));
    return o;
}

std::int64_t revisionOf(Database &db, const std::string &inspectionId)
{
    Statement s(db, "SELECT revision FROM inspections WHERE id = ?");
    s.bind(1, inspectionId);
    return s.step() ? s.integer(0) : 0;
}

} // namespace fp::rows
