#pragma once
// Dated publications (issue 14 item 4): which lists the office publishes in batches, a batch's
// title (第一批黄牌企业名单), its frozen table as JSON text and back, what changed between two
// batches, and its bytes as CSV or XLSX, the same bytes at every download.

#include "server/planio/tablewriter.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// The lists published in batches: "yellow", "red", "completed" (listexport.h's names).
const std::vector<std::string> &publishableLists();
bool isPublishable(std::string_view list);

/// "第一批黄牌企业名单" for batch 1 of 黄牌企业名单; Chinese numerals up to 99, digits above.
std::string batchTitle(std::int64_t batch, const std::string &listTitle);

/// The table as JSON text: {"title", "headers", "rows"}; numbers stay numbers, exactly.
std::string tableToJsonText(const Table &table);
/// The inverse of tableToJsonText; throws fp::Error on text it did not write.
Table tableFromJsonText(const std::string &text);

/// An enterprise on a list: its credit code and name.
struct ListedEnterprise
{
    std::string credit_code{};
    std::string name{};
};

/// The enterprises a batch added and removed against the previous batch of its list, by credit
/// code (the column 统一社会信用代码), each in the order of the batch that holds it.
struct ListChanges
{
    std::vector<ListedEnterprise> added{};
    std::vector<ListedEnterprise> removed{};
};
ListChanges listChanges(const Table &previous, const Table &current);
/// The enterprises of a table, once each, in row order.
std::vector<ListedEnterprise> listedEnterprises(const Table &table);

/// True when the two tables hold the same headers and rows (the title aside).
bool sameContent(const Table &a, const Table &b);

/// Seconds since 1970 (UTC) of an office timestamp ("2017-06-01T08:30:00.123Z"); nullopt when
/// the text is not one.
std::optional<std::int64_t> timestampSeconds(std::string_view timestamp);

/// The tables as one XLSX workbook (one sheet each), written to `tempFile`, read back and
/// removed; deterministic (tablewriter.h) for the same tables and `created`.
std::string xlsxBytes(const std::vector<Table> &tables, const std::filesystem::path &tempFile,
                      std::int64_t created = kXlsxFixedCreated);
/// The tables as one CSV text (BOM once, CRLF): each table its title line, its header and its
/// rows, a blank line between tables.
std::string tablesToCsv(const std::vector<Table> &tables);

} // namespace fp
