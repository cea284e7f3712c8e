#pragma once
// Secrets of the office: account passwords (Argon2id, libsodium) and device tokens (32 random
// bytes, of which the store keeps only the SHA-256).

#include <string>
#include <string_view>

namespace fp {

/// An Argon2id hash in libsodium's self-describing string form (salt and costs included).
std::string hashPassword(std::string_view password);
/// True if `password` matches `hash`. At most two verifications run at once: each one
/// deliberately takes tens of megabytes and a sizeable fraction of a second.
bool verifyPassword(const std::string &hash, std::string_view password);
/// verifyPassword against `hash`, or, for an account that does not exist (null), against a
/// dummy hash of the same cost, returning false: unknown and known accounts take the same time.
bool verifyAccountPassword(const std::string *hash, std::string_view password);
/// A fresh bearer token: 64 lowercase hex digits.
std::string newDeviceToken();
/// What the store keeps of a token.
std::string deviceTokenHash(std::string_view token);

} // namespace fp
