#include "protocol/evidencebundle.h"

#include "core/jsonreader.h"

#include <cctype>

namespace fp::bundle {

std::string deviceKeyPath(std::string_view deviceId)
{
    return std::string("keys/devices/").append(deviceId).append(".txt");
}

std::string inspectionPath(std::string_view inspectionId, std::string_view file)
{
    return std::string("inspections/").append(inspectionId).append("/").append(file);
}

std::string blobPath(std::string_view sha256)
{
    return std::string("blobs/").append(sha256);
}

bool safeName(std::string_view id)
{
    if (id.empty() || id.size() > 128 || id.front() == '.')
        return false;
    for (const char c : id) {
        const auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '.' || c == '_' || c == '-') || u >= 0x80)
            return false;
    }
    return true;
}

std::string verificationCode(std::string_view statementHashHex)
{
    if (!merkle::fromHex(statementHashHex))
        return {};
    std::string out;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0)
            out.push_back('-');
        out.push_back(
            static_cast<char>(std::toupper(static_cast<unsigned char>(statementHashHex[i]))));
    }
    return out;
}

void to_json(Json &j, const LeafProof &v)
{
    j = Json{{"index", v.index}, {"path", v.path}};
}

void to_json(Json &j, const InspectionProof &v)
{
    j = Json{{"tree_size", v.tree_size},
             {"pushed_by", v.pushed_by},
             {"inspection_leaf", v.inspection_leaf},
             {"statement_leaf", v.statement_leaf},
             {"review_leaf", v.review_leaf},
             {"review_state", v.review_state},
             {"review_reason", v.review_reason},
             {"reviewed_at", v.reviewed_at}};
}

bool leafIncluded(const LogLeaf &leaf, const LeafProof &proof, const SignedTreeHead &head)
{
    const auto root = merkle::fromHex(head.root_hash);
    const auto path = merkle::fromHex(proof.path);
    if (!root || !path || proof.index < 0 || head.tree_size < 1 || proof.index >= head.tree_size)
        return false;
    return merkle::verifyInclusion(merkle::leafHash(encodeLeaf(leaf)),
                                   static_cast<std::uint64_t>(proof.index),
                                   static_cast<std::uint64_t>(head.tree_size), *path, *root);
}

} // namespace fp::bundle

namespace fp {

template <> bundle::LeafProof decode<bundle::LeafProof>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return bundle::LeafProof{r.integer("index"), r.strings("path")};
}

template <>
bundle::InspectionProof decode<bundle::InspectionProof>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return bundle::InspectionProof{r.integer("tree_size"),
                                   r.str("pushed_by"),
                                   r.object<bundle::LeafProof>("inspection_leaf"),
                                   r.object<bundle::LeafProof>("statement_leaf"),
                                   r.object<bundle::LeafProof>("review_leaf"),
                                   r.str("review_state"),
                                   r.str("review_reason"),
                                   r.str("reviewed_at")};
}

} // namespace fp
