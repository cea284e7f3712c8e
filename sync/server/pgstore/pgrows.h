#pragma once
// Reading office-owned rows out of the PostgreSQL office database as domain records, and each
// row's scope keys: storage/officerows.h for PgResult. The column lists are officerows's.

#include "core/json.h"
#include "server/domain/officerecords.h"
#include "server/domain/scope.h"
#include "server/pgstore/pgconnection.h"
#include "server/storage/officerows.h"

#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// Row `row` of a PostgreSQL result, for storage/officerows's readers.
class PgRow final : public ResultRow
{
  public:
    PgRow(const PgResult &r, int row) : m_r(r), m_row(row) {}
    bool isNull(int column) const override { return m_r.isNull(m_row, column); }
    std::string text(int column) const override { return m_r.text(m_row, column); }
    std::int64_t integer(int column) const override { return m_r.integer(m_row, column); }
    double real(int column) const override { return m_r.real(m_row, column); }

  protected:
    void throwCorrupt(const std::string &what) const override;

  private:
    const PgResult &m_r;
    int m_row;
};

namespace pgrows {
/// Shortest text that reads back as the same double (PostgreSQL parses it exactly).
std::string realText(double v);
/// storage/officerows's readers on row `row` of a PostgreSQL result.
inline Enterprise readEnterprise(const PgResult &r, int row, int col)
{
    return officerows::readEnterprise(PgRow(r, row), col);
}
inline Equipment readEquipment(const PgResult &r, int row, int col)
{
    return officerows::readEquipment(PgRow(r, row), col);
}
inline Card readCard(const PgResult &r, int row, int col)
{
    return officerows::readCard(PgRow(r, row), col);
}
} // namespace pgrows

/// Loads an office-owned row by wire type and id: its JSON as pulled, and its scope keys.
class PgRowLoader
{
  public:
    using Row = OfficeRow;

    explicit PgRowLoader(PgConnection &db) : m_db(db) {}
    /// Nothing when the row does not exist (deleted) or the type is not office-owned.
    std::optional<Row> load(std::string_view type, const std::string &id);

  private:
    PgConnection &m_db;
};

} // namespace fp
