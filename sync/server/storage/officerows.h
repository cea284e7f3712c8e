#pragma once
// Reading office-owned rows out of office.db as domain records, and each row's scope keys.
// Statements are prepared once per loader, so a pull of thousands of rows stays cheap.

#include "core/json.h"
#include "db/database.h"
#include "server/domain/scope.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// Column list and reader for each record; `col` is the first column of the record.
namespace officerows {
inline constexpr const char *kEnterpriseColumns =
    "e.id, e.credit_code, e.name, e.region_id, e.industry, e.address, e.legal_representative, "
    "e.contact_phone, e.lat, e.lon, e.accuracy_m";
inline constexpr int kEnterpriseColumnCount = 11;
inline constexpr const char *kEquipmentColumns =
    "q.id, q.enterprise_id, q.kind, q.spec, q.count, q.capacity_value, q.capacity_unit, "
    "q.location_in_plant, q.plan_year, q.action, q.dismantle_deadline";
inline constexpr int kEquipmentColumnCount = 11;
inline constexpr const char *kCardColumns =
    "c.id, c.enterprise_id, c.standard, c.level, c.department, c.issued_on, c.rectify_by, "
    "c.extended_to, c.state, c.extension_applied_on, c.extension_reason, c.source_card_id";
inline constexpr int kCardColumnCount = 12;

/// An enum column's value, or `fallback` for a spelling this build does not know.
template <typename E> E enumOr(const std::string &text, E fallback)
{
    return enumFromString<E>(text).value_or(fallback);
}

Enterprise readEnterprise(const Statement &s, int col);
Equipment readEquipment(const Statement &s, int col);
Card readCard(const Statement &s, int col);
} // namespace officerows

/// Loads an office-owned row by wire type and id: its JSON as pulled, and its scope keys.
class RowLoader
{
  public:
    struct Row
    {
        RowKeys keys;
        Json data;
    };

    explicit RowLoader(Database &db) : m_db(db) {}
    /// Nothing when the row does not exist (deleted) or the type is not office-owned.
    std::optional<Row> load(std::string_view type, const std::string &id);

  private:
    Statement &statement(std::string_view type, const char *sql);

    Database &m_db;
    std::map<std::string, Statement, std::less<>> m_statements;
};

} // namespace fp
