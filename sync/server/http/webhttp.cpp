#include "server/http/webhttp.h"

#include "protocol/wirejson.h"
#include "server/domain/apierror.h"
#include "server/domain/storeruleerror.h"
#include "server/http/httpreply.h"

namespace fp {

void webGuarded(const httplib::Request &req, httplib::Response &res,
                const std::function<void(const std::string &)> &log,
                const std::function<void()> &body)
{
    replyGuarded(req, res, log, [&] {
        try {
            body();
        } catch (const StoreRuleError &e) {
            // A rule a person can fix (unknown inspector, task outside a scope): 422, not 400.
            throw ApiError(422, "rejected", e.what());
        }
    });
    setSecurityHeaders(res, req.path.starts_with("/api/"));
}

void setSecurityHeaders(httplib::Response &res, bool api)
{
    // No inline script or style anywhere: everything comes from the server's own files.
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                   "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                   "frame-ancestors 'none'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "same-origin");
    if (!res.has_header("Cache-Control"))
        res.set_header("Cache-Control", api ? "no-store" : "no-cache");
}

std::string cookieValue(const httplib::Request &req, const std::string &name)
{
    const std::string header = req.get_header_value("Cookie");
    std::size_t pos = 0;
    while (pos < header.size()) {
        const std::size_t end = std::min(header.find(';', pos), header.size());
        std::string_view pair(header.data() + pos, end - pos);
        while (!pair.empty() && pair.front() == ' ')
            pair.remove_prefix(1);
        if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=')
            return std::string(pair.substr(name.size() + 1));
        pos = end + 1;
    }
    return {};
}

bool sameOrigin(const httplib::Request &req)
{
    std::string origin = req.get_header_value("Origin");
    if (origin.empty() || origin == "null") {
        const std::string referer = req.get_header_value("Referer");
        if (referer.empty())
            return origin.empty(); // a non-browser client; "null" is an opaque origin: refuse
        origin = referer;
    }
    const auto scheme = origin.find("://");
    if (scheme == std::string::npos)
        return false;
    std::string host = origin.substr(scheme + 3);
    host = host.substr(0, host.find('/'));
    return !host.empty() && host == req.get_header_value("Host");
}

Json jsonObjectBody(const std::string &body)
{
    Json j = parseWireJson(body); // bounded nesting, like every other request body
    if (!j.is_object())
        throw ApiError(400, "bad_request", "$: expected a JSON object");
    return j;
}

std::string stringField(const Json &body, const std::string &key, bool allowEmpty)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null())
        throw ApiError(400, "bad_request", "request." + key + ": missing");
    if (!it->is_string())
        throw ApiError(400, "bad_request",
                       "request." + key + ": expected a string, got " + it->type_name());
    std::string value = it->get<std::string>();
    if (value.empty() && !allowEmpty)
        throw ApiError(400, "bad_request", "request." + key + ": must not be empty");
    return value;
}

std::vector<std::string> stringListField(const Json &body, const std::string &key)
{
    const auto it = body.find(key);
    if (it == body.end() || !it->is_array())
        throw ApiError(400, "bad_request", "request." + key + ": expected an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto &v = (*it)[i];
        if (!v.is_string() || v.get<std::string>().empty())
            throw ApiError(400, "bad_request",
                           "request." + key + "[" + std::to_string(i) +
                               "]: expected a non-empty string");
        out.push_back(v.get<std::string>());
    }
    return out;
}

} // namespace fp
