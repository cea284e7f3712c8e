// libFuzzer: whole numbers of outside input, all read by parseWholeNumber: the pull `limit`
// (SyncService::pull), the office page's integer query parameters (webroutes intParam:
// `limit`, `before`, `page`, `per_page`) and the tablet's reading of `Upload-Offset`
// (BlobUploader::serverOffset). Checked against a plain digit-by-digit reference: the same
// inputs are accepted, with the same value, always within the bounds, and the value formats
// back to the input once leading zeros (and the sign of "-0") are dropped.

#include "protocol/headervalues.h"

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace {

/// The reference: '-'? digit+, nothing else, the value in 64 bits and in [min, max].
std::optional<std::int64_t> reference(std::string_view s, std::int64_t min, std::int64_t max)
{
    const bool negative = s.starts_with('-');
    if (negative)
        s.remove_prefix(1);
    if (s.empty())
        return std::nullopt;
    __int128 v = 0;
    for (const char c : s) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
        if (v > (__int128(1) << 64))
            v = __int128(1) << 64; // saturate: out of range either way, and no overflow
    }
    if (negative)
        v = -v;
    if (v < std::numeric_limits<std::int64_t>::min() ||
        v > std::numeric_limits<std::int64_t>::max())
        return std::nullopt;
    const auto n = static_cast<std::int64_t>(v);
    if (n < min || n > max)
        return std::nullopt;
    return n;
}

/// The input as the value's own formatting would spell it: no leading zeros, no "-0".
std::string normalised(std::string_view s)
{
    std::string sign;
    if (s.starts_with('-')) {
        sign = "-";
        s.remove_prefix(1);
    }
    const auto first = s.find_first_not_of('0');
    s = first == std::string_view::npos ? std::string_view("0") : s.substr(first);
    if (s == "0")
        sign.clear();
    return sign.append(s);
}

void check(std::string_view text, std::int64_t min, std::int64_t max)
{
    const auto n = fp::parseWholeNumber(text, min, max);
    if (n != reference(text, min, max))
        std::abort();
    if (n && (*n < min || *n > max || std::to_string(*n) != normalised(text)))
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    constexpr auto int64Max = std::numeric_limits<std::int64_t>::max();
    check(text, 1, std::numeric_limits<int>::max()); // pull limit (then capped at the maximum)
    check(text, 1, int64Max);                        // intParam (then capped at its maximum)
    check(text, std::numeric_limits<std::int64_t>::min(), int64Max);
    for (const std::int64_t fileSize :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{1} << 20, int64Max})
        check(text, 0, fileSize); // Upload-Offset of a file of fileSize bytes
    return 0;
}
