// SqliteOfficeStore: the reads behind the office web page (regions, enterprises, tasks,
// accounts with their devices, the inspections the office holds with their receipt details
// and reviews, and the push audit's rejections).

#include "server/storage/officerows.h"
#include "server/storage/sqliteofficestore.h"

#include <limits>
#include <map>

namespace fp {

namespace {

template <typename E> E enumOr(const std::string &text, E fallback)
{
    return enumFromString<E>(text).value_or(fallback);
}

constexpr const char *kInspectionSelect =
    "SELECT i.data, i.version, i.device_time, i.received_at, COALESCE(d.name, ''), "
    "COALESCE(u.username, ''), r.state, r.reason, r.reviewed_at, i.id FROM inspection i "
    "LEFT JOIN device d ON d.id = i.device_id LEFT JOIN app_user u ON u.id = d.user_id "
    "LEFT JOIN review r ON r.inspection_id = i.id ";

OfficeInspection readInspection(const Statement &s)
{
    OfficeInspection o;
    o.bundle = decode<InspectionBundle>(parseJson(s.text(0)));
    o.version = s.integer(1);
    o.device_time = s.text(2);
    o.received_at = s.text(3);
    o.device_name = s.text(4);
    o.username = s.text(5);
    if (!s.isNull(6)) {
        o.review =
            Review{s.text(9), enumOr(s.text(6), ReviewState::Received), s.text(7), s.text(8)};
    }
    return o;
}

} // namespace

std::vector<Region> SqliteOfficeStore::listRegions()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT id, name, kind FROM region ORDER BY name");
    std::vector<Region> out;
    while (s.step())
        out.push_back(Region{s.text(0), s.text(1), enumOr(s.text(2), RegionKind::Town)});
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

std::vector<Task> SqliteOfficeStore::listTasks()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT t.id, t.enterprise_id, t.kind, t.due, ti.username FROM task t "
                      "LEFT JOIN task_inspector ti ON ti.task_id = t.id "
                      "ORDER BY t.due, t.id, ti.position");
    std::vector<Task> out;
    while (s.step()) {
        if (out.empty() || out.back().id != s.text(0)) {
            out.push_back(
                Task{s.text(0), s.text(1), enumOr(s.text(2), VisitKind::Survey), s.text(3), {}});
        }
        if (!s.isNull(4))
            out.back().inspectors.push_back(s.text(4));
    }
    return out;
}

std::vector<AccountSummary> SqliteOfficeStore::listAccounts()
{
    std::lock_guard lock(m_mutex);
    std::vector<AccountSummary> out;
    std::map<std::string, std::size_t> index; // user id -> position in `out`
    Statement users(m_db, "SELECT id, username, role FROM app_user ORDER BY username");
    while (users.step()) {
        index[users.text(0)] = out.size();
        AccountSummary a;
        a.username = users.text(1);
        a.role = enumOr(users.text(2), Role::Inspector);
        out.push_back(std::move(a));
    }
    const auto of = [&](const std::string &userId) -> AccountSummary * {
        const auto it = index.find(userId);
        return it == index.end() ? nullptr : &out[it->second];
    };
    Statement regions(m_db, "SELECT ur.user_id, r.name FROM user_region ur JOIN region r ON "
                            "r.id = ur.region_id ORDER BY r.name");
    while (regions.step()) {
        if (auto *a = of(regions.text(0)))
            a->region_names.push_back(regions.text(1));
    }
    Statement ents(m_db, "SELECT ue.user_id, e.credit_code, e.name FROM user_enterprise ue JOIN "
                         "enterprise e ON e.id = ue.enterprise_id ORDER BY e.name, e.credit_code");
    while (ents.step()) {
        if (auto *a = of(ents.text(0))) {
            a->enterprise_codes.push_back(ents.text(1));
            a->enterprise_names.push_back(ents.text(2));
        }
    }
    // One pass over the devices, whatever the number of accounts.
    Statement devices(m_db, "SELECT user_id, sum(revoked_at IS NULL), max(enrolled_at) FROM "
                            "device GROUP BY user_id");
    while (devices.step()) {
        if (auto *a = of(devices.text(0))) {
            a->active_devices = int(devices.integer(1));
            a->last_enrolled_at = devices.text(2);
        }
    }
    return out;
}

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

std::vector<OfficeInspection> SqliteOfficeStore::officeInspections(const std::string &enterpriseId)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string(kInspectionSelect) +
                          "WHERE (? = '' OR i.enterprise_id = ?) ORDER BY i.received_at DESC, "
                          "i.id DESC");
    s.bind(1, enterpriseId).bind(2, enterpriseId);
    std::vector<OfficeInspection> out;
    while (s.step())
        out.push_back(readInspection(s));
    return out;
}

std::optional<OfficeInspection> SqliteOfficeStore::findOfficeInspection(const std::string &id)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string(kInspectionSelect) + "WHERE i.id = ?");
    if (!s.bind(1, id).step())
        return std::nullopt;
    return readInspection(s);
}

} // namespace fp
