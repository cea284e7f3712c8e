#pragma once
// The signed statement a tablet makes when it finalises an inspection (docs/protocol.md,
// "Signed statements"): what it holds (the content hash of the whole bundle), who made it (the
// device) and where it sits in that device's chain (seq, prev_hash). The device signs the
// statement's canonical bytes with its Ed25519 key; the office verifies them on receipt.

#include "core/json.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace fp {

/// The statement format this program writes and the only one it reads.
inline constexpr std::string_view kStatementFormat = "fieldproof-statement-v1";
/// prev_hash of a device's first statement (seq 1): 64 zeros.
inline constexpr std::string_view kFirstPrevHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

struct EvidenceStatement
{
    std::string format{kStatementFormat};
    std::string device_id;
    std::int64_t seq = 0;    // 1, 2, 3 ... per device
    std::string prev_hash{}; // statementHash of the device's seq - 1, or kFirstPrevHash
    std::string inspection_id;
    std::int64_t inspection_version = 0; // the pushed revision (PushItem.version)
    std::string content_hash;            // contentHash of the pushed bundle (PushItem.data)
    bool operator==(const EvidenceStatement &) const = default;
};

void to_json(Json &j, const EvidenceStatement &v);
/// Strict: every field present with its type, format known, hashes 64 lowercase hex, seq >= 1,
/// prev_hash of seq 1 all zeros.
template <> EvidenceStatement decode<EvidenceStatement>(const Json &j, const std::string &path);

/// SHA-256 (lowercase hex) of the canonical JSON of an item's data (the whole bundle, with every
/// photo's and signature image's sha256 inside it).
std::string contentHash(const Json &data);
/// The bytes that are hashed and signed: canonicalJson of the statement.
std::string canonicalBytes(const EvidenceStatement &statement);
/// SHA-256 (lowercase hex) of canonicalBytes: what the next statement's prev_hash names.
std::string statementHash(const EvidenceStatement &statement);

/// The Ed25519 signature (128 lowercase hex digits) of canonicalBytes(statement).
std::string signStatement(const EvidenceStatement &statement, std::string_view secretKey);
/// True when `signatureHex` is `publicKey`'s signature of canonicalBytes(statement).
bool verifyStatement(const EvidenceStatement &statement, std::string_view signatureHex,
                     std::string_view publicKey);

} // namespace fp
