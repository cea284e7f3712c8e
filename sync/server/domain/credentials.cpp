#include "server/domain/credentials.h"

#include "core/error.h"
#include "core/sha256.h"

#include <sodium.h>

#include <array>
#include <semaphore>

namespace fp {

namespace {

void ensureSodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw Error("libsodium could not be initialised");
}

std::counting_semaphore<2> &verifySlots()
{
    static std::counting_semaphore<2> slots(2);
    return slots;
}

} // namespace

std::string hashPassword(std::string_view password)
{
    ensureSodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(
            out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw Error("not enough memory to hash the password");
    return std::string(out.data());
}

bool verifyPassword(const std::string &hash, std::string_view password)
{
    ensureSodium();
    verifySlots().acquire();
    const int rc = crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size());
    verifySlots().release();
    return rc == 0;
}

bool verifyAccountPassword(const std::string *hash, std::string_view password)
{
    if (hash)
        return verifyPassword(*hash, password);
    static const std::string dummy = hashPassword(newDeviceToken()); // same costs as real ones
    verifyPassword(dummy, password);
    return false;
}

std::string newDeviceToken()
{
    ensureSodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 2 * 32 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return std::string(hex.data());
}

std::string deviceTokenHash(std::string_view token)
{
    return sha256Hex(token);
}

} // namespace fp
