#pragma once
// The office log's Merkle tree (RFC 9162 §2.1, SHA-256): leaf and node hashing, the tree head
// of the first n leaves, and the inclusion and consistency proofs with their verification.
// Pure C++ on OpenSSL's SHA-256; both the office (proofs) and the device (checks) use it.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fp::merkle {

using Hash = std::array<std::uint8_t, 32>;

/// SHA-256 of `data`.
Hash sha256(std::string_view data);
/// SHA-256(0x00 || leaf): the hash of one leaf's bytes.
Hash leafHash(std::string_view leaf);
/// SHA-256(0x01 || left || right): an interior node.
Hash nodeHash(const Hash &left, const Hash &right);

std::string toHex(const Hash &hash);
/// Exactly 64 lowercase hex digits, else nothing.
std::optional<Hash> fromHex(std::string_view hex);
std::vector<std::string> toHex(const std::vector<Hash> &hashes);
/// Nothing if any element is not a hash in hex.
std::optional<std::vector<Hash>> fromHex(const std::vector<std::string> &hexes);

/// Where the tree's complete subtrees come from. Node (level, index) is the root of the
/// perfect subtree over leaves [index * 2^level, (index + 1) * 2^level); level 0 is the leaf
/// hashes. Every subtree RFC 9162's recursion needs is a few of these, so a head or a proof
/// costs O(log n) lookups however the nodes are kept.
class SubtreeSource
{
  public:
    virtual ~SubtreeSource() = default;
    /// How many leaves the source holds.
    virtual std::uint64_t size() const = 0;
    /// The hash of a complete subtree inside the first size() leaves.
    virtual Hash node(int level, std::uint64_t index) const = 0;
};

/// Every complete subtree of a growing list of leaf hashes, kept in memory (about 64 bytes a
/// leaf). Appending costs one node hash per completed subtree (amortised one per leaf).
class MemoryTree final : public SubtreeSource
{
  public:
    void append(const Hash &leafHash);
    /// Forgets every leaf from `size` on (a rolled-back append).
    void truncate(std::uint64_t size);

    std::uint64_t size() const override;
    Hash node(int level, std::uint64_t index) const override;

  private:
    std::vector<std::vector<Hash>> m_levels; // m_levels[k][i]: node (k, i)
};

/// MTH(D[0:size]); the empty tree's head is SHA-256 of nothing. Throws fp::Error when
/// size > source.size().
Hash rootHash(const SubtreeSource &source, std::uint64_t size);
/// PATH(index, D[0:size]) of RFC 9162 §2.1.3.1. Throws fp::Error unless index < size <=
/// source.size().
std::vector<Hash> inclusionProof(const SubtreeSource &source, std::uint64_t index,
                                 std::uint64_t size);
/// PROOF(from, D[0:to]) of RFC 9162 §2.1.4.1; empty when from is 0 or equals to. Throws
/// fp::Error unless from <= to <= source.size().
std::vector<Hash> consistencyProof(const SubtreeSource &source, std::uint64_t from,
                                   std::uint64_t to);

/// RFC 9162 §2.1.3.2: does `proof` show that `leaf` (a leaf hash) is leaf `index` of the tree
/// of `size` leaves whose head is `root`?
bool verifyInclusion(const Hash &leaf, std::uint64_t index, std::uint64_t size,
                     const std::vector<Hash> &proof, const Hash &root);
/// RFC 9162 §2.1.4.2: is the tree of `to` leaves with head `newRoot` an append-only extension
/// of the tree of `from` leaves with head `oldRoot`? from == to needs equal heads and an empty
/// proof; from == 0 (nothing seen yet) needs an empty proof.
bool verifyConsistency(std::uint64_t from, std::uint64_t to, const Hash &oldRoot,
                       const Hash &newRoot, const std::vector<Hash> &proof);

} // namespace fp::merkle
