// writeXlsx and writeXlsxBook (tablewriter.h): a sheet per table, bold frozen header with a filter,
// numbers as numbers.

#include "server/planio/tablewriter.h"

#include "core/error.h"
#include "fs/pendingfile.h"

#include <algorithm>
#include <memory>
#include <xlsxwriter.h>

namespace fp {

namespace {

constexpr std::size_t kMaxSheetNameChars = 31;
constexpr lxw_row_t kMaxRows = 1048576;
constexpr double kMinWidth = 6;
constexpr double kMaxWidth = 50;

struct WorkbookCloser
{
    void operator()(lxw_workbook *wb) const { workbook_close(wb); }
};

/// Display width in Excel column units: CJK and full-width characters take two.
double displayWidth(std::string_view text)
{
    double width = 0;
    for (const char c : text) {
        const auto b = static_cast<unsigned char>(c);
        if ((b & 0xC0) == 0x80)
            continue;               // continuation byte
        width += b >= 0xE1 ? 2 : 1; // 3- and 4-byte sequences from U+1000 on: wide scripts
    }
    return width;
}

/// A sheet name Excel accepts: no []:*?/\, no apostrophe at either end, at most 31 characters.
std::string sheetName(std::string_view title)
{
    const auto trimApostrophes = [](std::string_view text) {
        while (!text.empty() && text.front() == '\'')
            text.remove_prefix(1);
        while (!text.empty() && text.back() == '\'')
            text.remove_suffix(1);
        return text;
    };
    std::string name;
    std::size_t chars = 0;
    for (const char c : trimApostrophes(title)) {
        const bool starts = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        if (starts && ++chars > kMaxSheetNameChars)
            break;
        name.push_back(std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_');
    }
    name = std::string(trimApostrophes(name)); // truncation may end on one
    return name.empty() ? "Sheet1" : name;
}

void check(lxw_error rc, const std::string &what)
{
    if (rc != LXW_NO_ERROR)
        throw Error("Cannot write the XLSX file: " + what + " (" + lxw_strerror(rc) + ").");
}

std::string cellText(const Cell &cell)
{
    if (const auto *number = std::get_if<double>(&cell))
        return formatNumber(*number);
    return std::get<std::string>(cell);
}

void writeSheet(lxw_workbook *wb, const Table &table)
{
    std::string name = sheetName(table.title);
    if (workbook_validate_sheet_name(wb, name.c_str()) != LXW_NO_ERROR)
        name = "Sheet" + std::to_string(wb->num_sheets + 1); // e.g. "History", or taken
    lxw_worksheet *ws = workbook_add_worksheet(wb, name.c_str());
    lxw_format *bold = workbook_add_format(wb);
    if (!ws || !bold)
        throw Error("Cannot write the XLSX file: out of memory.");
    format_set_bold(bold);

    std::vector<double> widths(table.headers.size(), 0);
    const auto widen = [&](std::size_t col, double w) {
        if (col >= widths.size())
            widths.resize(col + 1, 0);
        widths[col] = std::max(widths[col], w);
    };
    for (std::size_t c = 0; c < table.headers.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        check(worksheet_write_string(ws, 0, col, table.headers[c].c_str(), bold),
              "header " + table.headers[c]);
        widen(c, displayWidth(table.headers[c]) + 1); // bold is a little wider
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
            const Cell &cell = table.rows[r][c];
            const auto col = static_cast<lxw_col_t>(c);
            const auto *number = std::get_if<double>(&cell);
            const lxw_error rc =
                number ? worksheet_write_number(ws, row, col, *number, nullptr)
                       : worksheet_write_string(ws, row, col, std::get<std::string>(cell).c_str(),
                                                nullptr);
            check(rc, "row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1));
            widen(c, displayWidth(cellText(cell)));
        }
    }
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const double width = std::clamp(widths[c] + 2, kMinWidth, kMaxWidth);
        const auto col = static_cast<lxw_col_t>(c);
        check(worksheet_set_column(ws, col, col, width, nullptr), "column width");
    }
    worksheet_freeze_panes(ws, 1, 0);
    if (!widths.empty())
        check(worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                                   static_cast<lxw_col_t>(widths.size() - 1)),
              "header filter");
}

} // namespace

void writeXlsx(const Table &table, const std::filesystem::path &file, std::int64_t created)
{
    writeXlsxBook({table}, file, created);
}

void writeXlsxBook(const std::vector<Table> &tables, const std::filesystem::path &file,
                   std::int64_t created)
{
    for (const Table &table : tables) {
        if (table.rows.size() >= kMaxRows)
            throw Error("Cannot write the XLSX file: the list has " +
                        std::to_string(table.rows.size()) +
                        " rows, more than a worksheet holds; export it as CSV instead.");
    }
    PendingFile pending(file);
    {
        std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(pending.tempPath().c_str()));
        if (!wb)
            throw Error("Cannot write the XLSX file: libxlsxwriter could not start a workbook.");
        // Without a creation time libxlsxwriter writes the time of writing into
        // docProps/core.xml, and the same list would never give the same bytes twice.
        lxw_doc_properties properties{};
        properties.created = static_cast<time_t>(created);
        check(workbook_set_properties(wb.get(), &properties), "document properties");
        for (const Table &table : tables)
            writeSheet(wb.get(), table);
        check(workbook_close(wb.release()), "saving " + file.string());
    }
    pending.commit();
}

} // namespace fp
