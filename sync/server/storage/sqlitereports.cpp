// SqliteOfficeStore: the rows behind the published lists (listexport.h shapes them).

#include "server/storage/officerows.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

std::vector<PlanListRow> SqliteOfficeStore::planList()
{
    std::lock_guard lock(m_mutex);
    static const std::string sql = officerows::planListQuery();
    Statement s(m_db, sql);
    std::vector<PlanListRow> rows;
    while (s.step())
        rows.push_back(officerows::readPlanListRow(SqliteRow(s)));
    return rows;
}

std::vector<CardListRow> SqliteOfficeStore::cardList(CardLevel level)
{
    std::lock_guard lock(m_mutex);
    static const std::string sql = officerows::cardListQuery("?");
    Statement s(m_db, sql);
    s.bind(1, enumName(level));
    std::vector<CardListRow> rows;
    while (s.step())
        rows.push_back(officerows::readCardListRow(SqliteRow(s)));
    return rows;
}

std::vector<ReceivedInspection> SqliteOfficeStore::finalInspections()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, officerows::kFinalInspectionsQuery);
    std::vector<ReceivedInspection> out;
    while (s.step())
        out.push_back(officerows::readReceivedInspection(SqliteRow(s)));
    return out;
}

} // namespace fp
