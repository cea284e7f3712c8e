#include "server/webapi/webapi.h"

#include "server/domain/apierror.h"
#include "core/validation.h"
#include "server/domain/credentials.h"
#include "server/http/httpreply.h"
#include "server/webapi/webassets.h"
#include "server/http/webhttp.h"

#include <httplib.h>


namespace fp {

namespace {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;

constexpr const char *kCookie = "fp_session";
constexpr std::size_t kLoginBodyLimit = 16 * 1024;

const WebAsset *findAsset(std::string_view path)
{
    for (const auto &a : webAssets()) {
        if (a.path == path)
            return &a;
    }
    return nullptr;
}

Json sessionJson(const WebSessions::Session &s, std::chrono::seconds lifetime)
{
    return Json{{"username", s.username},
                {"role", enumName(s.role)},
                {"csrf_token", s.csrf_token},
                {"lifetime_seconds", lifetime.count()}};
}

} // namespace

WebApi::WebApi(WebStores stores, BlobStore &blobs, const Clock &clock, WebOptions options,
               Log log)
    : m_stores(stores), m_blobs(blobs), m_clock(clock), m_options(std::move(options)),
      m_log(std::move(log)), m_sessions(clock, m_options.session_lifetime),
      m_thumbs(m_options.thumbs, m_options.tmp)
{
}

void WebApi::attach(httplib::Server &server)
{
    const auto serveAsset = [this](const Request &req, Response &res, std::string_view path) {
        webGuarded(req, res, m_log, [&] {
            const WebAsset *asset = findAsset(path);
            if (!asset)
                throw ApiError(404, "not_found", "there is no file at " + req.path);
            res.status = 200;
            res.set_content(std::string(asset->bytes), std::string(webContentType(asset->path)));
        });
    };
    server.Get("/", [serveAsset](const Request &req, Response &res) {
        serveAsset(req, res, "index.html");
    });
    server.Get("/web/([a-z0-9-]+\\.[a-z]+)", [serveAsset](const Request &req, Response &res) {
        serveAsset(req, res, req.matches[1].str());
    });

    server.Post("/api/v1/web/login",
                [this](const Request &req, Response &res, const ContentReader &reader) {
                    webGuarded(req, res, m_log, [&] {
                        if (!sameOrigin(req))
                            throw ApiError(403, "csrf", "the sign-in came from another site");
                        login(req, res, readBody(req, reader, kLoginBodyLimit));
                    });
                });
    write(server, "POST", "/api/v1/web/logout", kLoginBodyLimit,
          [this](const Request &req, Response &res, const Caller &, const std::string &) {
              logout(req, res);
          });
    read(server, "/api/v1/web/session", [this](const Request &, Response &res, const Caller &c) {
        replyJson(res, 200, sessionJson(c.session, m_sessions.lifetime()));
    });
    attachReads(server);
    attachWrites(server);
    attachAccounts(server);
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
    const auto [lookup, session] = m_sessions.find(cookieValue(req, kCookie));
    if (lookup == WebSessions::Lookup::Expired)
        throw ApiError(401, "session_expired", "the session has expired; sign in again");
    if (lookup != WebSessions::Lookup::Found)
        throw ApiError(401, "unauthorized", "sign in first (no valid session cookie)");
    return Caller{session};
}

void WebApi::login(const Request &, Response &res, const std::string &body)
{
    const Json j = jsonObjectBody(body);
    const std::string username = stringField(j, "username");
    const std::string password = stringField(j, "password");
    const auto user = m_stores.accounts.findUser(username);
    // The same answer for an unknown user and a wrong password.
    if (!user || !verifyPassword(user->password_hash, password)) {
        m_log("web sign-in refused for '" + username + "'");
        throw ApiError(401, "bad_credentials", "unknown username or wrong password");
    }
    if (user->role == Role::Inspector)
        throw ApiError(403, "forbidden",
                       "inspector accounts work on the tablet; the office page is for office "
                       "and admin accounts");
    const auto [id, session] = m_sessions.create(user->username, user->role);
    std::string cookie = std::string(kCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
    if (m_options.secure_cookie)
        cookie += "; Secure";
    res.set_header("Set-Cookie", cookie);
    m_log("web sign-in of '" + user->username + "'");
    replyJson(res, 200, sessionJson(session, m_sessions.lifetime()));
}

void WebApi::logout(const Request &req, Response &res)
{
    m_sessions.remove(cookieValue(req, kCookie));
    res.set_header("Set-Cookie",
                   std::string(kCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    replyJson(res, 200, Json{{"signed_out", true}});
}

std::string WebApi::today(const Request &req) const
{
    if (!req.has_param("today"))
        return formatDate(m_clock.now());
    const std::string t = req.get_param_value("today");
    if (!isValidDate(t))
        throw ApiError(400, "bad_request",
                       "today: must be a date like 2017-10-31, not '" + t + "'");
    return t;
}

} // namespace fp
