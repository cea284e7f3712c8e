// SqliteOfficeStore: the plan (regions, enterprises, equipment), cards and tasks. Every change
// of an office-owned row appends to the change log in the same transaction.

#include "protocol/recordtype.h"
#include "server/storage/officerows.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

namespace {

void bindEnterpriseFields(Statement &s, const Enterprise &e, const std::string &regionId)
{
    s.bind(1, e.name).bind(2, regionId).bind(3, e.industry).bind(4, e.address);
    s.bind(5, e.legal_representative).bind(6, e.contact_phone);
}

} // namespace

std::string SqliteOfficeStore::regionIdFor(const PlanEntry &entry, PlanImportCounts &counts)
{
    Statement find(m_db, "SELECT id FROM region WHERE name = ?");
    if (find.bind(1, entry.region.name).step())
        return find.text(0);
    std::string id = entry.region.id; // not const: returned by move
    Statement(m_db, "INSERT INTO region (id, name, kind) VALUES (?,?,?)")
        .bind(1, id)
        .bind(2, entry.region.name)
        .bind(3, enumName(entry.region.kind))
        .exec();
    appendChange(wire::kRegion, id, RowKeys{id, {}, {}}, {});
    ++counts.regions_added;
    return id;
}

void SqliteOfficeStore::logEnterpriseMove(const std::string &enterpriseId, const std::string &from,
                                          const std::string &to)
{
    // Rows under a moved enterprise change scope with it: log them so pulls send tombstones.
    const std::pair<std::string_view, const char *> children[] = {
        {wire::kEquipment, "SELECT id FROM equipment WHERE enterprise_id = ?"},
        {wire::kCard, "SELECT id FROM card WHERE enterprise_id = ?"},
        {wire::kReview, "SELECT r.inspection_id FROM review r JOIN inspection i ON i.id = "
                        "r.inspection_id WHERE i.enterprise_id = ?"},
    };
    for (const auto &[type, sql] : children) {
        Statement s(m_db, sql);
        s.bind(1, enterpriseId);
        while (s.step())
            appendChange(type, s.text(0), RowKeys{to, enterpriseId, {}},
                         RowKeys{from, enterpriseId, {}});
    }
}

std::string SqliteOfficeStore::enterpriseIdFor(const PlanEntry &entry, const std::string &regionId,
                                               PlanImportCounts &counts)
{
    using namespace officerows;
    static const std::string findSql =
        std::string("SELECT ") + kEnterpriseColumns + " FROM enterprise e WHERE e.credit_code = ?";
    Statement find(m_db, findSql);
    Enterprise wanted = entry.enterprise;
    wanted.region_id = regionId;
    if (!find.bind(1, wanted.credit_code).step()) {
        wanted.id = entry.enterprise.id;
        Statement ins(m_db, "INSERT INTO enterprise (name, region_id, industry, address, "
                            "legal_representative, contact_phone, id, credit_code) VALUES "
                            "(?,?,?,?,?,?,?,?)");
        bindEnterpriseFields(ins, wanted, regionId);
        ins.bind(7, wanted.id).bind(8, wanted.credit_code).exec();
        appendChange(wire::kEnterprise, wanted.id, RowKeys{regionId, wanted.id, {}}, {});
        ++counts.enterprises_added;
        return wanted.id;
    }
    const Enterprise have = readEnterprise(find, 0);
    find.reset();
    if (sameSheetFields(have, wanted))
        return have.id;
    Statement upd(m_db, "UPDATE enterprise SET name = ?, region_id = ?, industry = ?, address = ?, "
                        "legal_representative = ?, contact_phone = ? WHERE id = ?");
    bindEnterpriseFields(upd, wanted, regionId);
    upd.bind(7, have.id).exec();
    appendChange(wire::kEnterprise, have.id, RowKeys{regionId, have.id, {}},
                 RowKeys{have.region_id, have.id, {}});
    if (have.region_id != regionId)
        logEnterpriseMove(have.id, have.region_id, regionId);
    ++counts.enterprises_updated;
    return have.id;
}

void SqliteOfficeStore::upsertEquipment(const PlanEntry &entry, const std::string &enterpriseId,
                                        PlanImportCounts &counts)
{
    using namespace officerows;
    static const std::string findSql = std::string("SELECT e.region_id, ") + kEquipmentColumns +
                                       " FROM equipment q JOIN enterprise e ON e.id = "
                                       "q.enterprise_id WHERE q.natural_key = ?";
    Statement find(m_db, findSql);
    const Equipment &q = entry.equipment;
    const bool exists = find.bind(1, entry.natural_key).step();
    std::string id = q.id;
    if (exists) {
        const Equipment have = readEquipment(find, 1);
        find.reset();
        if (samePlanFields(have, q) && have.enterprise_id == enterpriseId) {
            ++counts.unchanged;
            return;
        }
        id = have.id;
        ++counts.equipment_updated;
    } else {
        ++counts.equipment_added;
    }
    Statement s(m_db, "INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, "
                      "spec, count, capacity_value, capacity_unit, location_in_plant, plan_year, "
                      "action, dismantle_deadline) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                      "ON CONFLICT(id) DO UPDATE SET enterprise_id = excluded.enterprise_id, "
                      "sheet_line = excluded.sheet_line, kind = excluded.kind, spec = "
                      "excluded.spec, count = excluded.count, capacity_value = "
                      "excluded.capacity_value, capacity_unit = excluded.capacity_unit, "
                      "plan_year = excluded.plan_year, action = excluded.action, "
                      "dismantle_deadline = excluded.dismantle_deadline");
    s.bind(1, id).bind(2, enterpriseId).bind(3, entry.natural_key).bind(4, entry.line);
    s.bind(5, q.kind).bind(6, q.spec).bind(7, q.count).bind(8, q.capacity.value);
    s.bind(9, q.capacity.unit).bind(10, q.location_in_plant).bind(11, q.plan_year);
    s.bind(12, enumName(q.action)).bind(13, q.dismantle_deadline).exec();

    Statement region(m_db, "SELECT region_id FROM enterprise WHERE id = ?");
    region.bind(1, enterpriseId).step();
    appendChange(wire::kEquipment, id, RowKeys{region.text(0), enterpriseId, {}}, {});
}

PlanImportCounts SqliteOfficeStore::importPlan(const std::vector<PlanEntry> &entries)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    PlanImportCounts counts;
    for (const auto &entry : entries) {
        const std::string regionId = regionIdFor(entry, counts);
        const std::string enterpriseId = enterpriseIdFor(entry, regionId, counts);
        if (entry.has_equipment) // a sheet may list an enterprise without equipment
            upsertEquipment(entry, enterpriseId, counts);
    }
    tx.commit();
    return counts;
}

std::optional<Enterprise> SqliteOfficeStore::findEnterpriseByCode(const std::string &creditCode)
{
    std::lock_guard lock(m_mutex);
    static const std::string sql = std::string("SELECT ") + officerows::kEnterpriseColumns +
                                   " FROM enterprise e WHERE e.credit_code = ?";
    Statement s(m_db, sql);
    if (!s.bind(1, creditCode).step())
        return std::nullopt;
    return officerows::readEnterprise(s, 0);
}

std::optional<Region> SqliteOfficeStore::findRegionByName(const std::string &name)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT id, name, kind FROM region WHERE name = ?");
    if (!s.bind(1, name).step())
        return std::nullopt;
    return Region{s.text(0), s.text(1),
                  enumFromString<RegionKind>(s.text(2)).value_or(RegionKind::Town)};
}

std::vector<Region> SqliteOfficeStore::listRegions()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT id, name, kind FROM region ORDER BY name");
    std::vector<Region> out;
    while (s.step())
        out.push_back(
            Region{s.text(0), s.text(1), officerows::enumOr(s.text(2), RegionKind::Town)});
    return out;
}

std::vector<Enterprise> SqliteOfficeStore::listEnterprises()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string("SELECT ") + officerows::kEnterpriseColumns +
                          " FROM enterprise e JOIN region r ON r.id = e.region_id "
                          "ORDER BY r.name, e.name");
    std::vector<Enterprise> out;
    while (s.step())
        out.push_back(officerows::readEnterprise(s, 0));
    return out;
}

std::optional<Enterprise> SqliteOfficeStore::findEnterprise(const std::string &id)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string("SELECT ") + officerows::kEnterpriseColumns +
                          " FROM enterprise e WHERE e.id = ?");
    if (!s.bind(1, id).step())
        return std::nullopt;
    return officerows::readEnterprise(s, 0);
}

void SqliteOfficeStore::insertCardLocked(const Card &card)
{
    Statement region(m_db, "SELECT region_id FROM enterprise WHERE id = ?");
    if (!region.bind(1, card.enterprise_id).step())
        throw StoreRuleError("there is no enterprise with id '" + card.enterprise_id + "'");
    const RowKeys keys{region.text(0), card.enterprise_id, {}};
    region.reset();
    Statement s(m_db, "INSERT INTO card (id, enterprise_id, standard, level, department, "
                      "issued_on, rectify_by, extended_to, state, extension_applied_on, "
                      "extension_reason, source_card_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    s.bind(1, card.id).bind(2, card.enterprise_id).bind(3, enumName(card.standard));
    s.bind(4, enumName(card.level)).bind(5, card.department).bind(6, card.issued_on);
    s.bind(7, card.rectify_by).bind(8, card.extended_to).bind(9, enumName(card.state));
    s.bind(10, card.extension_applied_on).bind(11, card.extension_reason);
    s.bind(12, card.source_card_id).exec();
    appendChange(wire::kCard, card.id, keys, {});
}

void SqliteOfficeStore::recordCardChangeLocked(const CardChange &change, const Card &card)
{
    Statement s(m_db,
                "INSERT INTO card_history (card_id, at, by, action, card) VALUES (?,?,?,?,?)");
    s.bind(1, card.id).bind(2, change.at).bind(3, change.by).bind(4, change.action);
    s.bind(5, Json(card).dump()).exec();
}

void SqliteOfficeStore::addCard(const Card &card, const CardChange &change)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    insertCardLocked(card);
    recordCardChangeLocked(change, card);
    tx.commit();
}

std::optional<Card> SqliteOfficeStore::findCard(const std::string &id)
{
    std::lock_guard lock(m_mutex);
    static const std::string sql =
        std::string("SELECT ") + officerows::kCardColumns + " FROM card c WHERE c.id = ?";
    Statement s(m_db, sql);
    if (!s.bind(1, id).step())
        return std::nullopt;
    return officerows::readCard(s, 0);
}

void SqliteOfficeStore::updateCard(const Card &card, const CardChange &change,
                                   const std::optional<Card> &produced,
                                   std::optional<std::int64_t> expectedVersion)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    if (expectedVersion) {
        // Checked in the same transaction as the change: two clerks cannot both pass.
        Statement v(m_db, "SELECT COUNT(*), (SELECT at FROM card_history WHERE card_id = ?1 ORDER "
                          "BY seq DESC LIMIT 1), (SELECT by FROM card_history WHERE card_id = ?1 "
                          "ORDER BY seq DESC LIMIT 1), (SELECT action FROM card_history WHERE "
                          "card_id = ?1 ORDER BY seq DESC LIMIT 1) FROM card_history WHERE "
                          "card_id = ?1");
        v.bind(1, card.id).step();
        if (v.integer(0) != *expectedVersion)
            throw StaleVersionError(*expectedVersion, v.integer(0),
                                    LastChange{v.isNull(1) ? std::string() : v.text(1),
                                               v.isNull(2) ? std::string() : v.text(2),
                                               v.isNull(3) ? std::string() : v.text(3)});
    }
    Statement region(m_db, "SELECT e.region_id FROM card c JOIN enterprise e ON e.id = "
                           "c.enterprise_id WHERE c.id = ?");
    if (!region.bind(1, card.id).step())
        throw StoreRuleError("there is no card with id '" + card.id + "'");
    const RowKeys keys{region.text(0), card.enterprise_id, {}};
    region.reset();
    Statement s(m_db, "UPDATE card SET rectify_by = ?, extended_to = ?, state = ?, "
                      "extension_applied_on = ?, extension_reason = ? WHERE id = ?");
    s.bind(1, card.rectify_by).bind(2, card.extended_to).bind(3, enumName(card.state));
    s.bind(4, card.extension_applied_on).bind(5, card.extension_reason);
    s.bind(6, card.id).exec();
    appendChange(wire::kCard, card.id, keys, keys);
    recordCardChangeLocked(change, card);
    if (produced) {
        insertCardLocked(*produced);
        recordCardChangeLocked(CardChange{change.at, change.by, "produced", {}}, *produced);
    }
    tx.commit();
}

std::vector<CardChange> SqliteOfficeStore::cardHistory(const std::string &cardId)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT at, by, action, card FROM card_history WHERE card_id = ? ORDER BY "
                      "seq");
    s.bind(1, cardId);
    std::vector<CardChange> out;
    while (s.step())
        out.push_back(CardChange{s.text(0), s.text(1), s.text(2),
                                 decode<Card>(parseJson(s.text(3)), "card")});
    return out;
}

void SqliteOfficeStore::addTask(const Task &task)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    insertTaskLocked(task);
    tx.commit();
}

void SqliteOfficeStore::insertTaskLocked(const Task &task)
{
    Statement region(m_db, "SELECT region_id FROM enterprise WHERE id = ?");
    if (!region.bind(1, task.enterprise_id).step())
        throw StoreRuleError("there is no enterprise with id '" + task.enterprise_id + "'");
    const std::string regionId = region.text(0);
    region.reset();
    if (task.inspectors.empty())
        throw StoreRuleError("a task needs at least one inspector");
    for (const auto &name : task.inspectors) {
        const auto user = userByName(name);
        if (!user)
            throw StoreRuleError("there is no user named '" + name + "'");
        if (!loadScope(user->id, user->username, user->role)
                 .seesEnterprise(task.enterprise_id, regionId))
            throw StoreRuleError("the enterprise is outside " + name +
                                 "'s scope; widen the scope first");
    }
    Statement(m_db, "INSERT INTO task (id, enterprise_id, kind, due) VALUES (?,?,?,?)")
        .bind(1, task.id)
        .bind(2, task.enterprise_id)
        .bind(3, enumName(task.kind))
        .bind(4, task.due)
        .exec();
    int position = 0;
    for (const auto &name : task.inspectors) {
        Statement(m_db, "INSERT OR IGNORE INTO task_inspector (task_id, position, username) "
                        "VALUES (?,?,?)")
            .bind(1, task.id)
            .bind(2, position++)
            .bind(3, name)
            .exec();
    }
    appendChange(wire::kTask, task.id,
                 RowKeys{regionId, task.enterprise_id, joinAssignees(task.inspectors)}, {});
}

void SqliteOfficeStore::removeTask(const std::string &taskId)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    const auto row = RowLoader(m_db).load(wire::kTask, taskId);
    if (!row)
        throw StoreRuleError("there is no task with id '" + taskId + "'");
    Statement(m_db, "DELETE FROM task WHERE id = ?").bind(1, taskId).exec();
    appendChange(wire::kTask, taskId, {}, row->keys);
    tx.commit();
}

std::vector<Task> SqliteOfficeStore::listTasks()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT t.id, t.enterprise_id, t.kind, t.due, ti.username FROM task t "
                      "LEFT JOIN task_inspector ti ON ti.task_id = t.id "
                      "ORDER BY t.due, t.id, ti.position");
    std::vector<Task> out;
    while (s.step()) {
        if (out.empty() || out.back().id != s.text(0)) {
            out.push_back(Task{s.text(0),
                               s.text(1),
                               officerows::enumOr(s.text(2), VisitKind::Survey),
                               s.text(3),
                               {}});
        }
        if (!s.isNull(4))
            out.back().inspectors.push_back(s.text(4));
    }
    return out;
}

} // namespace fp
