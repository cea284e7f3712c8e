#pragma once
// HTTP helpers of the office web page: the error guard, security headers, cookies and the
// small JSON-body readers that name the missing or wrong field.

#include "core/json.h"
#include "server/domain/apierror.h"

#include <functional>
#include <string>
#include <vector>

#include <httplib.h>

namespace fp {

/// Runs `body`, answering every exception as {"error", "message"} (500s are logged), and adds
/// the page's security headers to whatever is answered.
void webGuarded(const httplib::Request &req, httplib::Response &res,
                const std::function<void(const std::string &)> &log,
                const std::function<void()> &body);

/// Content-Security-Policy and friends; API answers are also marked not cacheable.
void setSecurityHeaders(httplib::Response &res, bool api);

/// The value of cookie `name` in the request's Cookie header, or "".
std::string cookieValue(const httplib::Request &req, const std::string &name);

/// True unless an Origin (or, lacking it, Referer) header names another site than Host.
bool sameOrigin(const httplib::Request &req);

/// The body as a JSON object; 400 naming the problem otherwise.
Json jsonObjectBody(const std::string &body);
/// A required string member of a JSON body (`request.<key>`), non-empty unless `allowEmpty`.
std::string stringField(const Json &body, const std::string &key, bool allowEmpty = false);
/// A required array of strings (`request.<key>`).
std::vector<std::string> stringListField(const Json &body, const std::string &key);
/// A required enum member spelled as on the wire; 400 listing the allowed values otherwise.
template <typename E> E enumField(const Json &body, const std::string &key)
{
    const std::string text = stringField(body, key);
    if (const auto v = enumFromString<E>(text))
        return *v;
    std::string allowed;
    for (const auto n : EnumNames<E>::names)
        allowed.append(allowed.empty() ? "" : ", ").append(n);
    throw ApiError(400, "bad_request",
                   "request." + key + ": must be one of " + allowed + ", not '" + text + "'");
}

} // namespace fp
