#include "server/domain/scope.h"

#include "protocol/recordtype.h"

namespace fp {

bool Scope::seesEnterprise(const std::string &enterpriseId, const std::string &regionId) const
{
    if (everything)
        return true;
    return enterprise_ids.contains(enterpriseId) || region_ids.contains(regionId);
}

bool Scope::sees(std::string_view type, const RowKeys &keys) const
{
    if (everything)
        return true;
    if (type == wire::kRegion)
        return region_ids.contains(keys.region_id) || extra_region_ids.contains(keys.region_id);
    if (type == wire::kTask) {
        std::string_view rest = keys.assignees;
        while (!rest.empty()) {
            const auto nl = rest.find('\n');
            if (rest.substr(0, nl) == username)
                return true;
            if (nl == std::string_view::npos)
                break;
            rest.remove_prefix(nl + 1);
        }
        return false;
    }
    return seesEnterprise(keys.enterprise_id, keys.region_id);
}

std::vector<std::string> changeKeysOf(const Scope &scope)
{
    std::vector<std::string> keys;
    if (scope.everything)
        return keys;
    const auto add = [&keys](const char *prefix, const std::string &value) {
        keys.push_back(prefix);
        keys.back().append(value);
    };
    for (const auto &r : scope.region_ids) {
        add("g:", r);
        add("r:", r);
    }
    for (const auto &r : scope.extra_region_ids) {
        if (!scope.region_ids.contains(r))
            add("g:", r);
    }
    for (const auto &e : scope.enterprise_ids)
        add("e:", e);
    add("u:", scope.username);
    if (scope.username != "*")
        add("u:", "*");
    return keys;
}

std::string joinAssignees(const std::vector<std::string> &usernames)
{
    std::string out;
    for (const auto &u : usernames) {
        if (!out.empty())
            out += '\n';
        out += u;
    }
    return out;
}

} // namespace fp
