// PgOfficeStore: the plan (regions, enterprises, equipment), cards and tasks. Every change of
// an office-owned row appends to the change log at the end of its transaction (appendChanges).

#include "protocol/recordtype.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"
#include "server/pgstore/pgrows.h"
#include "server/storage/officerows.h"

#include <algorithm>
#include <array>

namespace fp {

namespace {

/// One plan import, in one transaction (PgOfficeStore::importPlan).
class PlanImport
{
  public:
    PlanImport(PgConnection &db, std::vector<PgChange> &changes) : m_db(db), m_changes(changes) {}

    std::string regionIdFor(const PlanEntry &entry, PlanImportCounts &counts)
    {
        const PgResult found =
            m_db.exec("SELECT id FROM region WHERE name = $1", {entry.region.name});
        if (found.rows() > 0)
            return found.text(0, 0);
        std::string id = entry.region.id;
        insertOnce("INSERT INTO region (id, name, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                   {id, entry.region.name, std::string(enumName(entry.region.kind))});
        m_changes.push_back(PgChange{std::string(wire::kRegion), id, RowKeys{id, {}, {}}, {}});
        ++counts.regions_added;
        return id;
    }

    std::string enterpriseIdFor(const PlanEntry &entry, const std::string &regionId,
                                PlanImportCounts &counts)
    {
        static const std::string findSql = std::string("SELECT ") + officerows::kEnterpriseColumns +
                                           " FROM enterprise e WHERE e.credit_code = $1 FOR UPDATE";
        Enterprise wanted = entry.enterprise;
        wanted.region_id = regionId;
        const PgResult found = m_db.exec(findSql, {wanted.credit_code});
        if (found.rows() == 0) {
            wanted.id = entry.enterprise.id;
            insertOnce("INSERT INTO enterprise (name, region_id, industry, address, "
                       "legal_representative, contact_phone, id, credit_code) VALUES ($1, $2, $3, "
                       "$4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
                       {wanted.name, regionId, wanted.industry, wanted.address,
                        wanted.legal_representative, wanted.contact_phone, wanted.id,
                        wanted.credit_code});
            m_changes.push_back(PgChange{
                std::string(wire::kEnterprise), wanted.id, RowKeys{regionId, wanted.id, {}}, {}});
            ++counts.enterprises_added;
            return wanted.id;
        }
        const Enterprise have = pgrows::readEnterprise(found, 0, 0);
        if (sameSheetFields(have, wanted))
            return have.id;
        m_db.exec("UPDATE enterprise SET name = $1, region_id = $2, industry = $3, address = $4, "
                  "legal_representative = $5, contact_phone = $6 WHERE id = $7",
                  {wanted.name, regionId, wanted.industry, wanted.address,
                   wanted.legal_representative, wanted.contact_phone, have.id});
        m_changes.push_back(PgChange{std::string(wire::kEnterprise), have.id,
                                     RowKeys{regionId, have.id, {}},
                                     RowKeys{have.region_id, have.id, {}}});
        if (have.region_id != regionId)
            logEnterpriseMove(have.id, have.region_id, regionId);
        ++counts.enterprises_updated;
        return have.id;
    }

    void upsertEquipment(const PlanEntry &entry, const std::string &enterpriseId,
                         PlanImportCounts &counts)
    {
        static const std::string findSql =
            std::string("SELECT e.region_id, ") + officerows::kEquipmentColumns +
            " FROM equipment q JOIN enterprise e ON e.id = "
            "q.enterprise_id WHERE q.natural_key = $1 FOR UPDATE OF q";
        const Equipment &q = entry.equipment;
        const PgResult found = m_db.exec(findSql, {entry.natural_key});
        std::string id = q.id;
        if (found.rows() > 0) {
            const Equipment have = pgrows::readEquipment(found, 0, 1);
            if (samePlanFields(have, q) && have.enterprise_id == enterpriseId) {
                ++counts.unchanged;
                return;
            }
            id = have.id;
            ++counts.equipment_updated;
        } else {
            ++counts.equipment_added;
        }
        const std::vector<PgParam> values{id,
                                          enterpriseId,
                                          entry.natural_key,
                                          std::to_string(entry.line),
                                          q.kind,
                                          q.spec,
                                          std::to_string(q.count),
                                          pgrows::realText(q.capacity.value),
                                          q.capacity.unit,
                                          q.location_in_plant,
                                          std::to_string(q.plan_year),
                                          std::string(enumName(q.action)),
                                          q.dismantle_deadline};
        if (found.rows() > 0) {
            // As on SQLite: the natural key and the place in the plant stay as first imported.
            m_db.exec("INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, "
                      "spec, count, capacity_value, capacity_unit, location_in_plant, plan_year, "
                      "action, dismantle_deadline) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                      "$10, $11, $12, $13) ON CONFLICT (id) DO UPDATE SET enterprise_id = "
                      "excluded.enterprise_id, sheet_line = excluded.sheet_line, kind = "
                      "excluded.kind, spec = excluded.spec, count = excluded.count, "
                      "capacity_value = excluded.capacity_value, capacity_unit = "
                      "excluded.capacity_unit, plan_year = excluded.plan_year, action = "
                      "excluded.action, dismantle_deadline = excluded.dismantle_deadline",
                      values);
        } else {
            insertOnce("INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, "
                       "spec, count, capacity_value, capacity_unit, location_in_plant, plan_year, "
                       "action, dismantle_deadline) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
                       "$10, $11, $12, $13) ON CONFLICT DO NOTHING",
                       values);
        }
        const PgResult region =
            m_db.exec("SELECT region_id FROM enterprise WHERE id = $1", {enterpriseId});
        m_changes.push_back(PgChange{
            std::string(wire::kEquipment), id, RowKeys{region.text(0, 0), enterpriseId, {}}, {}});
    }

  private:
    /// An insert after a look-up that found nothing: when another server inserted the row
    /// meanwhile, the whole import runs again.
    void insertOnce(const std::string &sql, const std::vector<PgParam> &values)
    {
        if (m_db.exec(sql, values).affected() == 0)
            throw PgConcurrentWrite{};
    }

    void logEnterpriseMove(const std::string &enterpriseId, const std::string &from,
                           const std::string &to)
    {
        // Rows under a moved enterprise change scope with it: log them so pulls send
        // tombstones.
        const std::pair<std::string_view, const char *> children[] = {
            {wire::kEquipment, "SELECT id FROM equipment WHERE enterprise_id = $1 ORDER BY id"},
            {wire::kCard, "SELECT id FROM card WHERE enterprise_id = $1 ORDER BY id"},
            {wire::kReview, "SELECT r.inspection_id FROM review r JOIN inspection i ON i.id = "
                            "r.inspection_id WHERE i.enterprise_id = $1 ORDER BY r.inspection_id"},
        };
        for (const auto &[type, sql] : children) {
            const PgResult rows = m_db.exec(sql, {enterpriseId});
            for (int i = 0; i < rows.rows(); ++i)
                m_changes.push_back(PgChange{std::string(type), rows.text(i, 0),
                                             RowKeys{to, enterpriseId, {}},
                                             RowKeys{from, enterpriseId, {}}});
        }
    }

    PgConnection &m_db;
    std::vector<PgChange> &m_changes;
};

} // namespace

PlanImportCounts PgOfficeStore::importPlan(const std::vector<PlanEntry> &entries)
{
    const PgPool::Lease lease(m_pool);
    return pgRetrying("the plan import", [&] {
        PgTransaction tx(m_db);
        std::vector<PgChange> changes;
        PlanImport import(m_db, changes);
        PlanImportCounts counts;
        for (const auto &entry : entries) {
            const std::string regionId = import.regionIdFor(entry, counts);
            const std::string enterpriseId = import.enterpriseIdFor(entry, regionId, counts);
            if (entry.has_equipment) // a sheet may list an enterprise without equipment
                import.upsertEquipment(entry, enterpriseId, counts);
        }
        const auto log = appendChanges(changes, {});
        tx.commit();
        return counts;
    });
}

std::optional<Enterprise> PgOfficeStore::findEnterpriseByCode(const std::string &creditCode)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = std::string("SELECT ") + officerows::kEnterpriseColumns +
                                   " FROM enterprise e WHERE e.credit_code = $1";
    const PgResult r = m_db.exec(sql, {creditCode});
    if (r.rows() == 0)
        return std::nullopt;
    return pgrows::readEnterprise(r, 0, 0);
}

std::optional<Region> PgOfficeStore::findRegionByName(const std::string &name)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("SELECT id, name, kind FROM region WHERE name = $1", {name});
    if (r.rows() == 0)
        return std::nullopt;
    return Region{r.text(0, 0), r.text(0, 1), officerows::enumOr(r.text(0, 2), RegionKind::Town)};
}

std::vector<Region> PgOfficeStore::listRegions()
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("SELECT id, name, kind FROM region ORDER BY name");
    std::vector<Region> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(
            Region{r.text(i, 0), r.text(i, 1), officerows::enumOr(r.text(i, 2), RegionKind::Town)});
    return out;
}

std::vector<Enterprise> PgOfficeStore::listEnterprises()
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = std::string("SELECT ") + officerows::kEnterpriseColumns +
                                   " FROM enterprise e JOIN region r ON r.id = e.region_id "
                                   "ORDER BY r.name, e.name";
    const PgResult r = m_db.exec(sql);
    std::vector<Enterprise> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(pgrows::readEnterprise(r, i, 0));
    return out;
}

std::optional<Enterprise> PgOfficeStore::findEnterprise(const std::string &id)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = std::string("SELECT ") + officerows::kEnterpriseColumns +
                                   " FROM enterprise e WHERE e.id = $1";
    const PgResult r = m_db.exec(sql, {id});
    if (r.rows() == 0)
        return std::nullopt;
    return pgrows::readEnterprise(r, 0, 0);
}

void PgOfficeStore::insertCard(const Card &card, std::vector<PgChange> &changes)
{
    const PgResult region =
        m_db.exec("SELECT region_id FROM enterprise WHERE id = $1", {card.enterprise_id});
    if (region.rows() == 0)
        throw StoreRuleError("there is no enterprise with id '" + card.enterprise_id + "'");
    m_db.exec("INSERT INTO card (id, enterprise_id, standard, level, department, issued_on, "
              "rectify_by, extended_to, state, extension_applied_on, extension_reason, "
              "source_card_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
              {card.id, card.enterprise_id, std::string(enumName(card.standard)),
               std::string(enumName(card.level)), card.department, card.issued_on, card.rectify_by,
               card.extended_to, std::string(enumName(card.state)), card.extension_applied_on,
               card.extension_reason, card.source_card_id});
    changes.push_back(PgChange{
        std::string(wire::kCard), card.id, RowKeys{region.text(0, 0), card.enterprise_id, {}}, {}});
}

void PgOfficeStore::recordCardChange(const CardChange &change, const Card &card)
{
    m_db.exec("INSERT INTO card_history (card_id, at, by, action, card) VALUES ($1, $2, $3, $4, "
              "$5)",
              {card.id, change.at, change.by, change.action, Json(card).dump()});
}

void PgOfficeStore::addCard(const Card &card, const CardChange &change)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    std::vector<PgChange> changes;
    try {
        insertCard(card, changes);
    } catch (const PgError &e) {
        if (e.isUniqueViolation())
            throw StoreRuleError("a card with id '" + card.id + "' already exists");
        throw;
    }
    recordCardChange(change, card);
    const auto log = appendChanges(changes, {});
    tx.commit();
}

std::optional<Card> PgOfficeStore::findCard(const std::string &id)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql =
        std::string("SELECT ") + officerows::kCardColumns + " FROM card c WHERE c.id = $1";
    const PgResult r = m_db.exec(sql, {id});
    if (r.rows() == 0)
        return std::nullopt;
    return pgrows::readCard(r, 0, 0);
}

void PgOfficeStore::updateCard(const Card &card, const CardChange &change,
                               const std::optional<Card> &produced,
                               std::optional<std::int64_t> expectedVersion)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    // The card's row, locked until the commit: two clerks on two servers take turns, and the
    // second sees the first's history entry.
    const PgResult region = m_db.exec("SELECT e.region_id FROM card c JOIN enterprise e ON e.id = "
                                      "c.enterprise_id WHERE c.id = $1 FOR UPDATE OF c",
                                      {card.id});
    if (region.rows() == 0)
        throw StoreRuleError("there is no card with id '" + card.id + "'");
    if (expectedVersion) {
        const PgResult v = m_db.exec(
            "SELECT (SELECT count(*) FROM card_history WHERE card_id = $1), h.at, h.by, h.action "
            "FROM (SELECT 1) one LEFT JOIN (SELECT at, by, action FROM card_history WHERE "
            "card_id = $1 ORDER BY seq DESC LIMIT 1) h ON true",
            {card.id});
        if (v.integer(0, 0) != *expectedVersion)
            throw StaleVersionError(*expectedVersion, v.integer(0, 0),
                                    LastChange{v.optText(0, 1).value_or(""),
                                               v.optText(0, 2).value_or(""),
                                               v.optText(0, 3).value_or("")});
    }
    const RowKeys keys{region.text(0, 0), card.enterprise_id, {}};
    m_db.exec("UPDATE card SET rectify_by = $1, extended_to = $2, state = $3, "
              "extension_applied_on = $4, extension_reason = $5 WHERE id = $6",
              {card.rectify_by, card.extended_to, std::string(enumName(card.state)),
               card.extension_applied_on, card.extension_reason, card.id});
    std::vector<PgChange> changes{PgChange{std::string(wire::kCard), card.id, keys, keys}};
    recordCardChange(change, card);
    if (produced) {
        insertCard(*produced, changes);
        recordCardChange(CardChange{change.at, change.by, "produced", {}}, *produced);
    }
    const auto log = appendChanges(changes, {});
    tx.commit();
}

std::vector<CardChange> PgOfficeStore::cardHistory(const std::string &cardId)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec(
        "SELECT at, by, action, card FROM card_history WHERE card_id = $1 ORDER BY seq", {cardId});
    std::vector<CardChange> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(CardChange{r.text(i, 0), r.text(i, 1), r.text(i, 2),
                                 decode<Card>(parseJson(r.text(i, 3)), "card")});
    return out;
}

void PgOfficeStore::addTask(const Task &task)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    std::vector<PgChange> changes;
    insertTask(task, changes);
    const auto log = appendChanges(changes, {});
    tx.commit();
}

void PgOfficeStore::insertTask(const Task &task, std::vector<PgChange> &changes)
{
    const PgResult region =
        m_db.exec("SELECT region_id FROM enterprise WHERE id = $1", {task.enterprise_id});
    if (region.rows() == 0)
        throw StoreRuleError("there is no enterprise with id '" + task.enterprise_id + "'");
    const std::string regionId = region.text(0, 0);
    if (task.inspectors.empty())
        throw StoreRuleError("a task needs at least one inspector");
    for (const auto &name : task.inspectors) {
        // Locked: a scope change on another server waits until this task is in.
        const auto user = userByName(name, true);
        if (!user)
            throw StoreRuleError("there is no user named '" + name + "'");
        if (!loadScope(user->id, user->username, user->role)
                 .seesEnterprise(task.enterprise_id, regionId))
            throw StoreRuleError("the enterprise is outside " + name +
                                 "'s scope; widen the scope first");
    }
    try {
        m_db.exec("INSERT INTO task (id, enterprise_id, kind, due) VALUES ($1, $2, $3, $4)",
                  {task.id, task.enterprise_id, std::string(enumName(task.kind)), task.due});
    } catch (const PgError &e) {
        if (e.isUniqueViolation())
            throw StoreRuleError("a task with id '" + task.id + "' already exists");
        throw;
    }
    int position = 0;
    for (const auto &name : task.inspectors) {
        m_db.exec("INSERT INTO task_inspector (task_id, position, username) VALUES ($1, $2, $3) "
                  "ON CONFLICT DO NOTHING",
                  {task.id, std::to_string(position++), name});
    }
    changes.push_back(
        PgChange{std::string(wire::kTask),
                 task.id,
                 RowKeys{regionId, task.enterprise_id, joinAssignees(task.inspectors)},
                 {}});
}

void PgOfficeStore::removeTask(const std::string &taskId)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    m_db.exec("SELECT 1 FROM task WHERE id = $1 FOR UPDATE", {taskId});
    const auto row = PgRowLoader(m_db).load(wire::kTask, taskId);
    if (!row)
        throw StoreRuleError("there is no task with id '" + taskId + "'");
    m_db.exec("DELETE FROM task WHERE id = $1", {taskId});
    const auto log = appendChanges({PgChange{std::string(wire::kTask), taskId, {}, row->keys}}, {});
    tx.commit();
}

std::vector<Task> PgOfficeStore::listTasks()
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("SELECT t.id, t.enterprise_id, t.kind, t.due, ti.username FROM "
                                 "task t LEFT JOIN task_inspector ti ON ti.task_id = t.id "
                                 "ORDER BY t.due, t.id, ti.position");
    std::vector<Task> out;
    for (int i = 0; i < r.rows(); ++i) {
        if (out.empty() || out.back().id != r.text(i, 0)) {
            out.push_back(Task{r.text(i, 0),
                               r.text(i, 1),
                               officerows::enumOr(r.text(i, 2), VisitKind::Survey),
                               r.text(i, 3),
                               {}});
        }
        if (!r.isNull(i, 4))
            out.back().inspectors.push_back(r.text(i, 4));
    }
    return out;
}

std::int64_t PgOfficeStore::countRows(const std::string &table)
{
    const std::string &counted = countedTable(table);
    const PgPool::Lease lease(m_pool);
    return m_db.exec("SELECT count(*) FROM " + counted).integer(0, 0);
}

} // namespace fp
