// SqliteOfficeStore: the push audit's rejections, a page at a time (sqlitesyncstore.cpp writes
// the audit).

#include "server/storage/sqliteofficestore.h"

#include <limits>

namespace fp {

std::vector<PushAuditEntry> SqliteOfficeStore::rejectedPushes(const std::string &code,
                                                              std::int64_t before, int limit)
{
    std::lock_guard lock(m_mutex);
    // The enterprise comes from the item's own data (kept for every rejected item); an item
    // that was not even JSON of an inspection names none. Newest first by audit number, so
    // that a page continues below the last number of the one before.
    const std::string enterpriseId = "CAST(CASE WHEN json_valid(a.data) THEN json_extract(a.data, "
                                     "'$.inspection.enterprise_id') END AS TEXT)";
    Statement s(m_db, "SELECT a.seq, a.received_at, a.device_id, COALESCE(d.name, ''), "
                      "COALESCE(u.username, ''), a.type, a.item_id, a.version, "
                      "COALESCE(a.code, ''), COALESCE(a.reason, ''), a.device_time, COALESCE(" +
                          enterpriseId + ", ''), COALESCE((SELECT e.name FROM enterprise e " +
                          "WHERE e.id = " + enterpriseId +
                          "), '') FROM push_audit a "
                          "LEFT JOIN device d ON d.id = a.device_id "
                          "LEFT JOIN app_user u ON u.id = d.user_id "
                          "WHERE a.status = 'rejected' AND (? = '' OR a.code = ?) "
                          "AND a.seq < ? ORDER BY a.seq DESC LIMIT ?");
    // A plain range on the rowid: each page starts where the last one ended, however deep.
    s.bind(1, code).bind(2, code);
    s.bind(3, before > 0 ? before : std::numeric_limits<std::int64_t>::max()).bind(4, limit);
    std::vector<PushAuditEntry> out;
    while (s.step()) {
        out.push_back(PushAuditEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                     s.text(5), s.text(6), s.integer(7), s.text(8), s.text(9),
                                     s.text(10), s.text(11), s.text(12)});
    }
    return out;
}

} // namespace fp
