#pragma once
// Signed-in office staff of the web page. A session id is 32 random bytes in an HttpOnly
// cookie; the server keeps only its SHA-256. Each session has its own CSRF token, which the
// page sends back in a header on every state-changing request. A session ends after a
// configurable idle time (the injectable clock decides), at logout, or when the server stops.

#include "core/clock.h"
#include "core/enums.h"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace fp {

class WebSessions
{
  public:
    struct Session
    {
        std::string username;
        Role role = Role::Office;
        std::string csrf_token;
        TimePoint expires;
    };
    /// What find() saw, so that an expired session can be told apart from an unknown one.
    enum class Lookup { Found, Unknown, Expired };

    WebSessions(const Clock &clock, std::chrono::seconds idleLifetime);

    /// Starts a session; returns the cookie value (the only copy of the id) and the session.
    std::pair<std::string, Session> create(const std::string &username, Role role);
    /// The session of a cookie value; each successful lookup extends its idle lifetime.
    std::pair<Lookup, Session> find(const std::string &cookieValue);
    void remove(const std::string &cookieValue);
    /// Ends every session of `username` (after a password reset); returns how many.
    std::size_t removeUser(const std::string &username);
    std::chrono::seconds lifetime() const { return m_lifetime; }

  private:
    void purgeExpired(TimePoint now); // caller holds m_mutex

    const Clock &m_clock;
    std::chrono::seconds m_lifetime;
    std::mutex m_mutex;
    std::map<std::string, Session> m_sessions; // by SHA-256 of the id
};

/// Compares secrets in time independent of where they differ.
bool constantTimeEquals(const std::string &a, const std::string &b);

} // namespace fp
