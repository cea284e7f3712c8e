#include "server/webapi/idempotency.h"

#include <algorithm>

namespace fp {

namespace {

constexpr std::chrono::hours kKeepFor{24};

std::string entryKey(const std::string &user, const std::string &key)
{
    return user + '\n' + key;
}

} // namespace

IdempotencyCache::Begin IdempotencyCache::begin(const std::string &user, const std::string &key,
                                                const std::string &fingerprint, Answer &answer)
{
    std::lock_guard lock(m_mutex);
    const TimePoint now = m_clock.now();
    const std::string k = entryKey(user, key);
    if (const auto it = m_entries.find(k);
        it != m_entries.end() && now - it->second.at < kKeepFor) {
        if (it->second.fingerprint != fingerprint)
            return Begin::Mismatch;
        if (!it->second.answer)
            return Begin::Running;
        answer = *it->second.answer;
        return Begin::Replay;
    }
    if (m_entries.size() >= m_capacity) {
        std::erase_if(m_entries, [&](const auto &e) {
            return e.second.answer && now - e.second.at >= kKeepFor;
        });
        if (m_entries.size() >= m_capacity) {
            const auto oldest = std::min_element(
                m_entries.begin(), m_entries.end(),
                [](const auto &a, const auto &b) { return a.second.at < b.second.at; });
            m_entries.erase(oldest);
        }
    }
    m_entries[k] = Entry{fingerprint, std::nullopt, now};
    return Begin::Run;
}

void IdempotencyCache::finish(const std::string &user, const std::string &key, Answer answer)
{
    std::lock_guard lock(m_mutex);
    if (const auto it = m_entries.find(entryKey(user, key)); it != m_entries.end())
        it->second.answer = std::move(answer);
}

void IdempotencyCache::abandon(const std::string &user, const std::string &key)
{
    std::lock_guard lock(m_mutex);
    m_entries.erase(entryKey(user, key));
}

} // namespace fp
