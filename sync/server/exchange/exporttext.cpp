#include "server/exchange/exporttext.h"

namespace fp {

std::string standardLabel(CardStandard s)
{
    switch (s) {
    case CardStandard::Energy:
        return "能耗";
    case CardStandard::Environment:
        return "环保";
    case CardStandard::Quality:
        return "质量";
    case CardStandard::Safety:
        return "安全";
    case CardStandard::Technology:
        return "技术(淘汰类)";
    }
    return {};
}

std::string levelLabel(CardLevel l)
{
    switch (l) {
    case CardLevel::Yellow:
        return "黄牌";
    case CardLevel::Red:
        return "红牌";
    case CardLevel::ExcessEmission:
        return "超标排放";
    case CardLevel::SevereExcessEmission:
        return "严重超标排放";
    }
    return {};
}

std::string kindLabel(VisitKind k)
{
    switch (k) {
    case VisitKind::Survey:
        return "摸底排查";
    case VisitKind::Exit:
        return "组织退出";
    case VisitKind::Acceptance:
        return "检查验收";
    case VisitKind::Recheck:
        return "复查";
    }
    return {};
}

std::string joined(const std::vector<std::string> &parts, std::string_view sep)
{
    std::string out;
    for (const auto &p : parts) {
        if (!out.empty())
            out.append(sep);
        out.append(p);
    }
    return out;
}

} // namespace fp
