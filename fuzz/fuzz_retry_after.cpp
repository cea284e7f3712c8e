// libFuzzer: the tablet's reading of `Retry-After` (retryAfterSeconds in apiclient) and the
// wait the retry policy makes of it (retryDelay). A value is read only when it is a whole
// number of seconds that fits an int (an HTTP date or anything else is ignored); the wait is
// never negative, never above the policy's cap, and honours the server's value up to the cap.

#include "client/apiclient.h"
#include "client/httpmessage.h"
#include "client/retrypolicy.h"
#include "protocol/headervalues.h"

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string value(reinterpret_cast<const char *>(data), size);
    fp::HttpResponse response;
    response.status = 503;
    response.headers["retry-after"] = value; // the transport stores names in lower case
    const auto seconds = fp::retryAfterSeconds(response);
    if (seconds != fp::parseWholeNumber(value, 0, std::numeric_limits<int>::max()))
        std::abort();

    const fp::RetryPolicy policies[] = {
        fp::RetryPolicy{},
        fp::RetryPolicy{3, std::chrono::milliseconds(1), std::chrono::milliseconds(1000)}};
    for (const auto &policy : policies) {
        for (const int status : {0, 408, 429, 503, 404}) {
            const fp::AttemptOutcome outcome{status, seconds};
            for (int failed = 0; failed <= policy.max_attempts; ++failed) {
                for (const double jitter : {0.0, 0.5, 0.999}) {
                    const auto wait = fp::retryDelay(policy, failed, outcome, jitter);
                    const bool retry =
                        fp::isTransient(outcome) && failed >= 1 && failed < policy.max_attempts;
                    if (wait.has_value() != retry)
                        std::abort();
                    if (!wait)
                        continue;
                    if (wait->count() < 0 || *wait > policy.max_delay)
                        std::abort();
                    if (seconds && wait->count() < std::min<long long>(*seconds * 1000ll,
                                                                       policy.max_delay.count()))
                        std::abort();
                }
            }
        }
    }
    return 0;
}
