#include "server/planio/tablewriter.h"

#include "fs/pendingfile.h"

#include <array>
#include <charconv>
#include <cmath>

namespace fp {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool isPlainNumber(std::string_view text)
{
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

/// Excel runs a CSV cell starting with = + - @ as a formula (CSV injection); an apostrophe
/// keeps it text. "-" and negative numbers stay as they are.
bool looksLikeFormula(std::string_view text)
{
    if (text.empty())
        return false;
    switch (text.front()) {
    case '=':
    case '+':
    case '@':
    case '\t':
    case '\r':
        return true;
    case '-':
        return text.size() > 1 && !isPlainNumber(text);
    default:
        return false;
    }
}

void appendField(std::string &out, std::string_view text)
{
    // Appended, not `"'" + text`: GCC 12 -O3 reports a false -Wrestrict there (GCC bug 105329).
    std::string value = std::string(looksLikeFormula(text) ? "'" : "").append(text);
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
        out += value;
        return;
    }
    out.push_back('"');
    for (char c : value) {
        if (c == '"')
            out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
}

void appendCell(std::string &out, const Cell &cell)
{
    if (const auto *number = std::get_if<double>(&cell))
        out += formatNumber(*number);
    else
        appendField(out, std::get<std::string>(cell));
}

} // namespace

std::string formatNumber(double value)
{
    if (!std::isfinite(value))
        return {};
    if (value == 0)
        return "0"; // also for -0
    std::array<char, 64> buf{};
    const auto [end, ec] =
        std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::general, 12);
    return ec == std::errc() ? std::string(buf.data(), end) : std::string();
}

Json tableJson(const Table &table)
{
    Json rows = Json::array();
    for (const auto &row : table.rows) {
        Json r = Json::array();
        for (const auto &cell : row) {
            if (const auto *text = std::get_if<std::string>(&cell))
                r.push_back(*text);
            else
                r.push_back(std::get<double>(cell));
        }
        rows.push_back(std::move(r));
    }
    return Json{{"title", table.title}, {"headers", table.headers}, {"rows", rows}};
}

std::string tableToCsv(const Table &table)
{
    std::string out(kUtf8Bom);
    for (std::size_t i = 0; i < table.headers.size(); ++i) {
        if (i > 0)
            out.push_back(',');
        appendField(out, table.headers[i]);
    }
    out += "\r\n";
    for (const auto &row : table.rows) {
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0)
                out.push_back(',');
            appendCell(out, row[i]);
        }
        out += "\r\n";
    }
    return out;
}

void writeCsv(const Table &table, const std::filesystem::path &file)
{
    writeFileAtomically(file, tableToCsv(table));
}

} // namespace fp
