#include "server/pgstore/pgrows.h"

#include "protocol/recordtype.h"
#include "server/storage/officerows.h"

#include <array>
#include <charconv>
#include <map>

namespace fp {

void PgRow::throwCorrupt(const std::string &what) const
{
    throw PgError("the office database holds an " + what, "");
}

namespace pgrows {

std::string realText(double v)
{
    std::array<char, 32> buf{};
    const auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), v);
    return ec == std::errc() ? std::string(buf.data(), end) : std::to_string(v);
}
} // namespace pgrows

std::optional<PgRowLoader::Row> PgRowLoader::load(std::string_view type, const std::string &id)
{
    static const auto sql = officerows::loaderQueries(
        "$1", "(SELECT string_agg(username, E'\\n' ORDER BY position) FROM task_inspector WHERE "
              "task_id = t.id)");
    const auto query = sql.find(type);
    if (query == sql.end())
        return std::nullopt;
    const PgResult r = m_db.exec(query->second, {id});
    if (r.rows() == 0)
        return std::nullopt;
    return officerows::readOfficeRow(type, PgRow(r, 0));
}

} // namespace fp
