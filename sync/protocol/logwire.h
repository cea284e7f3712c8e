#pragma once
// The office log on the wire (docs/protocol.md, "The office log"): the signed tree head a pull
// carries, the Ed25519 check of its signature, and the answers of the two proof endpoints.

#include "core/json.h"
#include "protocol/merkle.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// The office's signed statement that its log held `tree_size` leaves with head `root_hash`.
struct SignedTreeHead
{
    std::int64_t tree_size = 0;
    std::int64_t timestamp_ms = 0; // the office clock, milliseconds since 1970-01-01 UTC
    std::string root_hash;         // 64 lowercase hex digits
    std::string signature;         // Ed25519 over treeHeadMessage(), 128 lowercase hex digits
    bool operator==(const SignedTreeHead &) const = default;
};

/// The 72 signed bytes: "fieldproof tree head v1" (23 ASCII bytes), 0x00, tree_size and
/// timestamp_ms as 8-byte big-endian integers, the 32 bytes of the root hash.
std::string treeHeadMessage(std::int64_t treeSize, std::int64_t timestampMs,
                            const merkle::Hash &root);
/// True when the head is well formed and its signature verifies under `publicKeyHex` (the
/// office's Ed25519 public key, 64 lowercase hex digits).
bool verifyTreeHead(const SignedTreeHead &head, std::string_view publicKeyHex);

/// GET /api/v1/log/consistency?from=M&to=N.
struct ConsistencyAnswer
{
    std::int64_t from = 0;
    std::int64_t to = 0;
    std::vector<std::string> proof; // hashes in hex, RFC 9162 §2.1.4 order
    bool operator==(const ConsistencyAnswer &) const = default;
};

/// GET /api/v1/log/inclusion?index=I&size=N.
struct InclusionAnswer
{
    std::int64_t index = 0;
    std::int64_t tree_size = 0;
    std::string leaf_hash;          // hex
    std::vector<std::string> proof; // hashes in hex, RFC 9162 §2.1.3 order
    bool operator==(const InclusionAnswer &) const = default;
};

void to_json(Json &j, const SignedTreeHead &v);
void to_json(Json &j, const ConsistencyAnswer &v);
void to_json(Json &j, const InclusionAnswer &v);
template <> SignedTreeHead decode<SignedTreeHead>(const Json &j, const std::string &path);
template <> ConsistencyAnswer decode<ConsistencyAnswer>(const Json &j, const std::string &path);
template <> InclusionAnswer decode<InclusionAnswer>(const Json &j, const std::string &path);

} // namespace fp
