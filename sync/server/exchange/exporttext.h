#pragma once
// The Chinese words the office's exports write (lists, the year-end report): one place, so a
// list and the report never name a standard two ways.

#include "core/types.h"

#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// 能耗, 环保, 质量, 安全, 技术(淘汰类).
std::string standardLabel(CardStandard standard);
/// 黄牌, 红牌, 超标排放, 严重超标排放.
std::string levelLabel(CardLevel level);
/// 摸底排查, 组织退出, 检查验收, 复查.
std::string kindLabel(VisitKind kind);
/// `parts` with `sep` between them.
std::string joined(const std::vector<std::string> &parts, std::string_view sep);

} // namespace fp
