#include "apiclient.h"

#include "protocol/api.h"
#include "protocol/errorbody.h"
#include "protocol/wirejson.h"
#include "syncerror.h"

#include <curl/curl.h>

#include <charconv>
#include <memory>
#include <thread>

namespace fp {

namespace {

std::string urlEscape(const std::string &text)
{
    // curl_easy_escape needs no handle since 7.82; the result is freed with curl_free.
    std::unique_ptr<char, decltype(&curl_free)> escaped(
        curl_easy_escape(nullptr, text.c_str(), static_cast<int>(text.size())), &curl_free);
    if (!escaped)
        throw std::bad_alloc();
    return escaped.get();
}

template <typename T> T decodeBody(const HttpResponse &response, const std::string &what)
{
    try {
        return decode<T>(parseWireJson(response.body), what);
    } catch (const DecodeError &e) {
        throw SyncError("the office server sent an answer this app cannot read (" + what +
                        "): " + e.what());
    }
}

} // namespace

template <typename T>
T ApiClient::exchange(const std::string &method, const std::string &target, const std::string &body,
                      const std::string &what, const std::string &answer)
{
    const HttpResponse r = sendJson(method, target, body);
    requireSuccess(r, what);
    return decodeBody<T>(r, answer);
}

std::optional<int> retryAfterSeconds(const HttpResponse &response)
{
    const auto value = response.header("retry-after");
    if (!value)
        return std::nullopt;
    int seconds = 0;
    const auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), seconds);
    if (ec != std::errc() || ptr != value->data() + value->size() || seconds < 0)
        return std::nullopt; // an HTTP date: ignored, the backoff applies
    return seconds;
}

ApiClient::ApiClient(Transport &transport, std::string token, RetryPolicy policy,
                     const std::atomic<bool> *cancel)
    : m_transport(transport), m_token(std::move(token)), m_policy(policy), m_cancel(cancel),
      m_random(std::random_device{}())
{
}

HttpResponse ApiClient::sendOnce(HttpRequest request)
{
    if (!m_token.empty())
        request.headers["Authorization"] = "Bearer " + m_token;
    return m_transport.send(request);
}

bool ApiClient::backOff(int failedAttempts, const AttemptOutcome &outcome)
{
    const double jitter = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
    const auto delay = retryDelay(m_policy, failedAttempts, outcome, jitter);
    if (!delay)
        return false;
    ++m_retries;
    // Sleep in slices so that a cancel from the UI thread is honoured within ~50 ms.
    const auto until = std::chrono::steady_clock::now() + *delay;
    while (std::chrono::steady_clock::now() < until) {
        if (m_cancel && m_cancel->load())
            throw SyncCancelled();
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            std::chrono::milliseconds(50), until - std::chrono::steady_clock::now()));
    }
    return true;
}

HttpResponse ApiClient::send(const HttpRequest &request)
{
    // Bounded: backOff() refuses once the policy's attempt count is reached.
    for (int failed = 0;;) {
        AttemptOutcome outcome;
        try {
            HttpResponse response = sendOnce(request);
            outcome = AttemptOutcome{response.status, retryAfterSeconds(response)};
            if (!isTransient(outcome))
                return response;
            if (!backOff(++failed, outcome))
                return response;
        } catch (const TlsError &) {
            throw; // an untrusted certificate stays untrusted: retrying only delays the answer
        } catch (const NetworkError &) {
            if (!backOff(++failed, outcome))
                throw;
        }
    }
}

void ApiClient::requireSuccess(const HttpResponse &response, const std::string &what)
{
    if (response.status >= 200 && response.status <= 299)
        return;
    std::string code;
    std::string message;
    try {
        const ErrorBody body = decode<ErrorBody>(parseWireJson(response.body), "error");
        code = body.error;
        message = body.message;
    } catch (const Error &) {
        // Not our server's JSON (a proxy's page, say): fall back to the status alone.
    }
    if (message.empty())
        message =
            "the office server answered " + what + " with HTTP " + std::to_string(response.status);
    throw ServerError(response.status, code, message);
}

HttpResponse ApiClient::sendJson(const std::string &method, const std::string &target,
                                 const std::string &body)
{
    HttpRequest request;
    request.method = method;
    request.target = target;
    request.body = body;
    request.headers["Accept"] = "application/json";
    if (method == "POST")
        request.headers["Content-Type"] = "application/json";
    return send(request);
}

EnrollResponse ApiClient::enroll(const EnrollRequest &request)
{
    return exchange<EnrollResponse>("POST", std::string(api::kEnrollPath), Json(request).dump(),
                                    "the enrolment", "enrol");
}

PullPage ApiClient::pull(const std::string &cursor, int limit)
{
    const std::string target = std::string(api::kPullPath) + "?cursor=" + urlEscape(cursor) +
                               "&limit=" + std::to_string(limit);
    return exchange<PullPage>("GET", target, {}, "a pull", "pull");
}

ConsistencyAnswer ApiClient::logConsistency(std::int64_t from, std::int64_t to)
{
    const std::string target = std::string(api::kLogConsistencyPath) +
                               "?from=" + std::to_string(from) + "&to=" + std::to_string(to);
    return exchange<ConsistencyAnswer>("GET", target, {}, "a log consistency proof", "consistency");
}

InclusionAnswer ApiClient::logInclusion(std::int64_t index, std::int64_t size)
{
    const std::string target = std::string(api::kLogInclusionPath) +
                               "?index=" + std::to_string(index) + "&size=" + std::to_string(size);
    return exchange<InclusionAnswer>("GET", target, {}, "a log inclusion proof", "inclusion");
}

PushResponse ApiClient::push(const PushRequest &request)
{
    return exchange<PushResponse>("POST", std::string(api::kPushPath), Json(request).dump(),
                                  "a push", "push");
}

} // namespace fp
