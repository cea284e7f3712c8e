// PgOfficeStore: on-site finds (findstore.h; PostgreSQL schema v6), as SQLite's sqlitefinds.cpp.
// A confirmed find is an equipment row like a sheet's, fed to the pull log the same way.

#include "protocol/recordtype.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"
#include "server/pgstore/pgrows.h"

namespace fp {

void PgOfficeStore::insertFindDecision(const SiteFindDecision &d)
{
    const PgResult decided =
        m_db.exec("SELECT state, decided_by FROM site_find WHERE check_id = $1", {d.check_id});
    if (decided.rows() > 0)
        throw StoreRuleError("the find " + d.check_id + " was " + decided.text(0, 0) +
                             " already by " + decided.text(0, 1));
    m_db.exec("INSERT INTO site_find (check_id, inspection_id, enterprise_id, state, "
              "equipment_id, reason, decided_at, decided_by) VALUES ($1, $2, $3, $4, $5, $6, $7, "
              "$8)",
              {d.check_id, d.inspection_id, d.enterprise_id, d.state,
               d.equipment_id.empty() ? PgParam() : PgParam(d.equipment_id), d.reason, d.decided_at,
               d.decided_by});
}

void PgOfficeStore::confirmFind(const SiteFindDecision &decision, const Equipment &q)
{
    const PgPool::Lease lease(m_pool);
    // Another server deciding the same find meanwhile: the inserts meet its keys, the attempt
    // runs again and is refused by the look-ups below.
    pgRetrying("confirming the find", [&] {
        PgTransaction tx(m_db);
        // Locked (not against the keys cards and tasks name it by): two finds of one enterprise
        // confirmed at once get the next sheet lines one after the other.
        const PgResult region = m_db.exec(
            "SELECT region_id FROM enterprise WHERE id = $1 FOR NO KEY UPDATE", {q.enterprise_id});
        if (region.rows() == 0)
            throw StoreRuleError("there is no enterprise with id '" + q.enterprise_id + "'");
        const std::string regionId = region.text(0, 0);
        if (m_db.exec("SELECT 1 FROM equipment WHERE id = $1", {q.id}).rows() > 0)
            throw StoreRuleError("the plan already has an equipment row " + q.id);
        SiteFindDecision d = decision;
        d.state = "confirmed";
        d.equipment_id = q.id;
        d.enterprise_id = q.enterprise_id;
        // After the sheet's rows of the enterprise, in the order the office confirmed them.
        m_db.exec("INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, spec, "
                  "count, capacity_value, capacity_unit, location_in_plant, plan_year, action, "
                  "dismantle_deadline) VALUES ($1, $2, $3, (SELECT COALESCE(MAX(sheet_line), 0) + "
                  "1 FROM equipment WHERE enterprise_id = $2), $4, $5, $6, $7, $8, $9, $10, $11, "
                  "$12)",
                  {q.id, q.enterprise_id, std::string("found:").append(decision.check_id), q.kind,
                   q.spec, std::to_string(q.count), pgrows::realText(q.capacity.value),
                   q.capacity.unit, q.location_in_plant, std::to_string(q.plan_year),
                   std::string(enumName(q.action)), q.dismantle_deadline});
        insertFindDecision(d);
        const auto log = appendChanges(
            {PgChange{
                std::string(wire::kEquipment), q.id, RowKeys{regionId, q.enterprise_id, {}}, {}}},
            {});
        tx.commit();
    });
}

void PgOfficeStore::dismissFind(const SiteFindDecision &decision)
{
    if (decision.reason.empty())
        throw StoreRuleError("dismissing a find needs a reason");
    const PgPool::Lease lease(m_pool);
    pgRetrying("dismissing the find", [&] {
        PgTransaction tx(m_db);
        SiteFindDecision d = decision;
        d.state = "dismissed";
        d.equipment_id.clear();
        insertFindDecision(d);
        tx.commit();
    });
}

std::vector<SiteFindDecision> PgOfficeStore::findDecisions()
{
    const PgPool::Lease lease(m_pool);
    const PgResult r =
        m_db.exec("SELECT check_id, inspection_id, enterprise_id, state, COALESCE(equipment_id, "
                  "''), reason, decided_at, decided_by FROM site_find ORDER BY decided_at, "
                  "check_id");
    std::vector<SiteFindDecision> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(SiteFindDecision{r.text(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3),
                                       r.text(i, 4), r.text(i, 5), r.text(i, 6), r.text(i, 7)});
    return out;
}

} // namespace fp
