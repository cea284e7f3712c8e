#pragma once
// The leaves of the office log (docs/protocol.md, "The office log"): each office change the log
// records, in one byte-exact encoding. The log hashes these bytes (merkle::leafHash); a
// verifier rebuilds them from the record and compares.

#include "protocol/merkle.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace fp {

/// The office stored a final inspection a device pushed.
struct InspectionLeaf
{
    std::string inspection_id;
    std::string device_id;
    std::int64_t version = 0;
    merkle::Hash data_sha256{}; // SHA-256 of the inspection JSON exactly as the office stored it
    bool operator==(const InspectionLeaf &) const = default;
};

/// The office reviewed a final inspection (accepted or returned it).
struct ReviewLeaf
{
    std::string inspection_id;
    merkle::Hash data_sha256{}; // of the inspection JSON the decision was made on
    std::string state;          // "accepted" | "returned"
    std::string reason;
    std::string reviewed_at; // ISO 8601 UTC, as stored
    bool operator==(const ReviewLeaf &) const = default;
};

/// The office accepted a device's signed statement (docs/protocol.md §7) with the final
/// inspection it names; appended right after that inspection's leaf, in the same transaction.
struct StatementLeaf
{
    std::string inspection_id;
    std::string device_id;           // the device whose key signed
    std::int64_t seq = 0;            // its place in that device's chain
    merkle::Hash statement_sha256{}; // SHA-256 of the statement's canonical bytes (§7.1)
    std::string signature;           // the Ed25519 signature, 128 lowercase hex digits
    bool operator==(const StatementLeaf &) const = default;
};

using LogLeaf = std::variant<InspectionLeaf, ReviewLeaf, StatementLeaf>;

/// The leaf's type name: "inspection", "review" or "statement".
std::string_view leafTypeName(const LogLeaf &leaf);

/// Version 1 encoding: 0x01, a type byte (1 inspection, 2 review, 3 statement), then the fields
/// in order;
/// a string is its byte length as a 4-byte big-endian integer and its UTF-8 bytes, an integer
/// 8 bytes big-endian (two's complement), a hash its 32 bytes.
std::string encodeLeaf(const LogLeaf &leaf);
/// The leaf `bytes` encode; nothing for bytes that are not exactly one version 1 leaf.
std::optional<LogLeaf> decodeLeaf(std::string_view bytes);

} // namespace fp
