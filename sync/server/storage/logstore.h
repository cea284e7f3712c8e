#pragma once
// The office log (issue 13, docs/protocol.md "The office log"): an append-only Merkle tree of
// the office's changes, its signed tree heads, the proofs devices ask for, and the full
// re-check of the log against the database.

#include "protocol/logwire.h"

#include <cstdint>
#include <optional>
#include <string>

namespace fp {

/// What `log verify` found: how much it checked and the first mismatch, if any.
struct LogVerifyReport
{
    std::int64_t leaves = 0;
    std::int64_t heads = 0;
    std::optional<std::string> problem{}; // a sentence naming the leaf and the record
};

class LogStore
{
  public:
    virtual ~LogStore() = default;

    /// The newest signed tree head; nothing before the first change.
    virtual std::optional<SignedTreeHead> latestTreeHead() = 0;
    /// The office's Ed25519 public key in hex; empty when this store signs no heads.
    virtual std::string officePublicKey() = 0;
    /// Throws StoreRuleError unless 0 <= from <= to <= the log's size.
    virtual ConsistencyAnswer consistencyProof(std::int64_t from, std::int64_t to) = 0;
    /// Throws StoreRuleError unless 0 <= index < size <= the log's size.
    virtual InclusionAnswer inclusionProof(std::int64_t index, std::int64_t size) = 0;
    /// Recomputes every leaf from the rows it records and re-checks every signed head.
    virtual LogVerifyReport verifyLog() = 0;
};

} // namespace fp
