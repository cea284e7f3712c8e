#pragma once
// When a failed request is worth repeating, and after how long (DESIGN §4, STYLE §8): only
// transient failures, capped exponential backoff with jitter, a bounded number of attempts.

#include <chrono>
#include <optional>

namespace fp {

/// The limits of retrying one request.
struct RetryPolicy
{
    int max_attempts = 6; // attempts in all, the first one included
    std::chrono::milliseconds base_delay{250};
    std::chrono::milliseconds max_delay{15000};
};

/// How one attempt ended. `http_status` is 0 when no answer arrived (a network error).
struct AttemptOutcome
{
    int http_status = 0;
    /// The server's Retry-After in seconds (429, 503), when it sent one.
    std::optional<int> retry_after_s;
};

/// True for the failures that may heal by themselves: no answer, 408, 429 and every 5xx.
/// Any other 4xx means the request itself is wrong and would fail the same way again.
bool isTransient(const AttemptOutcome &outcome);

/// The wait before attempt `failedAttempts + 1`, or nothing when the request must not be
/// repeated (not transient, or `failedAttempts` reached the policy's bound). `jitter` in
/// [0, 1) comes from the caller's random source, so the function stays pure and testable.
/// The wait grows as base * 2^(failedAttempts-1), is capped at max_delay, and is spread over
/// [cap/2, cap) by the jitter so that many tablets coming back into coverage together do not
/// hit the office in lockstep; a server's Retry-After is honoured up to max_delay.
std::optional<std::chrono::milliseconds> retryDelay(const RetryPolicy &policy, int failedAttempts,
                                                    const AttemptOutcome &outcome, double jitter);

} // namespace fp
