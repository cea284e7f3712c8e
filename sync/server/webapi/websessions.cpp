#include "server/webapi/websessions.h"

#include "server/domain/credentials.h"

#include <sodium.h>

namespace fp {

namespace {

// Bounds the table against a flood of logins: expired sessions go first, then the oldest.
constexpr std::size_t kMaxSessions = 10000;

} // namespace

WebSessions::WebSessions(const Clock &clock, std::chrono::seconds idleLifetime)
    : m_clock(clock), m_lifetime(idleLifetime)
{
}

std::pair<std::string, WebSessions::Session> WebSessions::create(const std::string &username,
                                                                 Role role)
{
    const std::string id = newDeviceToken();
    const Session session{username, role, newDeviceToken(), m_clock.now() + m_lifetime};
    std::lock_guard lock(m_mutex);
    purgeExpired(m_clock.now());
    if (m_sessions.size() >= kMaxSessions) {
        auto oldest = m_sessions.begin();
        for (auto it = m_sessions.begin(); it != m_sessions.end(); ++it) {
            if (it->second.expires < oldest->second.expires)
                oldest = it;
        }
        m_sessions.erase(oldest);
    }
    m_sessions[deviceTokenHash(id)] = session;
    return {id, session};
}

std::pair<WebSessions::Lookup, WebSessions::Session> WebSessions::find(const std::string &cookie)
{
    if (cookie.empty())
        return {Lookup::Unknown, {}};
    const std::string key = deviceTokenHash(cookie);
    const TimePoint now = m_clock.now();
    std::lock_guard lock(m_mutex);
    const auto it = m_sessions.find(key);
    if (it == m_sessions.end())
        return {Lookup::Unknown, {}};
    if (it->second.expires <= now) {
        m_sessions.erase(it);
        return {Lookup::Expired, {}};
    }
    it->second.expires = now + m_lifetime;
    return {Lookup::Found, it->second};
}

void WebSessions::remove(const std::string &cookie)
{
    std::lock_guard lock(m_mutex);
    m_sessions.erase(deviceTokenHash(cookie));
}

std::size_t WebSessions::removeUser(const std::string &username)
{
    std::lock_guard lock(m_mutex);
    return std::erase_if(
        m_sessions, [&username](const auto &entry) { return entry.second.username == username; });
}

void WebSessions::purgeExpired(TimePoint now)
{
    std::erase_if(m_sessions, [now](const auto &entry) { return entry.second.expires <= now; });
}

bool constantTimeEquals(const std::string &a, const std::string &b)
{
    // The lengths are not secret (every token has the same length); the bytes are.
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace fp
