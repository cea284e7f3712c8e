#pragma once
// The `Content-Range: bytes START-END/TOTAL` header of a resumable blob PUT (RFC 9110 §14.4).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// Bytes [start, end] (inclusive, as HTTP counts them) of a blob of `total` bytes.
struct ContentRange
{
    std::int64_t start = 0;
    std::int64_t end = 0;
    std::int64_t total = 0;
    std::int64_t length() const { return end - start + 1; }
    bool operator==(const ContentRange &) const = default;
};

/// Parses "bytes START-END/TOTAL" (digits only, START <= END < TOTAL, at most 18 digits each);
/// nothing for anything else, including "bytes */TOTAL" and unknown units.
std::optional<ContentRange> parseContentRange(std::string_view header);

/// "bytes START-END/TOTAL".
std::string formatContentRange(const ContentRange &range);

} // namespace fp
