#include "server/pgstore/pgrows.h"

#include "protocol/recordtype.h"
#include "server/storage/officerows.h"

#include <array>
#include <charconv>

namespace fp {

namespace {

template <typename E> E enumColumn(const PgResult &r, int row, int col)
{
    const std::string text = r.text(row, col);
    if (auto v = enumFromString<E>(text))
        return *v;
    throw PgError("the office database holds an unknown " + std::string(EnumNames<E>::type) + " '" +
                      text + "'",
                  "");
}

} // namespace

namespace pgrows {

std::string realText(double v)
{
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return ec == std::errc() ? std::string(buf.data(), end) : std::to_string(v);
}

Enterprise readEnterprise(const PgResult &r, int row, int col)
{
    Enterprise e;
    e.id = r.text(row, col);
    e.credit_code = r.text(row, col + 1);
    e.name = r.text(row, col + 2);
    e.region_id = r.text(row, col + 3);
    e.industry = r.text(row, col + 4);
    e.address = r.text(row, col + 5);
    e.legal_representative = r.text(row, col + 6);
    e.contact_phone = r.text(row, col + 7);
    if (!r.isNull(row, col + 8) && !r.isNull(row, col + 9))
        e.location = Position{r.real(row, col + 8), r.real(row, col + 9), r.optReal(row, col + 10)};
    return e;
}

Equipment readEquipment(const PgResult &r, int row, int col)
{
    Equipment q;
    q.id = r.text(row, col);
    q.enterprise_id = r.text(row, col + 1);
    q.kind = r.text(row, col + 2);
    q.spec = r.text(row, col + 3);
    q.count = static_cast<int>(r.integer(row, col + 4));
    q.capacity = Capacity{r.real(row, col + 5), r.text(row, col + 6)};
    q.location_in_plant = r.text(row, col + 7);
    q.plan_year = static_cast<int>(r.integer(row, col + 8));
    q.action = enumColumn<RequiredAction>(r, row, col + 9);
    q.dismantle_deadline = r.optText(row, col + 10);
    return q;
}

Card readCard(const PgResult &r, int row, int col)
{
    Card c;
    c.id = r.text(row, col);
    c.enterprise_id = r.text(row, col + 1);
    c.standard = enumColumn<CardStandard>(r, row, col + 2);
    c.level = enumColumn<CardLevel>(r, row, col + 3);
    c.department = r.text(row, col + 4);
    c.issued_on = r.text(row, col + 5);
    c.rectify_by = r.optText(row, col + 6);
    c.extended_to = r.optText(row, col + 7);
    c.state = enumColumn<CardState>(r, row, col + 8);
    c.extension_applied_on = r.optText(row, col + 9);
    c.extension_reason = r.optText(row, col + 10);
    c.source_card_id = r.optText(row, col + 11);
    return c;
}

} // namespace pgrows

std::optional<PgRowLoader::Row> PgRowLoader::load(std::string_view type, const std::string &id)
{
    using namespace officerows;
    using namespace pgrows;
    if (type == wire::kRegion) {
        const PgResult r = m_db.exec("SELECT id, name, kind FROM region WHERE id = $1", {id});
        if (r.rows() == 0)
            return std::nullopt;
        const Region region{r.text(0, 0), r.text(0, 1), enumColumn<RegionKind>(r, 0, 2)};
        return Row{RowKeys{region.id, {}, {}}, Json(region)};
    }
    if (type == wire::kEnterprise) {
        static const std::string sql =
            std::string("SELECT ") + kEnterpriseColumns + " FROM enterprise e WHERE e.id = $1";
        const PgResult r = m_db.exec(sql, {id});
        if (r.rows() == 0)
            return std::nullopt;
        const Enterprise e = readEnterprise(r, 0, 0);
        return Row{RowKeys{e.region_id, e.id, {}}, Json(e)};
    }
    if (type == wire::kEquipment) {
        static const std::string sql = std::string("SELECT e.region_id, ") + kEquipmentColumns +
                                       " FROM equipment q JOIN enterprise e ON e.id = "
                                       "q.enterprise_id WHERE q.id = $1";
        const PgResult r = m_db.exec(sql, {id});
        if (r.rows() == 0)
            return std::nullopt;
        const Equipment q = readEquipment(r, 0, 1);
        return Row{RowKeys{r.text(0, 0), q.enterprise_id, {}}, Json(q)};
    }
    if (type == wire::kCard) {
        static const std::string sql =
            std::string("SELECT e.region_id, ") + kCardColumns +
            " FROM card c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = $1";
        const PgResult r = m_db.exec(sql, {id});
        if (r.rows() == 0)
            return std::nullopt;
        const Card c = readCard(r, 0, 1);
        return Row{RowKeys{r.text(0, 0), c.enterprise_id, {}}, Json(c)};
    }
    if (type == wire::kTask) {
        const PgResult r = m_db.exec(
            "SELECT t.id, t.enterprise_id, t.kind, t.due, e.region_id, (SELECT "
            "string_agg(username, E'\\n' ORDER BY position) FROM task_inspector WHERE task_id = "
            "t.id) FROM task t JOIN enterprise e ON e.id = t.enterprise_id WHERE t.id = $1",
            {id});
        if (r.rows() == 0)
            return std::nullopt;
        Task t{r.text(0, 0), r.text(0, 1), enumColumn<VisitKind>(r, 0, 2), r.text(0, 3), {}};
        const std::string assignees = r.isNull(0, 5) ? std::string() : r.text(0, 5);
        std::string_view rest = assignees;
        while (!rest.empty()) {
            const auto nl = rest.find('\n');
            t.inspectors.emplace_back(rest.substr(0, nl));
            if (nl == std::string_view::npos)
                break;
            rest.remove_prefix(nl + 1);
        }
        return Row{RowKeys{r.text(0, 4), t.enterprise_id, assignees}, Json(t)};
    }
    if (type == wire::kReview) {
        const PgResult r = m_db.exec(
            "SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, e.region_id, e.id FROM "
            "review r JOIN inspection i ON i.id = r.inspection_id JOIN enterprise e ON e.id = "
            "i.enterprise_id WHERE r.inspection_id = $1",
            {id});
        if (r.rows() == 0)
            return std::nullopt;
        const Review review{r.text(0, 0), enumColumn<ReviewState>(r, 0, 1), r.text(0, 2),
                            r.text(0, 3)};
        return Row{RowKeys{r.text(0, 4), r.text(0, 5), {}}, Json(review)};
    }
    return std::nullopt;
}

} // namespace fp
