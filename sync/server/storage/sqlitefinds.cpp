// SqliteOfficeStore: on-site finds (findstore.h; office schema v9). A confirmed find is an
// equipment row like a sheet's, fed to the pull log the same way.

#include "protocol/recordtype.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

void SqliteOfficeStore::insertDecisionLocked(const SiteFindDecision &d)
{
    Statement decided(m_db, "SELECT state, decided_by FROM site_find WHERE check_id = ?");
    if (decided.bind(1, d.check_id).step())
        throw StoreRuleError("the find " + d.check_id + " was " + decided.text(0) + " already by " +
                             decided.text(1));
    Statement s(m_db, "INSERT INTO site_find (check_id, inspection_id, enterprise_id, state, "
                      "equipment_id, reason, decided_at, decided_by) VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, d.check_id).bind(2, d.inspection_id).bind(3, d.enterprise_id).bind(4, d.state);
    if (d.equipment_id.empty())
        s.bindNull(5);
    else
        s.bind(5, d.equipment_id);
    s.bind(6, d.reason).bind(7, d.decided_at).bind(8, d.decided_by).exec();
}

void SqliteOfficeStore::confirmFind(const SiteFindDecision &decision, const Equipment &q)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement region(m_db, "SELECT region_id FROM enterprise WHERE id = ?");
    if (!region.bind(1, q.enterprise_id).step())
        throw StoreRuleError("there is no enterprise with id '" + q.enterprise_id + "'");
    const std::string regionId = region.text(0);
    Statement taken(m_db, "SELECT 1 FROM equipment WHERE id = ?");
    if (taken.bind(1, q.id).step())
        throw StoreRuleError("the plan already has an equipment row " + q.id);
    SiteFindDecision d = decision;
    d.state = "confirmed";
    d.equipment_id = q.id;
    d.enterprise_id = q.enterprise_id;
    // After the sheet's rows of the enterprise, in the order the office confirmed them.
    Statement ins(m_db, "INSERT INTO equipment (id, enterprise_id, natural_key, sheet_line, kind, "
                        "spec, count, capacity_value, capacity_unit, location_in_plant, "
                        "plan_year, action, dismantle_deadline) VALUES (?1, ?2, ?3, (SELECT "
                        "COALESCE(MAX(sheet_line), 0) + 1 FROM equipment WHERE enterprise_id = "
                        "?2), ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    ins.bind(1, q.id)
        .bind(2, q.enterprise_id)
        .bind(3, std::string("found:").append(decision.check_id));
    ins.bind(4, q.kind).bind(5, q.spec).bind(6, q.count).bind(7, q.capacity.value);
    ins.bind(8, q.capacity.unit).bind(9, q.location_in_plant).bind(10, q.plan_year);
    ins.bind(11, enumName(q.action)).bind(12, q.dismantle_deadline).exec();
    insertDecisionLocked(d);
    appendChange(wire::kEquipment, q.id, RowKeys{regionId, q.enterprise_id, {}}, {});
    tx.commit();
}

void SqliteOfficeStore::dismissFind(const SiteFindDecision &decision)
{
    if (decision.reason.empty())
        throw StoreRuleError("dismissing a find needs a reason");
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    SiteFindDecision d = decision;
    d.state = "dismissed";
    d.equipment_id.clear();
    insertDecisionLocked(d);
    tx.commit();
}

std::vector<SiteFindDecision> SqliteOfficeStore::findDecisions()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT check_id, inspection_id, enterprise_id, state, "
                      "COALESCE(equipment_id, ''), reason, decided_at, decided_by FROM site_find "
                      "ORDER BY decided_at, check_id");
    std::vector<SiteFindDecision> out;
    while (s.step())
        out.push_back(SiteFindDecision{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                       s.text(5), s.text(6), s.text(7)});
    return out;
}

} // namespace fp
