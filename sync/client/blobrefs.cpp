#include "blobrefs.h"

#include "protocol/blobpath.h"

#include <set>

namespace fp {

namespace {
void collect(const Json &list, std::set<std::string> &seen, std::vector<std::string> &out)
{
    if (!list.is_array())
        return;
    for (const Json &entry : list) {
        if (!entry.is_object())
            continue;
        const auto sha = entry.find("sha256");
        if (sha == entry.end() || !sha->is_string())
            continue;
        const std::string text = sha->get<std::string>();
        if (isValidBlobId(text) && seen.insert(text).second)
            out.push_back(text);
    }
}
} // namespace

std::vector<std::string> blobRefs(const Json &bundle)
{
    std::set<std::string> seen;
    std::vector<std::string> out;
    if (!bundle.is_object())
        return out;
    if (const auto photos = bundle.find("photos"); photos != bundle.end())
        collect(*photos, seen, out);
    if (const auto opinion = bundle.find("opinion");
        opinion != bundle.end() && opinion->is_object()) {
        if (const auto signatures = opinion->find("signatures"); signatures != opinion->end())
            collect(*signatures, seen, out);
    }
    return out;
}

} // namespace fp
