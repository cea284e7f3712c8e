#include "server/exchange/publication.h"

#include "core/error.h"
#include "core/json.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <fstream>
#include <iterator>
#include <set>

namespace fp {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::int64_t kChineseNumeralsUpTo = 99;

std::optional<std::size_t> column(const Table &table, std::string_view header)
{
    const auto it = std::find(table.headers.begin(), table.headers.end(), header);
    if (it == table.headers.end())
        return std::nullopt;
    return std::size_t(it - table.headers.begin());
}

std::string textOf(const std::vector<Cell> &row, std::optional<std::size_t> col)
{
    if (!col || *col >= row.size())
        return {};
    const auto *text = std::get_if<std::string>(&row[*col]);
    return text ? *text : formatNumber(std::get<double>(row[*col]));
}

std::string chineseNumeral(std::int64_t n)
{
    static constexpr std::array<std::string_view, 10> kDigits = {"零", "一", "二", "三", "四",
                                                                 "五", "六", "七", "八", "九"};
    if (n < 1 || n > kChineseNumeralsUpTo)
        return std::to_string(n);
    std::string out;
    const std::int64_t tens = n / 10;
    const std::int64_t ones = n % 10;
    if (tens > 1)
        out.append(kDigits[std::size_t(tens)]);
    if (tens > 0)
        out.append("十");
    if (ones > 0)
        out.append(kDigits[std::size_t(ones)]);
    return out;
}

} // namespace

const std::vector<std::string> &publishableLists()
{
    static const std::vector<std::string> lists = {"yellow", "red", "completed"};
    return lists;
}

bool isPublishable(std::string_view list)
{
    const auto &all = publishableLists();
    return std::find(all.begin(), all.end(), list) != all.end();
}

std::string batchTitle(std::int64_t batch, const std::string &listTitle)
{
    std::string out = "第";
    out.append(chineseNumeral(batch)).append("批").append(listTitle);
    return out;
}

std::string tableToJsonText(const Table &table)
{
    return tableJson(table).dump();
}

Table tableFromJsonText(const std::string &text)
{
    const Json j = Json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("title") || !j.contains("headers") ||
        !j.contains("rows") || !j["rows"].is_array())
        throw Error("a published batch's table is not the JSON the server wrote");
    Table t{j["title"].get<std::string>(), j["headers"].get<std::vector<std::string>>(), {}};
    for (const auto &r : j["rows"]) {
        std::vector<Cell> row;
        for (const auto &c : r) {
            if (c.is_number())
                row.emplace_back(c.get<double>());
            else
                row.emplace_back(c.get<std::string>());
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::vector<ListedEnterprise> listedEnterprises(const Table &table)
{
    const auto code = column(table, "统一社会信用代码");
    const auto name = column(table, "企业名称");
    std::vector<ListedEnterprise> out;
    std::set<std::string> seen;
    for (const auto &row : table.rows) {
        ListedEnterprise e{textOf(row, code), textOf(row, name)};
        if (seen.insert(e.credit_code).second)
            out.push_back(std::move(e));
    }
    return out;
}

ListChanges listChanges(const Table &previous, const Table &current)
{
    const auto before = listedEnterprises(previous);
    const auto after = listedEnterprises(current);
    const auto codes = [](const std::vector<ListedEnterprise> &list) {
        std::set<std::string> out;
        for (const auto &e : list)
            out.insert(e.credit_code);
        return out;
    };
    const auto beforeCodes = codes(before);
    const auto afterCodes = codes(after);
    ListChanges out;
    for (const auto &e : after) {
        if (!beforeCodes.contains(e.credit_code))
            out.added.push_back(e);
    }
    for (const auto &e : before) {
        if (!afterCodes.contains(e.credit_code))
            out.removed.push_back(e);
    }
    return out;
}

bool sameContent(const Table &a, const Table &b)
{
    return a.headers == b.headers && a.rows == b.rows;
}

std::optional<std::int64_t> timestampSeconds(std::string_view timestamp)
{
    // "YYYY-MM-DDTHH:MM:SS" and anything after (fraction, Z).
    constexpr std::size_t kLength = 19;
    if (timestamp.size() < kLength || timestamp[4] != '-' || timestamp[7] != '-' ||
        timestamp[10] != 'T' || timestamp[13] != ':' || timestamp[16] != ':')
        return std::nullopt;
    const auto number = [&](std::size_t from, std::size_t count) -> std::optional<int> {
        int n = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (timestamp[i] < '0' || timestamp[i] > '9')
                return std::nullopt;
            n = n * 10 + (timestamp[i] - '0');
        }
        return n;
    };
    const auto y = number(0, 4), mo = number(5, 2), d = number(8, 2);
    const auto h = number(11, 2), mi = number(14, 2), s = number(17, 2);
    if (!y || !mo || !d || !h || !mi || !s)
        return std::nullopt;
    const std::chrono::year_month_day day{std::chrono::year(*y), std::chrono::month(unsigned(*mo)),
                                          std::chrono::day(unsigned(*d))};
    if (!day.ok() || *h > 23 || *mi > 59 || *s > 60)
        return std::nullopt;
    const auto days = std::chrono::sys_days(day).time_since_epoch().count();
    return std::int64_t(days) * 86400 + *h * 3600 + *mi * 60 + *s;
}

std::string xlsxBytes(const std::vector<Table> &tables, const std::filesystem::path &tempFile,
                      std::int64_t created)
{
    std::string bytes;
    try {
        writeXlsxBook(tables, tempFile, created);
        std::ifstream in(tempFile, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), {});
    } catch (...) {
        std::filesystem::remove(tempFile);
        throw;
    }
    std::filesystem::remove(tempFile);
    return bytes;
}

std::string tablesToCsv(const std::vector<Table> &tables)
{
    std::string out(kBom);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (i > 0)
            out.append("\r\n");
        // The title as a one-cell line of its own, then the table as tableToCsv writes it.
        const std::string title = tableToCsv(Table{"", {tables[i].title}, {}});
        const std::string body = tableToCsv(tables[i]);
        out.append(title.substr(kBom.size())).append(body.substr(kBom.size()));
    }
    return out;
}

} // namespace fp
