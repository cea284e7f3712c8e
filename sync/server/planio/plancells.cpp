#include "server/planio/plancells.h"

#include "core/validation.h"
#include "server/planio/textnorm.h"

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace fp {

namespace {

/// `text` without `suffix` if it ends with it.
std::string_view withoutSuffix(std::string_view text, std::string_view suffix)
{
    return text.ends_with(suffix) ? text.substr(0, text.size() - suffix.size()) : text;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

/// Leading decimal digits of `text` from `pos` as a number, advancing `pos`; at most `maxLen`.
std::optional<int> takeNumber(std::string_view text, std::size_t &pos, std::size_t maxLen)
{
    const std::size_t start = pos;
    int value = 0;
    while (pos < text.size() && isDigit(text[pos]) && pos - start < maxLen)
        value = value * 10 + (text[pos++] - '0');
    if (pos == start)
        return std::nullopt;
    return value;
}

/// Skips one date separator at `pos`: - / . or a Chinese 年/月 (UTF-8, 3 bytes).
bool takeSeparator(std::string_view text, std::size_t &pos, std::string_view chinese)
{
    if (pos < text.size() && (text[pos] == '-' || text[pos] == '/' || text[pos] == '.')) {
        ++pos;
        return true;
    }
    if (text.substr(pos).starts_with(chinese)) {
        pos += chinese.size();
        return true;
    }
    return false;
}

std::optional<std::string> formatDate(int y, int m, int d)
{
    std::array<char, 32> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02d-%02d", y, m, d);
    if (!isValidDate(buf.data()))
        return std::nullopt;
    return std::string(buf.data());
}

/// Excel's 1900 date system: serial 1 is 1900-01-01 and serial 60 the fictitious 1900-02-29,
/// so from 61 on the day is 1899-12-30 plus the serial. Only plausible plan years are taken.
std::optional<std::string> fromExcelSerial(int serial)
{
    constexpr int kFirst = 36526; // 2000-01-01
    constexpr int kLast = 73050;  // 2099-12-31
    if (serial < kFirst || serial > kLast)
        return std::nullopt;
    using namespace std::chrono;
    const year_month_day day{sys_days{1899y / December / 30} + days{serial}};
    return formatDate(int(day.year()), int(unsigned(day.month())), int(unsigned(day.day())));
}

/// Whether `rest` is nothing, or whitespace and a time of day such as "0:00" or "00:00:00".
bool isIgnorableTime(std::string_view rest)
{
    if (rest.empty())
        return true;
    if (rest.front() != ' ' && rest.front() != 'T')
        return false;
    rest.remove_prefix(1);
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    if (rest.empty())
        return true;
    for (char c : rest) {
        if (!isDigit(c) && c != ':' && c != '.')
            return false;
    }
    return isDigit(rest.front());
}

} // namespace

std::string normalizeCreditCode(std::string_view cell)
{
    return toUpperAscii(removeSpaces(toHalfWidth(cell)));
}

std::optional<int> parsePlanCount(std::string_view cell)
{
    const std::string text = removeSpaces(toHalfWidth(cell));
    std::string_view digits = text;
    for (std::string_view unit : {"台", "条", "套", "座", "个"})
        digits = withoutSuffix(digits, unit);
    int value = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size())
        return std::nullopt;
    if (value <= 0)
        return std::nullopt;
    return value;
}

std::optional<std::string> parseCapacityUnit(std::string_view text)
{
    std::string unit = removeSpaces(toHalfWidth(text));
    if (unit == "万吨")
        unit = "万吨/年";
    if (unit.size() <= std::string_view("/年").size() || !unit.ends_with("/年") ||
        isDigit(unit.front()) || unit.front() == '.')
        return std::nullopt;
    return unit;
}

std::optional<Capacity> parsePlanCapacity(std::string_view cell, std::string_view unit)
{
    std::string text = removeSpaces(toHalfWidth(cell));
    std::erase(text, ','); // thousands separators of a formatted number cell
    if (text.empty() || !(isDigit(text.front()) || text.front() == '.'))
        return std::nullopt; // also refuses "nan", "inf", "+3" and "-3"
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc())
        return std::nullopt;
    const std::string_view written(end, text.data() + text.size() - end);
    const auto unitOf = written.empty() ? parseCapacityUnit(unit) : parseCapacityUnit(written);
    if (!unitOf || !std::isfinite(value) || value <= 0)
        return std::nullopt;
    return Capacity{value, *unitOf};
}

std::optional<RequiredAction> parsePlanAction(std::string_view cell)
{
    const std::string text = removeSpaces(cell);
    if (text == "拆除")
        return RequiredAction::Dismantle;
    if (text == "封存后拆除" || text == "先封存后拆除" || text == "封存")
        return RequiredAction::SealThenDismantle;
    return enumFromString<RequiredAction>(text);
}

std::optional<std::string> parsePlanDate(std::string_view cell)
{
    const std::string text = trimSpaces(toHalfWidth(cell));
    const std::string_view t = text;
    if (!t.empty() && t.find_first_not_of("0123456789") == std::string_view::npos) {
        if (t.size() == 8) // 20171031
            return formatDate(std::stoi(text.substr(0, 4)), std::stoi(text.substr(4, 2)),
                              std::stoi(text.substr(6, 2)));
        if (t.size() == 5)
            return fromExcelSerial(std::stoi(text));
        return std::nullopt;
    }
    std::size_t pos = 0;
    const auto y = takeNumber(t, pos, 4);
    if (!y || pos != 4 || !takeSeparator(t, pos, "年"))
        return std::nullopt;
    const auto m = takeNumber(t, pos, 2);
    if (!m || !takeSeparator(t, pos, "月"))
        return std::nullopt;
    const auto d = takeNumber(t, pos, 2);
    if (!d)
        return std::nullopt;
    if (t.substr(pos).starts_with("日"))
        pos += std::string_view("日").size();
    if (!isIgnorableTime(t.substr(pos)))
        return std::nullopt;
    return formatDate(*y, *m, *d);
}

} // namespace fp
