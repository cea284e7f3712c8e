// WebApi: signing in and out, and the signed-in session (docs/web.md).

#include "server/domain/apierror.h"
#include "server/domain/credentials.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

namespace fp {

namespace {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;

constexpr std::size_t kLoginBodyLimit = std::size_t{16} * 1024;
constexpr std::size_t kJournalNameLimit = 200; // bytes of a refused name the journal keeps

Json sessionJson(const WebSessions::Session &s, std::chrono::seconds lifetime)
{
    return Json{{"username", s.username},
                {"role", enumName(s.role)},
                {"csrf_token", s.csrf_token},
                {"lifetime_seconds", lifetime.count()}};
}

} // namespace

void WebApi::attachLogin(httplib::Server &server)
{
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
        Json j = sessionJson(c.session, m_sessions.lifetime());
        j["department"] = enumName(c.department); // read now: an admin's change applies at once
        replyJson(res, 200, j);
    });
}

void WebApi::login(const Request &req, Response &res, const std::string &body)
{
    const Json j = jsonObjectBody(body);
    const std::string username = stringField(j, "username");
    const std::string password = stringField(j, "password");
    // Guessing is slowed per account name and per address; while a wait or a lock stands, not
    // even the right password is heard.
    const auto verdict = m_throttle.check(username, req.remote_addr);
    if (verdict.wait.count() > 0) {
        m_log("web sign-in of '" + username + "' from " + req.remote_addr +
              " refused: " + (verdict.locked ? "locked" : "throttled"));
        res.set_header("Retry-After", std::to_string(verdict.wait.count()));
        throw ApiError(429, verdict.locked ? "account_locked" : "too_many_attempts",
                       verdict.locked
                           ? "too many wrong passwords: sign-in for this account is locked for " +
                                 std::to_string(verdict.wait.count()) +
                                 " s, or until an admin unlocks it"
                           : "too many wrong passwords: try again in " +
                                 std::to_string(verdict.wait.count()) + " s");
    }
    const auto user = m_stores.accounts.findUser(username);
    // The same answer, in the same time, for an unknown user and a wrong password.
    if (!verifyAccountPassword(user ? &user->password_hash : nullptr, password)) {
        m_throttle.failed(username, req.remote_addr);
        m_log("web sign-in refused for '" + username + "' from " + req.remote_addr);
        // Refusals the throttle let through are journalled (issue 16 item 2); those it stopped
        // are not, so that a flood of guesses cannot flood the journal.
        record(username.substr(0, kJournalNameLimit), "signin.refused", req.remote_addr,
               "bad_credentials",
               Json{{"address", req.remote_addr}, {"reason", "bad_credentials"}});
        throw ApiError(401, "bad_credentials", "unknown username or wrong password");
    }
    m_throttle.succeeded(username, req.remote_addr);
    if (user->role == Role::Inspector) {
        record(user->username, "signin.refused", req.remote_addr, "inspector",
               Json{{"address", req.remote_addr}, {"reason", "inspector"}});
        throw ApiError(403, "forbidden",
                       "inspector accounts work on the tablet; the office page is for office "
                       "and admin accounts");
    }
    const auto [id, session] = m_sessions.create(user->username, user->role);
    std::string cookie =
        std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
    if (m_options.secure_cookie)
        cookie += "; Secure";
    res.set_header("Set-Cookie", cookie);
    m_log("web sign-in of '" + user->username + "'");
    Json reply = sessionJson(session, m_sessions.lifetime());
    reply["department"] = enumName(user->department);
    replyJson(res, 200, reply);
}

void WebApi::logout(const Request &req, Response &res)
{
    m_sessions.remove(cookieValue(req, kSessionCookie));
    res.set_header("Set-Cookie",
                   std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    replyJson(res, 200, Json{{"signed_out", true}});
}

} // namespace fp
