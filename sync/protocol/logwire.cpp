#include "protocol/logwire.h"

#include "core/jsonreader.h"

#include <sodium.h>

#include <array>

namespace fp {

namespace {

constexpr std::string_view kContext = "fieldproof tree head v1";

void putInt64(std::string &out, std::int64_t value)
{
    const auto v = static_cast<std::uint64_t>(value);
    for (int i = 7; i >= 0; --i)
        out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

/// Lowercase hex of exactly `bytes` bytes into `out`; false otherwise.
template <std::size_t N> bool hexBytes(std::string_view hex, std::array<unsigned char, N> &out)
{
    if (hex.size() != 2 * N)
        return false;
    for (const char c : hex) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    std::size_t written = 0;
    return sodium_hex2bin(out.data(), N, hex.data(), hex.size(), nullptr, &written, nullptr) == 0 &&
           written == N;
}

} // namespace

std::string treeHeadMessage(std::int64_t treeSize, std::int64_t timestampMs,
                            const merkle::Hash &root)
{
    std::string out(kContext);
    out.push_back('\0');
    putInt64(out, treeSize);
    putInt64(out, timestampMs);
    out.append(reinterpret_cast<const char *>(root.data()), root.size());
    return out;
}

bool verifyTreeHead(const SignedTreeHead &head, std::string_view publicKeyHex)
{
    if (sodium_init() < 0)
        return false;
    std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> key{};
    std::array<unsigned char, crypto_sign_BYTES> signature{};
    const auto root = merkle::fromHex(head.root_hash);
    if (head.tree_size < 0 || !root || !hexBytes(publicKeyHex, key) ||
        !hexBytes(head.signature, signature))
        return false;
    const std::string message = treeHeadMessage(head.tree_size, head.timestamp_ms, *root);
    return crypto_sign_verify_detached(signature.data(),
                                       reinterpret_cast<const unsigned char *>(message.data()),
                                       message.size(), key.data()) == 0;
}

void to_json(Json &j, const SignedTreeHead &v)
{
    j = Json{{"tree_size", v.tree_size},
             {"timestamp_ms", v.timestamp_ms},
             {"root_hash", v.root_hash},
             {"signature", v.signature}};
}

void to_json(Json &j, const ConsistencyAnswer &v)
{
    j = Json{{"from", v.from}, {"to", v.to}, {"proof", v.proof}};
}

void to_json(Json &j, const InclusionAnswer &v)
{
    j = Json{{"index", v.index},
             {"tree_size", v.tree_size},
             {"leaf_hash", v.leaf_hash},
             {"proof", v.proof}};
}

template <> SignedTreeHead decode<SignedTreeHead>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return SignedTreeHead{r.integer("tree_size"), r.integer("timestamp_ms"), r.str("root_hash"),
                          r.str("signature")};
}

template <> ConsistencyAnswer decode<ConsistencyAnswer>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return ConsistencyAnswer{r.integer("from"), r.integer("to"), r.strings("proof")};
}

template <> InclusionAnswer decode<InclusionAnswer>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return InclusionAnswer{r.integer("index"), r.integer("tree_size"), r.str("leaf_hash"),
                           r.strings("proof")};
}

} // namespace fp
