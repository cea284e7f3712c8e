#pragma once
// Signed-in office staff of the web page. A session id is 32 random bytes in an HttpOnly
// cookie; the server keeps only its SHA-256. Each session has its own CSRF token, which the
// page sends back in a header on every state-changing request. A session ends after a
// configurable idle time (the injectable clock decides), at logout, or after a password reset.
// The stored expiry is moved on at most once a minute (a sixtieth of the lifetime when that is
// shorter), so a session may end up to that much before its full idle time.
// The sessions live in the office database (storage/sessionstore.h), so that several servers
// behind one proxy share them: a session begun on one is found on the others, and a sign-out
// on one ends it on all; a restart of a server ends none.

#include "core/clock.h"
#include "core/enums.h"
#include "server/storage/sessionstore.h"

#include <chrono>
#include <string>
#include <utility>

namespace fp {

class WebSessions
{
  public:
    using Session = StoredSession;
    /// What find() saw, so that an expired session can be told apart from an unknown one.
    using Lookup = SessionStore::Lookup;

    /// Sessions held at most; past it, a new sign-in ends those closest to expiry.
    static constexpr std::size_t kMaxSessions = 10000;

    WebSessions(SessionStore &store, const Clock &clock, std::chrono::seconds idleLifetime);

    /// Starts a session; returns the cookie value (the only copy of the id) and the session.
    std::pair<std::string, Session> create(const std::string &username, Role role);
    /// The session of a cookie value; each successful lookup extends its idle lifetime.
    std::pair<Lookup, Session> find(const std::string &cookieValue);
    void remove(const std::string &cookieValue);
    /// Ends every session of `username` (after a password reset); returns how many.
    std::size_t removeUser(const std::string &username);
    std::chrono::seconds lifetime() const { return m_lifetime; }

  private:
    SessionStore &m_store;
    const Clock &m_clock;
    std::chrono::seconds m_lifetime;
};

/// Compares secrets in time independent of where they differ.
bool constantTimeEquals(const std::string &a, const std::string &b);

} // namespace fp
