#pragma once
// Departments of office accounts (issue 14 item 7; seed §二(一)2-5, §二(二)2-5): which bureau
// answers for which card standard, and what a town or zone office may see. An account of the
// 经信局/发改局, 环保局, 市场监督管理局 or 安监局 changes only the cards of its standards; a town
// or zone office account sees and reviews only the regions of its scope and changes no card;
// an admin does everything. An office account with no department yet (every account before
// departments came) keeps the office-wide rights it had until an admin assigns one.

#include "core/enums.h"

#include <array>
#include <set>
#include <string>
#include <string_view>

namespace fp {

enum class Department { None, Economy, Environment, Market, Safety, Region };

template <> struct EnumNames<Department>
{
    static constexpr auto names = std::to_array<std::string_view>(
        {"none", "economy", "environment", "market", "safety", "region"});
    static constexpr std::string_view type = "Department";
};

/// The bureau that answers for cards of `standard`: energy and technology (淘汰类) the
/// 经信局/发改局, environment the 环保局, quality the 市场监督管理局, safety the 安监局.
Department responsibleDepartment(CardStandard standard);

/// The department's Chinese name, as the page and the messages show it.
std::string_view departmentLabel(Department department);

/// Who acts: an office account's role and department.
struct Actor
{
    std::string username;
    Role role = Role::Office;
    Department department = Department::None;
};

/// Why `actor` may not issue, extend, withdraw or change the state of a card of `standard`;
/// "" when they may.
std::string cardActionProblem(const Actor &actor, CardStandard standard);

/// Why `actor` may not undo the rectification `recordedBy` recorded (an account then of
/// `recorderDepartment`) on a card of `standard`; "" when they may. Allowed: an admin, the
/// account that recorded it, and the department that set it — the recorder's department, or,
/// when the recorder had none (an admin, an account from before departments), the department
/// responsible for the standard.
std::string undoRectificationProblem(const Actor &actor, const std::string &recordedBy,
                                     Department recorderDepartment, CardStandard standard);

/// What an office account may see of the plan's regions: everything, or (a town or zone office)
/// the regions of its scope.
struct OfficeReach
{
    bool everything = true;
    std::set<std::string> region_ids{};

    bool seesRegion(const std::string &regionId) const
    {
        return everything || region_ids.contains(regionId);
    }
};

} // namespace fp
