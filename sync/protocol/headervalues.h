#pragma once
// Small values of outside input that both ends read from headers and query strings: the
// device token of `Authorization: Bearer <token>` (office), whole numbers such as `limit`,
// `per_page` (office) and `Upload-Offset` (tablet). Free functions so that fuzz/ reaches them.

#include <cstdint>
#include <optional>
#include <string_view>

namespace fp {

/// The longest Authorization value the office reads (the scheme included).
inline constexpr std::size_t kMaxAuthorizationSize = 200;

/// The token of an Authorization value "Bearer <token>" of at most kMaxAuthorizationSize
/// bytes (the token may be empty: it is then unknown to every lookup); nothing otherwise.
std::optional<std::string_view> bearerToken(std::string_view authorization);

/// `text` as a whole decimal number in [min, max]: an optional '-' and digits, nothing else
/// (no '+', no spaces, no leading or trailing bytes); nothing for anything else, including a
/// number that does not fit in 64 bits.
std::optional<std::int64_t> parseWholeNumber(std::string_view text, std::int64_t min,
                                             std::int64_t max);

} // namespace fp
