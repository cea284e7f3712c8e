#include "server/storage/officerows.h"

#include "core/sha256.h"
#include "protocol/recordtype.h"

namespace fp {

namespace {

template <typename E> E enumColumn(const ResultRow &r, int col)
{
    const std::string text = r.text(col);
    if (auto v = enumFromString<E>(text))
        return *v;
    r.corrupt("unknown " + std::string(EnumNames<E>::type) + " '" + text + "'");
}

} // namespace

std::optional<std::string> ResultRow::optText(int column) const
{
    return isNull(column) ? std::nullopt : std::optional(text(column));
}

std::optional<double> ResultRow::optReal(int column) const
{
    return isNull(column) ? std::nullopt : std::optional(real(column));
}

void ResultRow::corrupt(const std::string &what) const
{
    throwCorrupt(what);
    throw StoreError("the office database holds an " + what, 0); // for a row that did not throw
}

void SqliteRow::throwCorrupt(const std::string &what) const
{
    throw StoreError("office.db holds an " + what, 0);
}

namespace officerows {

Enterprise readEnterprise(const ResultRow &s, int col)
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

Equipment readEquipment(const ResultRow &s, int col)
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

Card readCard(const ResultRow &s, int col)
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

OfficeInspection readInspection(const ResultRow &s)
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
        o.review_version = s.integer(10);
        // The reviewer of the newest decision, when that decision recorded one.
        if (!s.isNull(11) && o.review_version > 0)
            o.reviewed_by = s.text(11);
    }
    if (!s.isNull(12))
        o.statement_hash = sha256Hex(s.text(12)); // the statement hash (docs/protocol.md §7.3)
    return o;
}

std::string planListQuery()
{
    return std::string("SELECT r.name, ") + kEnterpriseColumns + ", " + kEquipmentColumns +
           " FROM equipment q JOIN enterprise e ON e.id = q.enterprise_id "
           "JOIN region r ON r.id = e.region_id ORDER BY r.name, e.name, q.sheet_line, q.id";
}

PlanListRow readPlanListRow(const ResultRow &r)
{
    return PlanListRow{r.text(0), readEnterprise(r, 1),
                       readEquipment(r, 1 + kEnterpriseColumnCount)};
}

std::string cardListQuery(std::string_view param)
{
    return std::string("SELECT r.name, ") + kEnterpriseColumns + ", " + kCardColumns +
           " FROM card c JOIN enterprise e ON e.id = c.enterprise_id JOIN region r ON r.id = "
           "e.region_id WHERE c.level = " +
           std::string(param) + " ORDER BY c.issued_on, e.name, c.id";
}

CardListRow readCardListRow(const ResultRow &r)
{
    return CardListRow{readCard(r, 1 + kEnterpriseColumnCount), readEnterprise(r, 1), r.text(0)};
}

ReceivedInspection readReceivedInspection(const ResultRow &r)
{
    ReceivedInspection received;
    received.bundle = decode<InspectionBundle>(parseJson(r.text(0)));
    received.received_at = r.text(1);
    received.review = enumOr(r.text(2), ReviewState::Received);
    return received;
}

std::map<std::string_view, std::string> loaderQueries(std::string_view param,
                                                      std::string_view assignees)
{
    const auto by = [&](std::string sql) { return sql.append(param); };
    return {
        {wire::kRegion, by("SELECT id, name, kind FROM region WHERE id = ")},
        {wire::kEnterprise,
         by(std::string("SELECT ") + kEnterpriseColumns + " FROM enterprise e WHERE e.id = ")},
        {wire::kEquipment, by(std::string("SELECT e.region_id, ") + kEquipmentColumns +
                              " FROM equipment q JOIN enterprise e ON e.id = q.enterprise_id "
                              "WHERE q.id = ")},
        {wire::kCard, by(std::string("SELECT e.region_id, ") + kCardColumns +
                         " FROM card c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = ")},
        {wire::kTask, by(std::string("SELECT t.id, t.enterprise_id, t.kind, t.due, e.region_id, ")
                             .append(assignees)
                             .append(" FROM task t JOIN enterprise e ON e.id = t.enterprise_id "
                                     "WHERE t.id = "))},
        {wire::kReview, by("SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, "
                           "e.region_id, e.id FROM review r JOIN inspection i ON i.id = "
                           "r.inspection_id JOIN enterprise e ON e.id = i.enterprise_id "
                           "WHERE r.inspection_id = ")},
    };
}

OfficeRow readOfficeRow(std::string_view type, const ResultRow &s)
{
    if (type == wire::kRegion) {
        const Region r{s.text(0), s.text(1), enumColumn<RegionKind>(s, 2)};
        return OfficeRow{RowKeys{r.id, {}, {}}, Json(r)};
    }
    if (type == wire::kEnterprise) {
        const Enterprise e = readEnterprise(s, 0);
        return OfficeRow{RowKeys{e.region_id, e.id, {}}, Json(e)};
    }
    if (type == wire::kEquipment) {
        const Equipment q = readEquipment(s, 1);
        return OfficeRow{RowKeys{s.text(0), q.enterprise_id, {}}, Json(q)};
    }
    if (type == wire::kCard) {
        const Card c = readCard(s, 1);
        return OfficeRow{RowKeys{s.text(0), c.enterprise_id, {}}, Json(c)};
    }
    if (type == wire::kTask) {
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
        return OfficeRow{RowKeys{s.text(4), t.enterprise_id, assignees}, Json(t)};
    }
    if (type != wire::kReview)
        s.corrupt("office-owned type '" + std::string(type) + "'");
    const Review r{s.text(0), enumColumn<ReviewState>(s, 1), s.text(2), s.text(3)};
    return OfficeRow{RowKeys{s.text(4), s.text(5), {}}, Json(r)};
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

const char *RowLoader::sqlFor(std::string_view type)
{
    static const auto sql = officerows::loaderQueries(
        "?", "(SELECT group_concat(username, char(10)) FROM (SELECT username FROM task_inspector "
             "WHERE task_id = t.id ORDER BY position))");
    const auto it = sql.find(type);
    return it == sql.end() ? nullptr : it->second.c_str();
}

std::optional<RowLoader::Row> RowLoader::load(std::string_view type, const std::string &id)
{
    const char *sql = sqlFor(type);
    if (!sql)
        return std::nullopt;
    auto &s = statement(type, sql);
    if (!s.bind(1, id).step())
        return std::nullopt;
    return officerows::readOfficeRow(type, SqliteRow(s));
}

} // namespace fp
