#pragma once
// Which office-owned rows a user may see (DESIGN §3): office and admin accounts everything;
// an inspector the regions (or explicit enterprises) of their scope, with those enterprises'
// equipment, cards and reviews, and the tasks assigned to them.

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// Where a row sits, as recorded in the change log: its region, its enterprise and, for
/// tasks, the assigned usernames joined by '\n'.
struct RowKeys
{
    std::string region_id;
    std::string enterprise_id;
    std::string assignees;
};

/// One user's resolved scope.
struct Scope
{
    bool everything = false;
    std::string username;
    std::set<std::string> region_ids;       // regions of the scope
    std::set<std::string> enterprise_ids;   // explicitly listed enterprises
    std::set<std::string> extra_region_ids; // regions of those enterprises (region rows only)

    /// True when a row of `type` with `keys` is visible.
    bool sees(std::string_view type, const RowKeys &keys) const;
    /// True when the enterprise (in `regionId`) is visible.
    bool seesEnterprise(const std::string &enterpriseId, const std::string &regionId) const;
};

/// The change-log keys (the office schema's change_key table) under which every entry `scope`
/// may see is indexed: "g:" and "r:" of its regions, "g:" of its enterprises' regions, "e:" of
/// its enterprises, "u:" of its username and "u:*" (assignees the index could not split). Empty
/// for a scope that sees everything (it reads the whole log). Entries found by these keys are a
/// superset of what `sees` accepts; the pull still decides with `sees`.
std::vector<std::string> changeKeysOf(const Scope &scope);

/// Joins usernames for RowKeys::assignees.
std::string joinAssignees(const std::vector<std::string> &usernames);

} // namespace fp
