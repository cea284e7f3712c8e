#include "server/storage/officerows.h"

#include "protocol/recordtype.h"

namespace fp {

namespace {

template <typename E> E enumColumn(const Statement &s, int col)
{
    const std::string text = s.text(col);
    if (auto v = enumFromString<E>(text))
        return *v;
    throw StoreError(
        "office.db holds an unknown " + std::string(EnumNames<E>::type) + " '" + text + "'", 0);
}

} // namespace

namespace officerows {

Enterprise readEnterprise(const Statement &s, int col)
{
    Enterprise e;
    e.id = s.text(col);
    e.credit_code = s.text(col + 1);
    e.name = s.text(col + 2);
    e.region_id = s.text(col + 3);
    e.industry = s.text(col + 4);
    e.address = s.text(col + 5);
    e.legal_representative = s.text(col + 6);
    e.contact_phone = s.text(col + 7);
    if (!s.isNull(col + 8) && !s.isNull(col + 9))
        e.location = Position{s.real(col + 8), s.real(col + 9), s.optReal(col + 10)};
    return e;
}

Equipment readEquipment(const Statement &s, int col)
{
    Equipment q;
    q.id = s.text(col);
    q.enterprise_id = s.text(col + 1);
    q.kind = s.text(col + 2);
    q.spec = s.text(col + 3);
    q.count = static_cast<int>(s.integer(col + 4));
    q.capacity = Capacity{s.real(col + 5), s.text(col + 6)};
    q.location_in_plant = s.text(col + 7);
    q.plan_year = static_cast<int>(s.integer(col + 8));
    q.action = enumColumn<RequiredAction>(s, col + 9);
    q.dismantle_deadline = s.optText(col + 10);
    return q;
}

Card readCard(const Statement &s, int col)
{
    Card c;
    c.id = s.text(col);
    c.enterprise_id = s.text(col + 1);
    c.standard = enumColumn<CardStandard>(s, col + 2);
    c.level = enumColumn<CardLevel>(s, col + 3);
    c.department = s.text(col + 4);
    c.issued_on = s.text(col + 5);
    c.rectify_by = s.optText(col + 6);
    c.extended_to = s.optText(col + 7);
    c.state = enumColumn<CardState>(s, col + 8);
    c.extension_applied_on = s.optText(col + 9);
    c.extension_reason = s.optText(col + 10);
    c.source_card_id = s.optText(col + 11);
    return c;
}

} // namespace officerows

Statement &RowLoader::statement(std::string_view type, const char *sql)
{
    auto it = m_statements.find(type);
    if (it == m_statements.end())
        it = m_statements.emplace(std::string(type), Statement(m_db, sql)).first;
    it->second.reset();
    return it->second;
}

std::optional<RowLoader::Row> RowLoader::load(std::string_view type, const std::string &id)
{
    using namespace officerows;
    if (type == wire::kRegion) {
        auto &s = statement(type, "SELECT id, name, kind FROM region WHERE id = ?");
        if (!s.bind(1, id).step())
            return std::nullopt;
        const Region r{s.text(0), s.text(1), enumColumn<RegionKind>(s, 2)};
        return Row{RowKeys{r.id, {}, {}}, Json(r)};
    }
    if (type == wire::kEnterprise) {
        static const std::string sql =
            std::string("SELECT ") + kEnterpriseColumns + " FROM enterprise e WHERE e.id = ?";
        auto &s = statement(type, sql.c_str());
        if (!s.bind(1, id).step())
            return std::nullopt;
        const Enterprise e = readEnterprise(s, 0);
        return Row{RowKeys{e.region_id, e.id, {}}, Json(e)};
    }
    if (type == wire::kEquipment) {
        static const std::string sql = std::string("SELECT e.region_id, ") + kEquipmentColumns +
                                       " FROM equipment q JOIN enterprise e ON e.id = "
                                       "q.enterprise_id WHERE q.id = ?";
        auto &s = statement(type, sql.c_str());
        if (!s.bind(1, id).step())
            return std::nullopt;
        const Equipment q = readEquipment(s, 1);
        return Row{RowKeys{s.text(0), q.enterprise_id, {}}, Json(q)};
    }
    if (type == wire::kCard) {
        static const std::string sql =
            std::string("SELECT e.region_id, ") + kCardColumns +
            " FROM card c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = ?";
        auto &s = statement(type, sql.c_str());
        if (!s.bind(1, id).step())
            return std::nullopt;
        const Card c = readCard(s, 1);
        return Row{RowKeys{s.text(0), c.enterprise_id, {}}, Json(c)};
    }
    if (type == wire::kTask) {
        auto &s = statement(type, "SELECT t.id, t.enterprise_id, t.kind, t.due, e.region_id, "
                                  "(SELECT group_concat(username, char(10)) FROM (SELECT "
                                  "username FROM task_inspector WHERE task_id = t.id ORDER BY "
                                  "position)) FROM task t JOIN enterprise e ON e.id = "
                                  "t.enterprise_id WHERE t.id = ?");
        if (!s.bind(1, id).step())
            return std::nullopt;
        Task t{s.text(0), s.text(1), enumColumn<VisitKind>(s, 2), s.text(3), {}};
        const std::string assignees = s.isNull(5) ? std::string() : s.text(5);
        std::string_view rest = assignees;
        while (!rest.empty()) {
            const auto nl = rest.find('\n');
            t.inspectors.emplace_back(rest.substr(0, nl));
            if (nl == std::string_view::npos)
                break;
            rest.remove_prefix(nl + 1);
        }
        return Row{RowKeys{s.text(4), t.enterprise_id, assignees}, Json(t)};
    }
    if (type == wire::kReview) {
        auto &s = statement(type, "SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, "
                                  "e.region_id, e.id FROM review r JOIN inspection i ON i.id = "
                                  "r.inspection_id JOIN enterprise e ON e.id = i.enterprise_id "
                                  "WHERE r.inspection_id = ?");
        if (!s.bind(1, id).step())
            return std::nullopt;
        const Review r{s.text(0), enumColumn<ReviewState>(s, 1), s.text(2), s.text(3)};
        return Row{RowKeys{s.text(4), s.text(5), {}}, Json(r)};
    }
    return std::nullopt;
}

} // namespace fp
