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
