// WebApi: how a route is guarded (webapi.h's read and write), who is calling, and the helpers
// several resource files share (webroutes.h).

#include "server/webapi/webroutes.h"

#include "core/sha256.h"
#include "core/validation.h"
#include "protocol/headervalues.h"
#include "server/domain/apierror.h"
#include "server/domain/credentials.h"
#include "server/domain/staleversion.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"

#include <httplib.h>

#include <algorithm>
#include <limits>

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

/// A whole-number query parameter within [min, max]; `fallback` when absent.
std::int64_t intParam(const Request &req, const std::string &name, std::int64_t min,
                      std::int64_t max, std::int64_t fallback)
{
    if (!req.has_param(name))
        return fallback;
    const std::string text = req.get_param_value(name);
    const auto n = parseWholeNumber(text, min, std::numeric_limits<std::int64_t>::max());
    if (!n)
        throw ApiError(400, "bad_request",
                       name + ": must be a whole number from " + std::to_string(min) + " to " +
                           std::to_string(max) + ", not '" + text.substr(0, 40) + "'");
    return std::min(*n, max);
}

std::map<std::string, std::string> regionNames(PlanStore &store)
{
    std::map<std::string, std::string> out;
    for (const auto &r : store.listRegions())
        out[r.id] = r.name;
    return out;
}

std::string notFutureDateField(const Json &body, const std::string &key, const std::string &today)
{
    std::string date = dateField(body, key);
    if (date > today) // ISO dates compare as text
        throw ApiError(400, "bad_request",
                       "request." + key + ": cannot be after today (" + today + "), got " + date);
    return date;
}

std::string notPastDateField(const Json &body, const std::string &key, const std::string &today)
{
    std::string date = dateField(body, key);
    if (date < today)
        throw ApiError(400, "bad_request",
                       "request." + key + ": cannot be before today (" + today + "), got " + date);
    return date;
}

std::optional<std::int64_t> expectedVersionField(const Json &body)
{
    const auto it = body.find("expected_version");
    if (it == body.end() || it->is_null())
        return std::nullopt;
    if (!it->is_number_integer() || it->get<std::int64_t>() < 0)
        throw ApiError(400, "bad_request",
                       "request.expected_version: must be a whole number of 0 or more (the "
                       "version the page showed)");
    return it->get<std::int64_t>();
}

namespace {

/// 409 stale: the change was made against an older version; the body says who changed the
/// record last and when, so that the page can tell the clerk and offer to reload.
void replyStale(Response &res, const StaleVersionError &e)
{
    const LastChange &last = e.last();
    std::string message = "changed meanwhile";
    if (!last.by.empty())
        message.append(" by ").append(last.by);
    if (!last.at.empty())
        message.append(" at ").append(last.at);
    message.append(" (version ")
        .append(std::to_string(e.current()))
        .append(", the change was made against version ")
        .append(std::to_string(e.expected()))
        .append("); reload and decide again");
    replyJson(res, 409,
              Json{{"error", "stale"},
                   {"message", message},
                   {"version", e.current()},
                   {"expected_version", e.expected()},
                   {"changed_by", last.by},
                   {"changed_at", last.at},
                   {"action", last.action}});
}

template <typename BodyHandler>
void runChange(const BodyHandler &handler, const Request &req, Response &res,
               const WebApi::Caller &caller, const std::string &body)
{
    try {
        handler(req, res, caller, body);
    } catch (const StaleVersionError &e) {
        replyStale(res, e);
    }
}

} // namespace

void requireCardAction(const Actor &actor, CardStandard standard)
{
    if (const std::string why = cardActionProblem(actor, standard); !why.empty())
        throw ApiError(403, "wrong_department", why);
}

void requireRegion(const OfficeReach &reach, const std::string &regionId, const std::string &what)
{
    if (!reach.seesRegion(regionId))
        throw ApiError(403, "outside_region",
                       what + " is outside the regions of this town or zone office account");
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
            const std::string body = readBody(req, reader, limit);
            const std::string key = req.get_header_value("Idempotency-Key");
            if (key.empty()) {
                runChange(handler, req, res, caller, body);
                return;
            }
            if (key.size() > 128)
                throw ApiError(400, "bad_request", "the Idempotency-Key header is over 128 bytes");
            // One click is one action: the same key again replays the first answer.
            const std::string &user = caller.session.username;
            IdempotencyCache::Answer first;
            switch (m_idempotency.begin(
                user, key, req.method + " " + req.path + " " + sha256Hex(body), first)) {
            case IdempotencyCache::Begin::Replay:
                res.set_header("Idempotent-Replayed", "true");
                res.status = first.status;
                res.set_content(first.body, first.content_type);
                return;
            case IdempotencyCache::Begin::Running:
                throw ApiError(409, "request_in_progress",
                               "the same change (this Idempotency-Key) is still being made");
            case IdempotencyCache::Begin::Mismatch:
                throw ApiError(422, "idempotency_key_reused",
                               "this Idempotency-Key was used for another change");
            case IdempotencyCache::Begin::Run:
                break;
            }
            try {
                runChange(handler, req, res, caller, body);
            } catch (...) {
                m_idempotency.abandon(user, key); // refused or failed: a retry runs again
                throw;
            }
            if (res.status >= 400) { // refused (stale, or a plan's bad rows): a retry runs again
                m_idempotency.abandon(user, key);
                return;
            }
            m_idempotency.finish(user, key,
                                 {res.status, res.body, res.get_header_value("Content-Type")});
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
    const auto account = m_stores.accounts.findUser(session.username);
    if (!account)
        throw ApiError(401, "unauthorized", "the account of this session no longer exists");
    Caller caller{session, account->department, {}};
    // A town or zone office sees the regions of its scope only (issue 14 item 7).
    if (session.role == Role::Office && account->department == Department::Region) {
        caller.reach.everything = false;
        for (auto &id : m_stores.accounts.userRegionIds(session.username))
            caller.reach.region_ids.insert(std::move(id));
    }
    return caller;
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
