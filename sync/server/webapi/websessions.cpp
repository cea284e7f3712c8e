#include "server/webapi/websessions.h"

#include "server/domain/credentials.h"

#include <sodium.h>

#include <algorithm>

namespace fp {

WebSessions::WebSessions(SessionStore &store, const Clock &clock, std::chrono::seconds idleLifetime)
    : m_store(store), m_clock(clock), m_lifetime(idleLifetime)
{
}

std::pair<std::string, WebSessions::Session> WebSessions::create(const std::string &username,
                                                                 Role role)
{
    const std::string id = newDeviceToken();
    const TimePoint now = m_clock.now();
    const Session session{username, role, newDeviceToken(), now + m_lifetime};
    m_store.addSession(deviceTokenHash(id), session, now, kMaxSessions);
    return {id, session};
}

std::pair<WebSessions::Lookup, WebSessions::Session> WebSessions::find(const std::string &cookie)
{
    if (cookie.empty())
        return {Lookup::Unknown, {}};
    const TimePoint now = m_clock.now();
    Session session;
    // The stored expiry moves at most once per step: a session may end up to a step early.
    const auto step =
        std::min<std::chrono::milliseconds>(std::chrono::seconds(60), m_lifetime / 60);
    const Lookup lookup = m_store.touchSession(deviceTokenHash(cookie), now, now + m_lifetime,
                                               now + m_lifetime - step, session);
    if (lookup != Lookup::Found)
        return {lookup, {}};
    return {Lookup::Found, session};
}

void WebSessions::remove(const std::string &cookie)
{
    if (!cookie.empty())
        m_store.removeSession(deviceTokenHash(cookie));
}

std::size_t WebSessions::removeUser(const std::string &username)
{
    return m_store.removeUserSessions(username);
}

bool constantTimeEquals(const std::string &a, const std::string &b)
{
    // The lengths are not secret (every token has the same length); the bytes are.
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace fp
