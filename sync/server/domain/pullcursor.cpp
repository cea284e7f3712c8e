#include "server/domain/pullcursor.h"

#include "core/error.h"

#include <algorithm>
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

bool isTag(std::string_view text)
{
    if (text.empty() || text.size() > 8)
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               c == '-' || c == '_';
    });
}

} // namespace

std::optional<PullCursor> parsePullCursor(std::string_view text)
{
    if (text.empty())
        return std::nullopt;
    const auto dot1 = text.find('.');
    const auto dot2 = dot1 == std::string_view::npos ? dot1 : text.find('.', dot1 + 1);
    PullCursor c;
    if (dot2 == std::string_view::npos || !readPart(text.substr(0, dot1), c.epoch) ||
        !readPart(text.substr(dot1 + 1, dot2 - dot1 - 1), c.seq) || !isTag(text.substr(dot2 + 1)))
        throw DecodeError("cursor", "is not a cursor this server issued; pull without one to "
                                    "start over");
    c.tag = std::string(text.substr(dot2 + 1));
    return c;
}

std::string formatPullCursor(const PullCursor &cursor)
{
    return std::to_string(cursor.epoch) + "." + std::to_string(cursor.seq) + "." + cursor.tag;
}

std::string pullCursorTag(std::string_view rowId)
{
    if (rowId.empty())
        return "0";
    return std::string(rowId.substr(rowId.size() > 8 ? rowId.size() - 8 : 0));
}

} // namespace fp
