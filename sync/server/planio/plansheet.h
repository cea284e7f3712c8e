#pragma once
// Reading the survey phase's plan sheets (one row per equipment item) as real offices export
// them from Excel or WPS: UTF-8, UTF-8 with BOM or GBK; merged enterprise cells left blank on
// continuation rows; stray spaces; full-width digits; a trailing total row (合计).

#include "core/types.h"

#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// One equipment row of a plan sheet, after continuation rows inherited their enterprise (or
/// one enterprise row without equipment).
struct PlanRow
{
    int line = 0;            // 1-based line in the file (the header is line 1)
    std::string region_name; // 属地
    std::string enterprise_name;
    std::string credit_code;
    std::string industry;
    std::string legal_representative;
    std::string contact_phone;
    std::string address;
    std::string equipment_kind; // 设备名称
    std::string spec;           // 规格型号
    int count = 1;              // 数量(台/条)
    Capacity capacity;          // 产能 with its unit (万吨/年, 万重量箱/年 ...)
    RequiredAction action = RequiredAction::Dismantle; // 淘汰方式: 拆除 | 封存后拆除
    std::string deadline;                              // 计划完成时间, "YYYY-MM-DD"
    /// The row names an enterprise and leaves every equipment cell empty: an enterprise the
    /// office follows without planned equipment (issue 14 item 1); the equipment fields above
    /// are unset.
    bool enterprise_only = false;
};

/// A row that could not be read, by line number, with a sentence saying why.
struct PlanRowError
{
    int line = 0;
    std::string reason;
};

struct PlanSheet
{
    std::vector<PlanRow> rows;
    std::vector<PlanRowError> errors;
};

/// Decodes `bytes` (UTF-8, UTF-8 with BOM, or GBK) and parses the sheet. Never throws for bad
/// rows: they land in `errors`. Throws ValidationError when the file as a whole is unusable
/// (undecodable text, missing required columns).
PlanSheet parsePlanSheet(std::string_view bytes);

/// A blank plan sheet for an office to fill in: UTF-8 with a BOM (so that Excel and WPS open it
/// right) holding the header row that parsePlanSheet() reads, the optional 产能单位 left out.
std::string planSheetTemplate();

/// The region kind a region's name suggests: 镇 → town, 管理区 → management_area,
/// 开发区/园区 → development_zone.
RegionKind regionKindFromName(std::string_view name);

} // namespace fp
