#pragma once
// Reading office-owned rows out of office.db as domain records, and each row's scope keys.
// Statements are prepared once per loader, so a pull of thousands of rows stays cheap.

#include "core/json.h"
#include "db/database.h"
#include "server/domain/officerecords.h"
#include "server/domain/scope.h"
#include "server/domain/webrecords.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// One row of a query's result, read by column: an SQLite statement's current row or a row
/// of a PostgreSQL result, so that one reader assembles the domain records for both stores.
class ResultRow
{
  public:
    virtual ~ResultRow() = default;
    virtual bool isNull(int column) const = 0;
    virtual std::string text(int column) const = 0;
    virtual std::int64_t integer(int column) const = 0;
    virtual double real(int column) const = 0;
    /// Throws the store's error for a value the database should not hold (`what` names it).
    [[noreturn]] void corrupt(const std::string &what) const;

    /// Nothing for NULL.
    std::optional<std::string> optText(int column) const;
    /// Nothing for NULL.
    std::optional<double> optReal(int column) const;

  protected:
    /// Throws the store's own error type for corrupt().
    virtual void throwCorrupt(const std::string &what) const = 0;
};

/// The current row of an SQLite statement.
class SqliteRow final : public ResultRow
{
  public:
    explicit SqliteRow(const Statement &s) : m_s(s) {}
    bool isNull(int column) const override { return m_s.isNull(column); }
    std::string text(int column) const override { return m_s.text(column); }
    std::int64_t integer(int column) const override { return m_s.integer(column); }
    double real(int column) const override { return m_s.real(column); }

  protected:
    void throwCorrupt(const std::string &what) const override;

  private:
    const Statement &m_s;
};

/// An office-owned row as pulled: its JSON and its scope keys (both stores' loaders give it).
struct OfficeRow
{
    RowKeys keys{};
    Json data{};
};

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

Enterprise readEnterprise(const ResultRow &r, int col);
Equipment readEquipment(const ResultRow &r, int col);
Card readCard(const ResultRow &r, int col);
/// The readers on an SQLite statement's current row.
inline Enterprise readEnterprise(const Statement &s, int col)
{
    return readEnterprise(SqliteRow(s), col);
}
inline Equipment readEquipment(const Statement &s, int col)
{
    return readEquipment(SqliteRow(s), col);
}
inline Card readCard(const Statement &s, int col)
{
    return readCard(SqliteRow(s), col);
}

/// The office's inspections with who sent them, when they arrived and the office's review:
/// add a WHERE/ORDER BY, and read each row with readInspection.
inline constexpr const char *kInspectionSelect =
    "SELECT i.data, i.version, i.device_time, i.received_at, COALESCE(d.name, ''), "
    "COALESCE(u.username, ''), r.state, r.reason, r.reviewed_at, i.id, "
    "(SELECT COUNT(*) FROM review_history h WHERE h.inspection_id = i.id), "
    "(SELECT h.reviewed_by FROM review_history h WHERE h.inspection_id = i.id ORDER BY h.seq "
    "DESC LIMIT 1), i.statement "
    "FROM inspection i "
    "LEFT JOIN device d ON d.id = i.device_id LEFT JOIN app_user u ON u.id = d.user_id "
    "LEFT JOIN review r ON r.inspection_id = i.id ";
OfficeInspection readInspection(const ResultRow &r);
/// The published lists' rows (reportstore.h), one query and one reader for both stores:
/// the plan list (no parameter), the card list of one level (`param` the database's parameter
/// for the level) and the final inspections with their review.
std::string planListQuery();
PlanListRow readPlanListRow(const ResultRow &r);
std::string cardListQuery(std::string_view param);
CardListRow readCardListRow(const ResultRow &r);
inline constexpr const char *kFinalInspectionsQuery =
    "SELECT i.data, i.received_at, COALESCE(r.state, 'received') FROM inspection i LEFT JOIN "
    "review r ON r.inspection_id = i.id WHERE i.state = 'final' ORDER BY i.received_at, i.id";
ReceivedInspection readReceivedInspection(const ResultRow &r);

/// The loaders' query for each office-owned wire type, by id: `param` is the database's
/// parameter ("?", "$1"), `assignees` its expression for a task's inspectors' usernames, one
/// a line, in order. readOfficeRow reads their rows.
std::map<std::string_view, std::string> loaderQueries(std::string_view param,
                                                      std::string_view assignees);
/// The office-owned row of wire type `type` (one of wire::isOfficeOwned's) from a row of
/// its loaderQueries query.
OfficeRow readOfficeRow(std::string_view type, const ResultRow &r);
} // namespace officerows

/// Loads an office-owned row by wire type and id: its JSON as pulled, and its scope keys.
class RowLoader
{
  public:
    using Row = OfficeRow;

    explicit RowLoader(Database &db) : m_db(db) {}
    /// Nothing when the row does not exist (deleted) or the type is not office-owned.
    std::optional<Row> load(std::string_view type, const std::string &id);

  private:
    static const char *sqlFor(std::string_view type);
    Statement &statement(std::string_view type, const char *sql);

    Database &m_db;
    std::map<std::string, Statement, std::less<>> m_statements;
};

} // namespace fp
