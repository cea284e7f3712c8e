#pragma once
// The typed cells of a plan sheet, read the way offices type them. Each returns nothing when the
// cell cannot be read; plansheet.cpp turns that into a sentence naming line, column and value.

#include "core/enums.h"
#include "core/types.h"

#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// 统一社会信用代码 normalised: spaces removed, full-width forms to ASCII, upper case.
std::string normalizeCreditCode(std::string_view cell);
/// 数量(台/条): a whole number > 0, e.g. "2", "２", "2台".
std::optional<int> parsePlanCount(std::string_view cell);
/// 产能: a finite number > 0 with an annual unit, e.g. "3.0", "３．０", "1,200.5", "3.0万吨/年",
/// "40万重量箱/年". A unit written in the cell wins over `unit` (the column's, e.g. from the
/// header 产能(万重量箱/年)); "万吨" alone means 万吨/年. A unit must be per year ("/年"):
/// "3000吨" is refused.
std::optional<Capacity> parsePlanCapacity(std::string_view cell, std::string_view unit = "万吨/年");
/// A capacity unit as offices write it, normalised (half-width, no spaces; "万吨" → "万吨/年"),
/// or nothing when it is not an annual unit.
std::optional<std::string> parseCapacityUnit(std::string_view text);
/// 淘汰方式: 拆除 → dismantle; 封存后拆除, 先封存后拆除 or 封存 → seal_then_dismantle.
std::optional<RequiredAction> parsePlanAction(std::string_view cell);
/// 计划完成时间 as "YYYY-MM-DD": 2017-10-31, 2017/10/31, 2017.10.31, 2017年10月31日, 20171031,
/// single-digit months and days, an ignored time after the day ("2017/10/31 0:00"), or an Excel
/// day serial number (43039) when a date cell was exported unformatted.
std::optional<std::string> parsePlanDate(std::string_view cell);

} // namespace fp
