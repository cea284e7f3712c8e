#include "server/domain/signinthrottle.h"

#include <algorithm>

namespace fp {

using std::chrono::duration_cast;
using std::chrono::seconds;

seconds SignInThrottle::waitAfter(const SignInFailures &f, int freeFailures, TimePoint now) const
{
    if (f.count < freeFailures)
        return seconds(0);
    const int doublings = std::min(f.count - freeFailures, 30);
    const seconds delay =
        std::min(m_policy.first_delay * (std::int64_t(1) << doublings), m_policy.max_delay);
    const auto passed = duration_cast<seconds>(now - f.last);
    return passed >= delay ? seconds(0) : delay - passed;
}

bool SignInThrottle::lockedAt(const SignInFailures &f, TimePoint now) const
{
    return f.count >= m_policy.lock_after && now - f.last < m_policy.lock_for;
}

FailureRules SignInThrottle::rulesAt(TimePoint now) const
{
    // lockedAt and "the wait ran out" as the store applies them in its statements.
    return FailureRules{m_policy.lock_after, now - m_policy.lock_for, now - m_policy.max_delay,
                        m_policy.max_tracked};
}

SignInThrottle::Verdict SignInThrottle::check(const std::string &account,
                                              const std::string &address) const
{
    const TimePoint now = m_clock.now();
    Verdict v;
    if (const auto a = m_store.signInFailures(ThrottleKind::Account, account)) {
        if (lockedAt(*a, now)) {
            v.locked = true;
            v.wait =
                std::max(seconds(1), duration_cast<seconds>(a->last + m_policy.lock_for - now));
            return v;
        }
        v.wait = waitAfter(*a, m_policy.free_failures, now);
    }
    if (const auto a = m_store.signInFailures(ThrottleKind::Address, address))
        v.wait = std::max(v.wait, waitAfter(*a, m_policy.address_free_failures, now));
    return v;
}

void SignInThrottle::failed(const std::string &account, const std::string &address)
{
    const TimePoint now = m_clock.now();
    const FailureRules rules = rulesAt(now);
    (void)m_store.addSignInFailure(ThrottleKind::Account, account, now, rules);
    (void)m_store.addSignInFailure(ThrottleKind::Address, address, now, rules);
}

void SignInThrottle::succeeded(const std::string &account, const std::string &address)
{
    m_store.forgetSignInFailures(ThrottleKind::Account, account);
    m_store.forgetSignInFailures(ThrottleKind::Address, address);
}

void SignInThrottle::unlock(const std::string &account)
{
    m_store.forgetSignInFailures(ThrottleKind::Account, account);
}

bool SignInThrottle::isLocked(const std::string &account) const
{
    const auto a = m_store.signInFailures(ThrottleKind::Account, account);
    return a && lockedAt(*a, m_clock.now());
}

} // namespace fp
