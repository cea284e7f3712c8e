// SqliteOfficeStore: the reads behind the office web page (regions, enterprises, tasks,
// accounts and the inspections the office holds with their receipt details and reviews).

#include "officerows.h"
#include "sqliteofficestore.h"

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
    Statement s(m_db, "SELECT u.username, u.role, r.name FROM app_user u "
                      "LEFT JOIN user_region ur ON ur.user_id = u.id "
                      "LEFT JOIN region r ON r.id = ur.region_id ORDER BY u.username, r.name");
    std::vector<AccountSummary> out;
    while (s.step()) {
        if (out.empty() || out.back().username != s.text(0))
            out.push_back(AccountSummary{s.text(0), enumOr(s.text(1), Role::Inspector), {}});
        if (!s.isNull(2))
            out.back().region_names.push_back(s.text(2));
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
