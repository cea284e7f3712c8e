#include "retrypolicy.h"

#include <algorithm>

namespace fp {

bool isTransient(const AttemptOutcome &outcome)
{
    const int s = outcome.http_status;
    return s == 0 || s == 408 || s == 429 || (s >= 500 && s <= 599);
}

std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy &policy, int failedAttempts,
                                                    const AttemptOutcome &outcome, double jitter)
{
    using std::chrono::milliseconds;
    if (!isTransient(outcome) || failedAttempts < 1 || failedAttempts >= policy.max_attempts)
        return std::nullopt;
    jitter = std::clamp(jitter, 0.0, 1.0);
    // Doubling stops well before overflow: 2^20 times any sane base is beyond any cap.
    const int doublings = std::min(failedAttempts - 1, 20);
    const long long grown = policy.base_delay.count() * (1ll << doublings);
    const long long cap = std::min<long long>(grown, policy.max_delay.count());
    const auto spread = static_cast<long long>(static_cast<double>(cap) / 2.0 * jitter);
    long long wait = cap / 2 + spread;
    if (outcome.retry_after_s) {
        const long long asked = std::max(0, *outcome.retry_after_s) * 1000ll;
        wait = std::max(wait, std::min<long long>(asked, policy.max_delay.count()));
    }
    return milliseconds(wait);
}

} // namespace fp
