// WebApi: how a route is guarded (webapi.h's read and write), who is calling, and the helpers
// several resource files share (webroutes.h).

#include "server/webapi/webroutes.h"

#include "core/validation.h"
#include "server/domain/apierror.h"
#include "server/domain/credentials.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"

#include <httplib.h>

namespace fp {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;

std::string match(const Request &req, std::size_t i)
{
    return req.matches.size() > i ? req.matches[i].str() : std::string();
}

std::string dateField(const Json &body, const std::string &key)
{
    std::string date = stringField(body, key);
    if (!isValidDate(date))
        throw ApiError(400, "bad_request",
                       "request." + key + ": must be a date like 2017-10-31, not '" + date + "'");
    return date;
}

void requireEnterpriseField(PlanStore &plan, const std::string &enterpriseId)
{
    if (!plan.findEnterprise(enterpriseId))
        throw ApiError(404, "not_found",
                       "request.enterprise_id: there is no enterprise with id '" + enterpriseId +
                           "'");
}

void WebApi::read(httplib::Server &server, const std::string &pattern, Handler handler)
{
    server.Get(pattern, [this, handler](const Request &req, Response &res) {
        webGuarded(req, res, m_log, [&] { handler(req, res, authenticate(req)); });
    });
}

void WebApi::write(httplib::Server &server, const std::string &method, const std::string &pattern,
                   std::size_t limit, BodyHandler handler)
{
    auto wrapped = [this, handler, limit](const Request &req, Response &res,
                                          const ContentReader &reader) {
        webGuarded(req, res, m_log, [&] {
            const Caller caller = authenticate(req);
            // Two independent guards against cross-site requests: the browser tells where the
            // request came from, and only the page itself knows the session's token.
            if (!sameOrigin(req))
                throw ApiError(403, "csrf", "the request came from another site");
            const std::string token = req.get_header_value("X-CSRF-Token");
            if (token.empty() || !constantTimeEquals(token, caller.session.csrf_token))
                throw ApiError(403, "csrf",
                               "missing or wrong X-CSRF-Token header; reload the page");
            handler(req, res, caller, readBody(req, reader, limit));
        });
    };
    if (method == "DELETE")
        server.Delete(pattern, wrapped);
    else
        server.Post(pattern, wrapped);
}

WebApi::Caller WebApi::authenticate(const Request &req) const
{
    const auto [lookup, session] = m_sessions.find(cookieValue(req, kSessionCookie));
    if (lookup == WebSessions::Lookup::Expired)
        throw ApiError(401, "session_expired", "the session has expired; sign in again");
    if (lookup != WebSessions::Lookup::Found)
        throw ApiError(401, "unauthorized", "sign in first (no valid session cookie)");
    return Caller{session};
}

std::string WebApi::today(const Request &req) const
{
    if (!req.has_param("today"))
        return formatDate(m_clock.now());
    std::string t = req.get_param_value("today");
    if (!isValidDate(t))
        throw ApiError(400, "bad_request",
                       "today: must be a date like 2017-10-31, not '" + t + "'");
    return t;
}

} // namespace fp
