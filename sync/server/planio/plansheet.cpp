#include "server/planio/plansheet.h"

#include "core/error.h"
#include "core/validation.h"
#include "server/planio/csvreader.h"
#include "server/planio/plancells.h"
#include "server/planio/textdecoder.h"
#include "server/planio/textnorm.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>

namespace fp {

namespace {

enum Column : std::size_t {
    Seq,
    Region,
    Name,
    Code,
    Industry,
    LegalRep,
    Phone,
    Address,
    Kind,
    Spec,
    Count,
    CapacityCol,
    Action,
    Deadline,
    CapacityUnitCol, // optional: a unit per row, when one sheet mixes 万吨/年 and 万重量箱/年
    ColumnCount
};

/// The cells of a row that describe its equipment.
constexpr std::array<Column, 7> kEquipmentColumns = {Kind,   Spec,     Count,          CapacityCol,
                                                     Action, Deadline, CapacityUnitCol};

constexpr std::array<std::string_view, ColumnCount> kHeaders = {
    "序号",        "属地",          "企业名称", "统一社会信用代码", "行业",
    "法定代表人",  "联系电话",      "企业地址", "设备名称",         "规格型号",
    "数量(台/条)", "产能(万吨/年)", "淘汰方式", "计划完成时间",     "产能单位"};

/// Columns a sheet may leave out.
bool isOptional(std::size_t column)
{
    return column == Seq || column == CapacityUnitCol;
}

// The enterprise columns a merged cell spans; a continuation row leaves them blank.
constexpr std::array<Column, 7> kEnterpriseColumns = {Region,   Name,  Code,   Industry,
                                                      LegalRep, Phone, Address};
constexpr std::size_t kHeaderSearchDepth = 10;        // title rows above the header
constexpr std::string_view kCapacityUnit = "万吨/年"; // when neither header nor cell names one

/// A header cell compared loosely: no spaces or line breaks, full-width （）／ as ASCII.
std::string headerKey(std::string_view cell)
{
    return removeSpaces(toHalfWidth(cell));
}

std::optional<Column> columnOf(std::string_view cell)
{
    const std::string key = headerKey(cell);
    for (std::size_t c = 0; c < ColumnCount; ++c) {
        const std::string_view name = kHeaders[c];
        if (key == name || key == name.substr(0, name.find('(')))
            return static_cast<Column>(c);
    }
    if (key.starts_with("产能(") && key.ends_with(")")) // 产能(万重量箱/年): another unit
        return CapacityCol;
    return std::nullopt;
}

/// The unit a 产能 header names in brackets ("产能(万重量箱/年)"), "" when it names none.
std::string headerUnit(std::string_view cell)
{
    const std::string key = headerKey(cell);
    const auto open = key.find('(');
    if (open == std::string::npos || !key.ends_with(")"))
        return {};
    return key.substr(open + 1, key.size() - open - 2);
}

std::string allHeaders()
{
    std::string out;
    for (std::size_t c = 0; c < ColumnCount; ++c) {
        if (c != CapacityUnitCol)
            out += (out.empty() ? "" : ",") + std::string(kHeaders[c]);
    }
    return out;
}

/// Where each column sits in the file, found from the header row.
struct HeaderMap
{
    int line = 0;
    std::size_t cellCount = 0;
    std::array<std::optional<std::size_t>, ColumnCount> index{};
    std::size_t needed = 0;                  // cells a row must have to reach every column found
    std::string capacityUnit{kCapacityUnit}; // the 产能 header's unit

    [[nodiscard]] std::vector<std::string_view> missing() const
    {
        std::vector<std::string_view> out;
        for (std::size_t c = 0; c < ColumnCount; ++c) {
            if (!isOptional(c) && !index[c])
                out.push_back(kHeaders[c]);
        }
        return out;
    }
};

HeaderMap headerOf(const CsvRecord &rec)
{
    HeaderMap map;
    map.line = rec.line;
    map.cellCount = rec.cells.size();
    for (std::size_t i = 0; i < rec.cells.size(); ++i) {
        const auto col = columnOf(rec.cells[i]);
        if (!col)
            continue;
        if (map.index[*col])
            throw ValidationError("line " + std::to_string(rec.line) + ": the column " +
                                  std::string(kHeaders[*col]) +
                                  " appears twice in the header; keep one and import again.");
        map.index[*col] = i;
        map.needed = std::max(map.needed, i + 1);
        if (*col == CapacityCol) {
            const std::string written = headerUnit(rec.cells[i]);
            const auto unit = written.empty()
                                  ? std::optional<std::string>(std::string(kCapacityUnit))
                                  : parseCapacityUnit(written);
            if (!unit)
                throw ValidationError("line " + std::to_string(rec.line) + ": the column " +
                                      headerKey(rec.cells[i]) +
                                      " names no annual unit; write e.g. 产能(万吨/年) or "
                                      "产能(万重量箱/年).");
            map.capacityUnit = *unit;
        }
    }
    return map;
}

/// The header row: the first of the top records naming both 企业名称 and 统一社会信用代码
/// (sheets often carry a title row above it). Returns its position in `records`.
std::pair<std::size_t, HeaderMap> findHeader(const std::vector<CsvRecord> &records)
{
    for (std::size_t r = 0; r < records.size() && r < kHeaderSearchDepth; ++r) {
        HeaderMap map = headerOf(records[r]);
        if (!map.index[Name] || !map.index[Code])
            continue;
        const auto missing = map.missing();
        if (!missing.empty()) {
            std::string names;
            for (auto m : missing)
                names += (names.empty() ? "" : ", ") + std::string(m);
            throw ValidationError("line " + std::to_string(map.line) +
                                  ": the header lacks the column(s) " + names +
                                  "; the plan sheet needs the columns " + allHeaders() + ".");
        }
        return {r, map};
    }
    throw ValidationError("The file has no header row naming 企业名称 and 统一社会信用代码 in its "
                          "first lines; the plan sheet needs the columns " +
                          allHeaders() + ".");
}

bool isBlank(const std::vector<std::string> &cells)
{
    for (const auto &c : cells) {
        if (!trimSpaces(c).empty())
            return false;
    }
    return true;
}

/// A 合计 / 总计 / 小计 row: sums, not equipment.
bool isTotalRow(const std::vector<std::string> &cells)
{
    for (const auto &c : cells) {
        std::string key = removeSpaces(toHalfWidth(c));
        if (key.ends_with(":"))
            key.pop_back();
        if (key == "合计" || key == "总计" || key == "小计")
            return true;
    }
    return false;
}

/// "The check character ... is 'X'." → "the check character ... is 'X'" for use mid-sentence.
std::string asClause(std::string sentence)
{
    if (sentence.size() > 1 && sentence[0] >= 'A' && sentence[0] <= 'Z' && sentence[1] >= 'a' &&
        sentence[1] <= 'z')
        sentence[0] = static_cast<char>(sentence[0] - 'A' + 'a');
    if (sentence.ends_with("."))
        sentence.pop_back();
    return sentence;
}

/// Reads the rows after the header, carrying the enterprise of merged cells down.
class PlanReader
{
  public:
    explicit PlanReader(const HeaderMap &header) : m_header(header) {}

    void read(const CsvRecord &rec, PlanSheet &sheet)
    {
        if (isBlank(rec.cells) || isTotalRow(rec.cells))
            return;
        m_line = rec.line;
        m_problems.clear();
        if (!checkShape(rec)) {
            flush(sheet);
            return;
        }
        std::array<std::string, ColumnCount> cell;
        for (std::size_t c = 0; c < ColumnCount; ++c) {
            if (m_header.index[c])
                cell[c] = trimSpaces(rec.cells[*m_header.index[c]]);
        }
        // A row that names its enterprise and leaves every equipment cell empty lists the
        // enterprise alone (a continuation row with no equipment stays an error below).
        const bool namesEnterprise = !cell[Name].empty() || !cell[Code].empty();
        const bool noEquipment =
            std::all_of(kEquipmentColumns.begin(), kEquipmentColumns.end(),
                        [&](Column c) { return !m_header.index[c] || cell[c].empty(); });
        inheritEnterprise(cell);

        PlanRow row;
        row.line = rec.line;
        row.region_name = cell[Region];
        row.enterprise_name = cell[Name];
        row.credit_code = normalizeCreditCode(cell[Code]);
        row.industry = cell[Industry];
        row.legal_representative = cell[LegalRep];
        row.contact_phone = trimSpaces(toHalfWidth(cell[Phone]));
        row.address = cell[Address];
        row.equipment_kind = cell[Kind];
        row.spec = cell[Spec];
        checkEnterprise(row, cell[Code]);
        if (namesEnterprise && noEquipment)
            row.enterprise_only = true;
        else
            readEquipment(row, cell);
        if (m_problems.empty())
            sheet.rows.push_back(std::move(row));
        flush(sheet);
    }

  private:
    void problem(const std::string &text)
    {
        m_problems.push_back("line " + std::to_string(m_line) + ": " + text);
    }

    void flush(PlanSheet &sheet)
    {
        for (auto &p : m_problems)
            sheet.errors.push_back({m_line, std::move(p)});
        m_problems.clear();
    }

    bool checkShape(const CsvRecord &rec)
    {
        const auto have = rec.cells.size();
        if (have < m_header.needed) {
            problem("the row has only " + std::to_string(have) + " cells but the header has " +
                    std::to_string(m_header.cellCount) +
                    "; check for a missing comma or a cell that lost its quotes.");
            return false;
        }
        for (std::size_t i = m_header.cellCount; i < have; ++i) {
            if (!trimSpaces(rec.cells[i]).empty()) {
                problem("the row has " + std::to_string(have) + " cells but the header has " +
                        std::to_string(m_header.cellCount) +
                        "; a cell probably holds a comma without quotes around it.");
                return false;
            }
        }
        return true;
    }

    void inheritEnterprise(std::array<std::string, ColumnCount> &cell)
    {
        const bool continuation = cell[Name].empty() && cell[Code].empty();
        if (continuation && m_previous) {
            for (auto c : kEnterpriseColumns) {
                if (cell[c].empty())
                    cell[c] = (*m_previous)[c];
            }
        }
        std::array<std::string, ColumnCount> kept;
        for (auto c : kEnterpriseColumns)
            kept[c] = cell[c];
        m_previous = kept;
    }

    void checkEnterprise(const PlanRow &row, const std::string &rawCode)
    {
        if (row.region_name.empty())
            problem("属地 is empty; name the town, management area or development zone.");
        if (row.enterprise_name.empty())
            problem(
                "企业名称 is empty; every row needs the enterprise's name (leave both 企业名称 "
                "and 统一社会信用代码 blank only to continue the enterprise of the row above).");
        if (const auto why = creditCodeProblem(row.credit_code); !why.empty()) {
            problem(rawCode.empty() ? "统一社会信用代码 is empty; every enterprise needs its "
                                      "18-character unified social credit code."
                                    : "统一社会信用代码 '" + rawCode +
                                          "' is not valid: " + asClause(why) + ".");
            return;
        }
        if (row.enterprise_name.empty())
            return;
        const std::string nameKey = removeSpaces(toHalfWidth(row.enterprise_name));
        const auto [it, isNew] =
            m_codeOwners.try_emplace(row.credit_code, Owner{row.enterprise_name, nameKey, m_line});
        if (!isNew && it->second.key != nameKey)
            problem("统一社会信用代码 '" + row.credit_code + "' belongs to '" + it->second.name +
                    "' on line " + std::to_string(it->second.line) + ", but this row names '" +
                    row.enterprise_name + "'; one code cannot name two enterprises.");
    }

    void readEquipment(PlanRow &row, const std::array<std::string, ColumnCount> &cell)
    {
        if (row.equipment_kind.empty())
            problem("设备名称 is empty; name the equipment (e.g. 中频炉).");
        if (const auto count = parsePlanCount(cell[Count]))
            row.count = *count;
        else
            problem(std::string(kHeaders[Count]) + " '" + cell[Count] +
                    "' is not a whole number greater than 0.");
        const std::string &unit =
            cell[CapacityUnitCol].empty() ? m_header.capacityUnit : cell[CapacityUnitCol];
        if (!parseCapacityUnit(unit))
            problem("产能单位 '" + unit +
                    "' is not an annual unit; write e.g. 万吨/年 or 万重量箱/年.");
        else if (const auto capacity = parsePlanCapacity(cell[CapacityCol], unit))
            row.capacity = *capacity;
        else
            problem("产能(" + unit + ") '" + cell[CapacityCol] +
                    "' is not a number greater than 0 (a unit written in the cell must be annual, "
                    "e.g. 3.0万吨/年).");
        if (const auto action = parsePlanAction(cell[Action]))
            row.action = *action;
        else
            problem("淘汰方式 '" + cell[Action] + "' is not known; write 拆除 or 封存后拆除.");
        if (const auto date = parsePlanDate(cell[Deadline]))
            row.deadline = *date;
        else
            problem("计划完成时间 '" + cell[Deadline] +
                    "' is not a date; write it like 2017-10-31 or 2017年10月31日.");
    }

    struct Owner
    {
        std::string name;
        std::string key;
        int line = 0;
    };

    const HeaderMap &m_header;
    int m_line = 0;
    std::vector<std::string> m_problems;
    std::optional<std::array<std::string, ColumnCount>> m_previous;
    std::map<std::string, Owner> m_codeOwners;
};

} // namespace

std::string planSheetTemplate()
{
    std::string csv = "\xEF\xBB\xBF";
    for (std::size_t c = 0; c < ColumnCount; ++c) {
        if (c == CapacityUnitCol)
            continue;
        if (c > 0)
            csv += ',';
        csv += kHeaders[c];
    }
    return csv.append("\r\n");
}

PlanSheet parsePlanSheet(std::string_view bytes)
{
    const std::string text = decodeSheetText(bytes);
    const auto records = readCsv(text, guessDelimiter(text));
    const auto [headerAt, header] = findHeader(records);
    PlanSheet sheet;
    PlanReader reader(header);
    for (std::size_t r = headerAt + 1; r < records.size(); ++r)
        reader.read(records[r], sheet);
    return sheet;
}

RegionKind regionKindFromName(std::string_view name)
{
    if (name.find("管理区") != std::string_view::npos)
        return RegionKind::ManagementArea;
    if (name.find("开发区") != std::string_view::npos ||
        name.find("园区") != std::string_view::npos)
        return RegionKind::DevelopmentZone;
    return RegionKind::Town;
}

} // namespace fp
