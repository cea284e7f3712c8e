#pragma once
// Reading office-owned rows out of the PostgreSQL office database as domain records, and each
// row's scope keys: storage/officerows.h for PgResult. The column lists are officerows's.

#include "core/json.h"
#include "server/domain/officerecords.h"
#include "server/domain/scope.h"
#include "server/pgstore/pgconnection.h"

#include <optional>
#include <string>
#include <string_view>

namespace fp {

namespace pgrows {
/// Shortest text that reads back as the same double (PostgreSQL parses it exactly).
std::string realText(double v);
Enterprise readEnterprise(const PgResult &r, int row, int col);
Equipment readEquipment(const PgResult &r, int row, int col);
Card readCard(const PgResult &r, int row, int col);
} // namespace pgrows

/// Loads an office-owned row by wire type and id: its JSON as pulled, and its scope keys.
class PgRowLoader
{
  public:
    struct Row
    {
        RowKeys keys;
        Json data;
    };

    explicit PgRowLoader(PgConnection &db) : m_db(db) {}
    /// Nothing when the row does not exist (deleted) or the type is not office-owned.
    std::optional<Row> load(std::string_view type, const std::string &id);

  private:
    PgConnection &m_db;
};

} // namespace fp
