#include "pullcursor.h"

#include "core/error.h"

#include <charconv>

namespace fp {

namespace {
bool readPart(std::string_view text, std::int64_t &out)
{
    if (text.empty() || text.size() > 18)
        return false;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size() && out >= 0;
}
} // namespace

std::optional<PullCursor> parsePullCursor(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    const auto dot = text.find('.');
    PullCursor c;
    if (dot == std::string_view::npos || !readPart(text.substr(0, dot), c.epoch) ||
        !readPart(text.substr(dot + 1), c.seq))
        throw DecodeError("cursor", "is not a cursor this server issued; pull without one to "
                                    "start over");
    return c;
}

std::string formatPullCursor(const PullCursor &cursor)
{
    return std::to_string(cursor.epoch) + "." + std::to_string(cursor.seq);
}

} // namespace fp
