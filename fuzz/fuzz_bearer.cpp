// libFuzzer: the office's reading of `Authorization: Bearer <device token>` (SyncService::
// authenticate) and the hash it looks the token up by. An accepted value is exactly the scheme
// and the token, within the size bound, and gives the same token again; the lookup hash is
// always 64 lowercase hex digits.

#include "protocol/headervalues.h"
#include "server/domain/credentials.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    constexpr std::string_view scheme = "Bearer ";
    const auto token = fp::bearerToken(text);
    const bool expected = text.starts_with(scheme) && text.size() <= fp::kMaxAuthorizationSize;
    if (token.has_value() != expected)
        std::abort();
    if (token) {
        // The token is the rest of the value, a view into it: nothing trimmed, nothing added.
        if (token->data() != text.data() + scheme.size() ||
            token->size() != text.size() - scheme.size())
            std::abort();
        const std::string again = std::string(scheme).append(*token);
        if (fp::bearerToken(again) != token)
            std::abort();
        const std::string hash = fp::deviceTokenHash(*token);
        if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string::npos)
            std::abort();
    }
    return 0;
}
