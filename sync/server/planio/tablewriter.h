#pragma once
// Writing a published list as CSV (UTF-8 with BOM, so Excel opens it) or XLSX (libxlsxwriter).

#include "core/json.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace fp {

/// A cell: text, or a number that spreadsheets should treat as a number.
using Cell = std::variant<std::string, double>;

/// A list as the government portal shows it: Chinese column headers and rows.
struct Table
{
    std::string title; // sheet name in XLSX, e.g. "淘汰计划"
    std::vector<std::string> headers;
    std::vector<std::vector<Cell>> rows;
};

/// A number as lists print it: up to 12 significant digits, no trailing zeros (3.7, 40.6, 2);
/// empty for NaN and infinities.
std::string formatNumber(double value);

/// The table as JSON: {"title", "headers", "rows"}; numbers stay numbers, exactly.
Json tableJson(const Table &table);

/// RFC 4180 CSV with a UTF-8 BOM and CRLF line ends. A text cell that Excel would run as a
/// formula (it starts with = + @ or -, other than a plain number) gets a leading apostrophe.
std::string tableToCsv(const Table &table);
/// Writes atomically (temp file, then rename). Throws fp::Error on failure.
void writeCsv(const Table &table, const std::filesystem::path &file);
/// The same table and `created` always give the same bytes: the zip's members carry a fixed
/// date and the workbook's creation time (docProps/core.xml) is `created` (seconds since
/// 1970, UTC), by default 1980-01-01 like the members, never the time of writing; a published
/// batch passes its publication time.
inline constexpr std::int64_t kXlsxFixedCreated = 315532800; // 1980-01-01T00:00:00Z
void writeXlsx(const Table &table, const std::filesystem::path &file,
               std::int64_t created = kXlsxFixedCreated);
/// Several tables, one sheet each, in one workbook (the year-end report); deterministic as above.
void writeXlsxBook(const std::vector<Table> &tables, const std::filesystem::path &file,
                   std::int64_t created = kXlsxFixedCreated);

} // namespace fp
