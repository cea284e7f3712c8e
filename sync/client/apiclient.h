#pragma once
// Requests to the office as the sync engine needs them: the bearer token on each, transient
// failures retried per RetryPolicy, error answers turned into ServerError with the server's
// own message, JSON bodies encoded and decoded with the protocol types.

#include "protocol/enroll.h"
#include "protocol/logwire.h"
#include "protocol/pullpage.h"
#include "protocol/push.h"
#include "retrypolicy.h"
#include "transport.h"

#include <atomic>
#include <random>
#include <string>

namespace fp {

/// One device's view of the office API.
class ApiClient
{
  public:
    /// `token` may be empty (enrolment). `cancel` may be null.
    ApiClient(Transport &transport, std::string token, RetryPolicy policy,
              const std::atomic<bool> *cancel);

    EnrollResponse enroll(const EnrollRequest &request);
    PullPage pull(const std::string &cursor, int limit);
    PushResponse push(const PushRequest &request);
    /// The office log's proofs (docs/protocol.md, "The office log").
    ConsistencyAnswer logConsistency(std::int64_t from, std::int64_t to);
    InclusionAnswer logInclusion(std::int64_t index, std::int64_t size);

    /// Sends once, with the token; NetworkError when no answer came.
    HttpResponse sendOnce(HttpRequest request);
    /// Sends, repeating transient failures (network, 408, 429, 5xx) as the policy allows;
    /// returns the last answer, whatever its status. NetworkError when none ever came.
    HttpResponse send(const HttpRequest &request);
    /// Waits before the next attempt after `failedAttempts` failures ending in `outcome`;
    /// false when the policy says stop. Throws SyncCancelled when cancelled while waiting.
    bool backOff(int failedAttempts, const AttemptOutcome &outcome);

    /// Throws ServerError carrying the server's message unless `response` is 2xx.
    static void requireSuccess(const HttpResponse &response, const std::string &what);

    /// Attempts repeated so far (for reports).
    int retries() const { return m_retries; }

  private:
    HttpResponse sendJson(const std::string &method, const std::string &target,
                          const std::string &body);
    /// sendJson, then requireSuccess (`what` names the request), then the body decoded as T
    /// (`answer` names it in a decoding error).
    template <typename T>
    T exchange(const std::string &method, const std::string &target, const std::string &body,
               const std::string &what, const std::string &answer);

    Transport &m_transport;
    std::string m_token;
    RetryPolicy m_policy;
    const std::atomic<bool> *m_cancel;
    std::mt19937_64 m_random;
    int m_retries = 0;
};

/// The Retry-After header in seconds, when present and numeric.
std::optional<int> retryAfterSeconds(const HttpResponse &response);

} // namespace fp
