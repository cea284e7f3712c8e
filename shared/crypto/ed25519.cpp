#include "crypto/ed25519.h"

#include "core/error.h"

#include <sodium.h>

namespace fp::crypto {

namespace {

void requireSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw Error("libsodium could not be initialised");
}

const unsigned char *bytes(std::string_view s)
{
    return reinterpret_cast<const unsigned char *>(s.data());
}

unsigned char *bytes(std::string &s)
{
    return reinterpret_cast<unsigned char *>(s.data());
}

} // namespace

static_assert(crypto_sign_PUBLICKEYBYTES == kPublicKeyBytes);
static_assert(crypto_sign_SECRETKEYBYTES == kSecretKeyBytes);
static_assert(crypto_sign_BYTES == kSignatureBytes);
static_assert(crypto_sign_SEEDBYTES == kSeedBytes);

KeyPair newKeyPair()
{
    requireSodium();
    KeyPair k{std::string(kPublicKeyBytes, '\0'), std::string(kSecretKeyBytes, '\0')};
    crypto_sign_keypair(bytes(k.public_key), bytes(k.secret_key));
    return k;
}

KeyPair keyPairFromSeed(std::string_view seed)
{
    requireSodium();
    if (seed.size() != kSeedBytes)
        throw Error("an Ed25519 seed has 32 bytes");
    KeyPair k{std::string(kPublicKeyBytes, '\0'), std::string(kSecretKeyBytes, '\0')};
    crypto_sign_seed_keypair(bytes(k.public_key), bytes(k.secret_key), bytes(seed));
    return k;
}

std::string sign(std::string_view message, std::string_view secretKey)
{
    requireSodium();
    if (secretKey.size() != kSecretKeyBytes)
        throw Error(std::string("an Ed25519 secret key has 64 bytes, not ")
                        .append(std::to_string(secretKey.size())));
    std::string signature(kSignatureBytes, '\0');
    crypto_sign_detached(bytes(signature), nullptr, bytes(message), message.size(),
                         bytes(secretKey));
    return signature;
}

bool verify(std::string_view signature, std::string_view message, std::string_view publicKey)
{
    requireSodium();
    if (signature.size() != kSignatureBytes || publicKey.size() != kPublicKeyBytes)
        return false;
    return crypto_sign_verify_detached(bytes(signature), bytes(message), message.size(),
                                       bytes(publicKey)) == 0;
}

std::string toHex(std::string_view data)
{
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(data.size() * 2);
    for (const char c : data) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0xF]);
    }
    return out;
}

std::string fromHex(std::string_view hex, const std::string &what)
{
    const auto nibble = [&](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        throw DecodeError(what, std::string("not a hex digit: '").append(1, c).append("'"));
    };
    if (hex.size() % 2 != 0)
        throw DecodeError(what, "hex needs an even number of digits");
    std::string out;
    out.reserve(hex.size() / 2);
    for (std::size_t i = 0; i < hex.size(); i += 2)
        out.push_back(static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1])));
    return out;
}

} // namespace fp::crypto
