#pragma once
// The evidence bundle of one enterprise (docs/protocol.md §10): the zip's file names, the
// proofs file of each inspection, the short verification code printed on paper, and the check
// that a leaf the verifier rebuilt sits in the office log under a signed tree head. The office
// writes bundles with these names (server/exchange/evidencebundle), fieldproof-verify reads them.

#include "core/json.h"
#include "protocol/logleaf.h"
#include "protocol/logwire.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fp::bundle {

/// bundle.json's `format`; a verifier refuses any other.
inline constexpr std::string_view kFormat = "fieldproof-bundle-v1";

inline constexpr std::string_view kManifest = "bundle.json";
inline constexpr std::string_view kTreeHead = "tree_head.json";
inline constexpr std::string_view kOfficeKey = "keys/office.txt";
inline constexpr std::string_view kReadme = "README.txt";

/// "keys/devices/<device id>.txt": the device's Ed25519 public key, 64 lowercase hex digits.
std::string deviceKeyPath(std::string_view deviceId);
/// "inspections/<id>/<file>" with file one of data.json, canonical.json, statement.json,
/// signature.txt, proof.json.
std::string inspectionPath(std::string_view inspectionId, std::string_view file);
/// "blobs/<sha256>": a photo or signature image, named by its SHA-256.
std::string blobPath(std::string_view sha256);

/// True for an id the bundle may use in a file name: 1 to 128 of A-Z a-z 0-9 . _ -, not
/// starting with a dot.
bool safeName(std::string_view id);

/// The short code printed beside the statement hash on paper: the hash's first 16 hex digits,
/// upper case, in groups of four ("865C-BBED-B57E-3888"). Empty for a malformed hash.
std::string verificationCode(std::string_view statementHashHex);

/// One leaf's place in the log and its audit path to the bundle's tree head.
struct LeafProof
{
    std::int64_t index = 0;
    std::vector<std::string> path{}; // RFC 9162 §2.1.3 order, hex
    bool operator==(const LeafProof &) const = default;
};

/// inspections/<id>/proof.json.
struct InspectionProof
{
    std::int64_t tree_size = 0;  // the tree head every path leads to
    std::string pushed_by;       // the device that pushed the inspection (its leaf's device id)
    LeafProof inspection_leaf{}; // leaf type inspection
    LeafProof statement_leaf{};  // leaf type statement
    LeafProof review_leaf{};     // leaf type review: the office's latest decision
    std::string review_state;    // accepted | returned
    std::string review_reason{}; // empty when accepted
    std::string reviewed_at;     // as the leaf holds it
    bool operator==(const InspectionProof &) const = default;
};

void to_json(Json &j, const LeafProof &v);
void to_json(Json &j, const InspectionProof &v);

/// True when the hash of `leaf`'s bytes is leaf `proof.index` of the tree that `head` signs
/// (the head's signature is checked separately: verifyTreeHead).
bool leafIncluded(const LogLeaf &leaf, const LeafProof &proof, const SignedTreeHead &head);

} // namespace fp::bundle

namespace fp {
template <> bundle::LeafProof decode<bundle::LeafProof>(const Json &j, const std::string &path);
template <>
bundle::InspectionProof decode<bundle::InspectionProof>(const Json &j, const std::string &path);
} // namespace fp
