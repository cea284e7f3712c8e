#pragma once
// Password guessing, slowed down (issue 16): failed sign-ins in a row earn a growing wait, per
// account name and per client address; many on one account name lock it until an admin lifts
// the lock or the lock runs out. Unknown account names are treated exactly like known ones, so
// the answers tell nobody which accounts exist.
//
// The policy lives here; the failures live in the office database behind ThrottleStore
// (throttlestore.h, issue 18 item 1): several servers on one database count every guess once, a
// lock set on one is seen (and lifted by an admin) on all, and a restart forgets nothing. Each
// failure is one atomic increment in the store, so servers counting at once lose no count.

#include "core/clock.h"
#include "server/domain/throttlestore.h"

#include <chrono>
#include <string>

namespace fp {

class SignInThrottle
{
  public:
    struct Policy
    {
        int free_failures = 5;               // failures in a row heard without any wait
        int address_free_failures = 20;      // the same from one address (an office's NAT)
        std::chrono::seconds first_delay{1}; // then 1 s, 2 s, 4 s ... per further failure
        std::chrono::seconds max_delay{15 * 60};
        int lock_after = 10; // failures in a row that lock an account name
        std::chrono::seconds lock_for{60 * 60};
        std::size_t max_tracked = 10000; // entries kept per kind (names, addresses)
    };
    /// What a sign-in attempt may do now.
    struct Verdict
    {
        std::chrono::seconds wait{0}; // > 0: refuse without checking the password
        bool locked = false;          // the wait is a lock an admin can lift
    };

    /// `store` holds the failures; it must outlive the throttle.
    SignInThrottle(ThrottleStore &store, const Clock &clock)
        : SignInThrottle(store, clock, Policy{})
    {
    }
    SignInThrottle(ThrottleStore &store, const Clock &clock, Policy policy)
        : m_store(store), m_clock(clock), m_policy(policy)
    {
    }

    /// What an attempt on `account` from `address` may do now.
    [[nodiscard]] Verdict check(const std::string &account, const std::string &address) const;
    /// A wrong password (or an unknown name): one failure more on both keys.
    void failed(const std::string &account, const std::string &address);
    /// A right password: the account's and the address's failures are forgotten.
    void succeeded(const std::string &account, const std::string &address);
    /// An admin lifts the lock and the wait of `account`.
    void unlock(const std::string &account);
    /// Whether wrong passwords locked `account` (on any server of the database).
    [[nodiscard]] bool isLocked(const std::string &account) const;

  private:
    [[nodiscard]] std::chrono::seconds waitAfter(const SignInFailures &f, int freeFailures,
                                                 TimePoint now) const;
    [[nodiscard]] bool lockedAt(const SignInFailures &f, TimePoint now) const;
    [[nodiscard]] FailureRules rulesAt(TimePoint now) const;

    ThrottleStore &m_store;
    const Clock &m_clock;
    Policy m_policy;
};

} // namespace fp
