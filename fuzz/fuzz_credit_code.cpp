// libFuzzer: the unified social credit code validator (GB 32100-2015) and the plan sheet's
// cell normaliser in front of it (full-width characters, spaces, lower case).

#include "core/error.h"
#include "core/validation.h"
#include "server/planio/plancells.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    const bool valid = fp::creditCodeProblem(text).empty();
    if (valid) {
        // A valid code is 18 characters whose last is the check character of the first 17.
        if (text.size() != 18 || fp::creditCodeCheckChar(text.substr(0, 17)) != text[17])
            std::abort();
    }
    if (text.size() == 17) {
        // Completing 17 characters with their check character can only fix the last rule.
        try {
            const std::string full = std::string(text) + fp::creditCodeCheckChar(text);
            if (fp::creditCodeProblem(full).find("(position 18)") != std::string::npos)
                std::abort();
        } catch (const fp::ValidationError &) {
        }
    }
    const std::string normalized = fp::normalizeCreditCode(text);
    static_cast<void>(fp::isValidCreditCode(normalized));
    return 0;
}
