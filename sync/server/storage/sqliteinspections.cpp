// SqliteOfficeStore: the inspections the office holds, with who sent them, when they arrived
// and the office's review.

#include "server/storage/officerows.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

using officerows::kInspectionSelect;

/// An inspection on the statement's current row.
static OfficeInspection readInspection(const Statement &s)
{
    return officerows::readInspection(SqliteRow(s));
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
