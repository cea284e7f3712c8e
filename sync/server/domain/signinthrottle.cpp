#include "server/domain/signinthrottle.h"

#include <algorithm>

namespace fp {

using std::chrono::duration_cast;
using std::chrono::seconds;

seconds SignInThrottle::waitAfter(const Failures &f, int freeFailures, TimePoint now) const
{
    if (f.count < freeFailures)
        return seconds(0);
    const int doublings = std::min(f.count - freeFailures, 30);
    const seconds delay =
        std::min(m_policy.first_delay * (std::int64_t(1) << doublings), m_policy.max_delay);
    const auto passed = duration_cast<seconds>(now - f.last);
    return passed >= delay ? seconds(0) : delay - passed;
}

bool SignInThrottle::lockedAt(const Failures &f, TimePoint now) const
{
    return f.count >= m_policy.lock_after && now - f.last < m_policy.lock_for;
}

SignInThrottle::Verdict SignInThrottle::check(const std::string &account,
                                              const std::string &address) const
{
    std::lock_guard lock(m_mutex);
    const TimePoint now = m_clock.now();
    Verdict v;
    if (const auto a = m_accounts.find(account); a != m_accounts.end()) {
        if (lockedAt(a->second, now)) {
            v.locked = true;
            v.wait = std::max(seconds(1),
                              duration_cast<seconds>(a->second.last + m_policy.lock_for - now));
            return v;
        }
        v.wait = waitAfter(a->second, m_policy.free_failures, now);
    }
    if (const auto a = m_addresses.find(address); a != m_addresses.end())
        v.wait = std::max(v.wait, waitAfter(a->second, m_policy.address_free_failures, now));
    return v;
}

void SignInThrottle::record(std::map<std::string, Failures> &kind, const std::string &key,
                            TimePoint now)
{
    if (kind.size() >= m_policy.max_tracked && !kind.contains(key)) {
        // Forget the entries whose lock and wait have run out; if none has, the oldest.
        std::erase_if(kind, [&](const auto &e) {
            return !lockedAt(e.second, now) && now - e.second.last >= m_policy.max_delay;
        });
        if (kind.size() >= m_policy.max_tracked) {
            kind.erase(std::min_element(kind.begin(), kind.end(), [](const auto &x, const auto &y) {
                return x.second.last < y.second.last;
            }));
        }
    }
    Failures &f = kind[key];
    if (f.count >= m_policy.lock_after && !lockedAt(f, now))
        f.count = 0; // a lock that ran out starts the count again
    ++f.count;
    f.last = now;
}

void SignInThrottle::failed(const std::string &account, const std::string &address)
{
    std::lock_guard lock(m_mutex);
    const TimePoint now = m_clock.now();
    record(m_accounts, account, now);
    record(m_addresses, address, now);
}

void SignInThrottle::succeeded(const std::string &account, const std::string &address)
{
    std::lock_guard lock(m_mutex);
    m_accounts.erase(account);
    m_addresses.erase(address);
}

void SignInThrottle::unlock(const std::string &account)
{
    std::lock_guard lock(m_mutex);
    m_accounts.erase(account);
}

bool SignInThrottle::isLocked(const std::string &account) const
{
    std::lock_guard lock(m_mutex);
    const auto a = m_accounts.find(account);
    return a != m_accounts.end() && lockedAt(a->second, m_clock.now());
}

} // namespace fp
