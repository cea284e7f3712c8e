// libFuzzer: the canonical JSON form that is hashed and signed (crypto/canonicaljson), fed
// with whatever parseWireJson accepts. Canonicalisation never crashes, fails only with a
// DecodeError, and is idempotent: its output parses again, to an equal value, and
// canonicalises to the very same bytes; a canonical text has no byte outside strings that
// formatting could add (no whitespace).

#include "core/error.h"
#include "crypto/canonicaljson.h"
#include "protocol/wirejson.h"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

bool hasWhitespaceOutsideStrings(std::string_view s)
{
    bool inString = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (inString) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
            return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    fp::Json value;
    try {
        value = fp::parseWireJson(text);
    } catch (const fp::DecodeError &) {
        return 0;
    }
    std::string canonical;
    try {
        canonical = fp::canonicalJson(value);
    } catch (const fp::DecodeError &) {
        return 0; // no canonical form (invalid UTF-8, ...): refused, not crashed
    }
    if (hasWhitespaceOutsideStrings(canonical))
        std::abort();
    fp::Json again;
    try {
        again = fp::parseWireJson(canonical);
    } catch (const fp::DecodeError &) {
        std::abort(); // the canonical form of an accepted value must read back
    }
    if (again != value)
        std::abort();
    if (fp::canonicalJson(again) != canonical)
        std::abort();
    return 0;
}
