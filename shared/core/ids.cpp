#include "core/ids.h"

#include "core/error.h"

#include <openssl/rand.h>

#include <array>
#include <cstdint>

namespace fp {

std::string newId(const Clock &clock)
{
    using namespace std::chrono;
    const auto ms = static_cast<std::uint64_t>(
        duration_cast<milliseconds>(clock.now().time_since_epoch()).count());

    std::array<unsigned char, 16> b{};
    if (RAND_bytes(b.data() + 6, 10) != 1)
        throw Error("no randomness available for a new id");
    for (int i = 0; i < 6; ++i)
        b[i] = static_cast<unsigned char>(ms >> (8 * (5 - i)));
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0F)); // version 7
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3F)); // RFC 9562 variant

    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (std::size_t i = 0; i < b.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 0x0F]);
    }
    return out;
}

bool isUuidV7(std::string_view text)
{
    if (text.size() != 36)
        return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return false;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    const char variant = text[19];
    return text[14] == '7' &&
           (variant == '8' || variant == '9' || variant == 'a' || variant == 'b');
}

} // namespace fp
