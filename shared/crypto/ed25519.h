#pragma once
// Ed25519 signing keys and signatures through libsodium (crypto_sign_*), and the hex form in
// which FieldProof writes keys, signatures and hashes (lowercase, no separators).

#include <string>
#include <string_view>

namespace fp::crypto {

inline constexpr std::size_t kPublicKeyBytes = 32;
inline constexpr std::size_t kSecretKeyBytes =
    64; // libsodium's form: the seed, then the public key
inline constexpr std::size_t kSignatureBytes = 64;

/// A key pair as raw bytes.
struct KeyPair
{
    std::string public_key;
    std::string secret_key;
};

inline constexpr std::size_t kSeedBytes = 32;

/// A new random key pair. Throws fp::Error when libsodium cannot start.
KeyPair newKeyPair();
/// The key pair of a 32-byte seed (RFC 8032's "private key"); for known-answer tests.
KeyPair keyPairFromSeed(std::string_view seed);
/// The detached signature (64 bytes) of `message`. Throws fp::Error for a malformed key.
std::string sign(std::string_view message, std::string_view secretKey);
/// True only when `signature` is `publicKey`'s valid signature of `message`; false for wrong
/// sizes too.
bool verify(std::string_view signature, std::string_view message, std::string_view publicKey);

/// Lowercase hex of `bytes`.
std::string toHex(std::string_view bytes);
/// The bytes of lowercase or uppercase hex; throws fp::DecodeError (field `what`) for odd
/// lengths and other characters.
std::string fromHex(std::string_view hex, const std::string &what = "hex");

} // namespace fp::crypto
