#include "protocol/merkle.h"

#include "core/error.h"

#include <openssl/evp.h>

#include <bit>

namespace fp::merkle {

namespace {

/// The largest power of two smaller than n (n >= 2): RFC 9162's split point k.
std::uint64_t splitPoint(std::uint64_t n)
{
    return std::bit_floor(n - 1);
}

/// MTH(D[lo:hi]) for a range the recursion produces: lo is a multiple of a power of two at
/// least as large as the range, so the range is a run of complete subtrees.
Hash rangeHash(const SubtreeSource &source, std::uint64_t lo, std::uint64_t hi)
{
    const std::uint64_t n = hi - lo;
    if (std::has_single_bit(n)) {
        const int level = std::countr_zero(n);
        if ((lo & (n - 1)) != 0)
            throw Error("merkle: unaligned subtree");
        return source.node(level, lo >> level);
    }
    const std::uint64_t k = splitPoint(n);
    return nodeHash(rangeHash(source, lo, lo + k), rangeHash(source, lo + k, hi));
}

void inclusionPath(const SubtreeSource &source, std::uint64_t index, std::uint64_t lo,
                   std::uint64_t hi, std::vector<Hash> &out)
{
    if (hi - lo == 1)
        return;
    const std::uint64_t k = splitPoint(hi - lo);
    if (index < lo + k) {
        inclusionPath(source, index, lo, lo + k, out);
        out.push_back(rangeHash(source, lo + k, hi));
    } else {
        inclusionPath(source, index, lo + k, hi, out);
        out.push_back(rangeHash(source, lo, lo + k));
    }
}

/// SUBPROOF(m - lo, D[lo:hi], whole) with the old tree's size m counted from leaf 0.
void subproof(const SubtreeSource &source, std::uint64_t m, std::uint64_t lo, std::uint64_t hi,
              bool whole, std::vector<Hash> &out)
{
    if (m == hi) {
        if (!whole)
            out.push_back(rangeHash(source, lo, hi));
        return;
    }
    const std::uint64_t k = splitPoint(hi - lo);
    if (m <= lo + k) {
        subproof(source, m, lo, lo + k, whole, out);
        out.push_back(rangeHash(source, lo + k, hi));
    } else {
        subproof(source, m, lo + k, hi, false, out);
        out.push_back(rangeHash(source, lo, lo + k));
    }
}

bool lsb(std::uint64_t v)
{
    return (v & 1) != 0;
}

/// SHA-256 of `a` then `b`. OpenSSL 3's one-shot SHA256() looks the algorithm up on every call
/// (about 800 ns a node on the development machine); one context per thread, fetched once and
/// re-initialised in place, takes about a quarter of that.
Hash digest(const void *a, std::size_t aSize, const void *b, std::size_t bSize)
{
    struct Context
    {
        EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        bool ready = md && ctx && EVP_DigestInit_ex2(ctx, md, nullptr) == 1;
        ~Context()
        {
            EVP_MD_CTX_free(ctx);
            EVP_MD_free(md);
        }
    };
    thread_local Context c;
    Hash out{};
    unsigned int size = 0;
    // Re-initialised with the digest it already holds: no lookup, no allocation.
    if (!c.ready || EVP_DigestInit_ex(c.ctx, nullptr, nullptr) != 1 ||
        EVP_DigestUpdate(c.ctx, a, aSize) != 1 || EVP_DigestUpdate(c.ctx, b, bSize) != 1 ||
        EVP_DigestFinal_ex(c.ctx, out.data(), &size) != 1 || size != out.size())
        throw Error("SHA-256 failed");
    return out;
}

} // namespace

Hash sha256(std::string_view data)
{
    return digest(data.data(), data.size(), nullptr, 0);
}

Hash leafHash(std::string_view leaf)
{
    static constexpr unsigned char prefix = 0x00;
    return digest(&prefix, 1, leaf.data(), leaf.size());
}

Hash nodeHash(const Hash &left, const Hash &right)
{
    std::array<unsigned char, 65> buf{};
    buf[0] = 0x01;
    std::copy(left.begin(), left.end(), buf.begin() + 1);
    std::copy(right.begin(), right.end(), buf.begin() + 33);
    return digest(buf.data(), buf.size(), nullptr, 0);
}

std::string toHex(const Hash &hash)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (const auto b : hash) {
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 0x0F]);
    }
    return out;
}

std::optional<Hash> fromHex(std::string_view hex)
{
    if (hex.size() != 64)
        return std::nullopt;
    const auto value = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    Hash out{};
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = value(hex[2 * i]);
        const int lo = value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return std::nullopt;
        out[i] = static_cast<std::uint8_t>(hi * 16 + lo);
    }
    return out;
}

std::vector<std::string> toHex(const std::vector<Hash> &hashes)
{
    std::vector<std::string> out;
    out.reserve(hashes.size());
    for (const auto &h : hashes)
        out.push_back(toHex(h));
    return out;
}

std::optional<std::vector<Hash>> fromHex(const std::vector<std::string> &hexes)
{
    std::vector<Hash> out;
    out.reserve(hexes.size());
    for (const auto &text : hexes) {
        const auto h = fromHex(text);
        if (!h)
            return std::nullopt;
        out.push_back(*h);
    }
    return out;
}

void MemoryTree::append(const Hash &leafHash)
{
    if (m_levels.empty())
        m_levels.emplace_back();
    m_levels[0].push_back(leafHash);
    // Each level whose count became even completed one node of the level above.
    for (std::size_t k = 0; m_levels[k].size() % 2 == 0; ++k) {
        if (k + 1 == m_levels.size())
            m_levels.emplace_back();
        const auto &level = m_levels[k];
        const Hash parent = nodeHash(level[level.size() - 2], level.back());
        m_levels[k + 1].push_back(parent);
    }
}

void MemoryTree::truncate(std::uint64_t size)
{
    if (size >= this->size())
        return;
    for (std::size_t k = 0; k < m_levels.size(); ++k)
        m_levels[k].resize(static_cast<std::size_t>(size >> k));
    while (!m_levels.empty() && m_levels.back().empty())
        m_levels.pop_back();
}

std::uint64_t MemoryTree::size() const
{
    return m_levels.empty() ? 0 : m_levels[0].size();
}

Hash MemoryTree::node(int level, std::uint64_t index) const
{
    if (level < 0 || static_cast<std::size_t>(level) >= m_levels.size() ||
        index >= m_levels[static_cast<std::size_t>(level)].size())
        throw Error("merkle: no complete subtree (" + std::to_string(level) + ", " +
                    std::to_string(index) + ") in a tree of " + std::to_string(size()) + " leaves");
    return m_levels[static_cast<std::size_t>(level)][index];
}

Hash rootHash(const SubtreeSource &source, std::uint64_t size)
{
    if (size > source.size())
        throw Error("merkle: the log holds " + std::to_string(source.size()) + " leaves, not " +
                    std::to_string(size));
    if (size == 0)
        return sha256({});
    return rangeHash(source, 0, size);
}

std::vector<Hash> inclusionProof(const SubtreeSource &source, std::uint64_t index,
                                 std::uint64_t size)
{
    if (index >= size || size > source.size())
        throw Error("merkle: no leaf " + std::to_string(index) + " in a tree of " +
                    std::to_string(size) + " leaves (the log holds " +
                    std::to_string(source.size()) + ")");
    std::vector<Hash> out;
    inclusionPath(source, index, 0, size, out);
    return out;
}

std::vector<Hash> consistencyProof(const SubtreeSource &source, std::uint64_t from,
                                   std::uint64_t to)
{
    if (from > to || to > source.size())
        throw Error("merkle: no consistency proof from " + std::to_string(from) + " to " +
                    std::to_string(to) + " leaves (the log holds " + std::to_string(source.size()) +
                    ")");
    std::vector<Hash> out;
    if (from == 0 || from == to)
        return out;
    subproof(source, from, 0, to, true, out);
    return out;
}

bool verifyInclusion(const Hash &leaf, std::uint64_t index, std::uint64_t size,
                     const std::vector<Hash> &proof, const Hash &root)
{
    if (index >= size)
        return false;
    std::uint64_t fn = index;
    std::uint64_t sn = size - 1;
    Hash r = leaf;
    for (const Hash &p : proof) {
        if (sn == 0)
            return false;
        if (lsb(fn) || fn == sn) {
            r = nodeHash(p, r);
            while (!lsb(fn) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            r = nodeHash(r, p);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return sn == 0 && r == root;
}

bool verifyConsistency(std::uint64_t from, std::uint64_t to, const Hash &oldRoot,
                       const Hash &newRoot, const std::vector<Hash> &proof)
{
    if (from > to)
        return false;
    if (from == to)
        return proof.empty() && oldRoot == newRoot;
    if (from == 0)
        return proof.empty();
    if (proof.empty())
        return false;
    std::vector<Hash> path;
    path.reserve(proof.size() + 1);
    if (std::has_single_bit(from))
        path.push_back(oldRoot);
    path.insert(path.end(), proof.begin(), proof.end());
    std::uint64_t fn = from - 1;
    std::uint64_t sn = to - 1;
    while (lsb(fn)) {
        fn >>= 1;
        sn >>= 1;
    }
    Hash fr = path[0];
    Hash sr = path[0];
    for (std::size_t i = 1; i < path.size(); ++i) {
        const Hash &c = path[i];
        if (sn == 0)
            return false;
        if (lsb(fn) || fn == sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            while (!lsb(fn) && fn != 0) {
                fn >>= 1;
                sn >>= 1;
            }
        } else {
            sr = nodeHash(sr, c);
        }
        fn >>= 1;
        sn >>= 1;
    }
    return fr == oldRoot && sr == newRoot && sn == 0;
}

} // namespace fp::merkle
