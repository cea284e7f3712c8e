// SqliteOfficeStore: the rows behind the published lists (listexport.h shapes them).

#include "server/storage/officerows.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

std::vector<PlanListRow> SqliteOfficeStore::planList()
{
    using namespace officerows;
    std::lock_guard lock(m_mutex);
    static const std::string sql = std::string("SELECT r.name, ") + kEnterpriseColumns + ", " +
                                   kEquipmentColumns +
                                   " FROM equipment q JOIN enterprise e ON e.id = q.enterprise_id "
                                   "JOIN region r ON r.id = e.region_id "
                                   "ORDER BY r.name, e.name, q.sheet_line, q.id";
    Statement s(m_db, sql);
    std::vector<PlanListRow> rows;
    while (s.step()) {
        rows.push_back(PlanListRow{s.text(0), readEnterprise(s, 1),
                                   readEquipment(s, 1 + kEnterpriseColumnCount)});
    }
    return rows;
}

std::vector<CardListRow> SqliteOfficeStore::cardList(CardLevel level)
{
    using namespace officerows;
    std::lock_guard lock(m_mutex);
    static const std::string sql = std::string("SELECT r.name, ") + kEnterpriseColumns + ", " +
                                   kCardColumns +
                                   " FROM card c JOIN enterprise e ON e.id = c.enterprise_id "
                                   "JOIN region r ON r.id = e.region_id WHERE c.level = ? "
                                   "ORDER BY c.issued_on, e.name, c.id";
    Statement s(m_db, sql);
    s.bind(1, enumName(level));
    std::vector<CardListRow> rows;
    while (s.step()) {
        rows.push_back(
            CardListRow{readCard(s, 1 + kEnterpriseColumnCount), readEnterprise(s, 1), s.text(0)});
    }
    return rows;
}

std::vector<ReceivedInspection> SqliteOfficeStore::finalInspections()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT i.data, i.received_at, COALESCE(r.state, 'received') FROM "
                      "inspection i LEFT JOIN review r ON r.inspection_id = i.id WHERE i.state = "
                      "'final' ORDER BY i.received_at, i.id");
    std::vector<ReceivedInspection> out;
    while (s.step()) {
        ReceivedInspection r;
        r.bundle = decode<InspectionBundle>(parseJson(s.text(0)));
        r.received_at = s.text(1);
        r.review = enumFromString<ReviewState>(s.text(2)).value_or(ReviewState::Received);
        out.push_back(std::move(r));
    }
    return out;
}

} // namespace fp
