#include "protocol/headervalues.h"

#include <charconv>
#include <system_error>

namespace fp {

std::optional<std::string_view> bearerToken(std::string_view authorization)
{
    constexpr std::string_view scheme = "Bearer ";
    if (!authorization.starts_with(scheme) || authorization.size() > kMaxAuthorizationSize)
        return std::nullopt;
    return authorization.substr(scheme.size());
}

std::optional<std::int64_t> parseWholeNumber(std::string_view text, std::int64_t min,
                                             std::int64_t max)
{
    std::int64_t n = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || n < min || n > max)
        return std::nullopt;
    return n;
}

} // namespace fp
