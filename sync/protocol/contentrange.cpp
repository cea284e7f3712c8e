#include "protocol/contentrange.h"

namespace fp {

namespace {

/// Reads a run of 1-18 decimal digits at `pos`; advances `pos` past it.
std::optional<std::int64_t> readNumber(std::string_view text, std::size_t &pos)
{
    std::int64_t value = 0;
    const std::size_t begin = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (pos - begin == 18)
            return std::nullopt; // would risk overflow; no blob is that large
        value = value * 10 + (text[pos] - '0');
        ++pos;
    }
    if (pos == begin)
        return std::nullopt;
    return value;
}

} // namespace

std::optional<ContentRange> parseContentRange(std::string_view header)
{
    constexpr std::string_view unit = "bytes ";
    if (!header.starts_with(unit))
        return std::nullopt;
    std::size_t pos = unit.size();
    const auto start = readNumber(header, pos);
    if (!start || pos >= header.size() || header[pos] != '-')
        return std::nullopt;
    ++pos;
    const auto end = readNumber(header, pos);
    if (!end || pos >= header.size() || header[pos] != '/')
        return std::nullopt;
    ++pos;
    const auto total = readNumber(header, pos);
    if (!total || pos != header.size())
        return std::nullopt;
    if (*start > *end || *end >= *total)
        return std::nullopt;
    return ContentRange{*start, *end, *total};
}

std::string formatContentRange(const ContentRange &range)
{
    return "bytes " + std::to_string(range.start) + "-" + std::to_string(range.end) + "/" +
           std::to_string(range.total);
}

} // namespace fp
