#pragma once
// Password guessing, slowed down (issue 16): failed sign-ins in a row earn a growing wait, per
// account name and per client address; many on one account name lock it until an admin lifts
// the lock or the lock runs out. Unknown account names are treated exactly like known ones, so
// the answers tell nobody which accounts exist.
//
// The state lives in this process: a restart forgets it (a deliberate, documented trade-off for
// the single-server SQLite office; several servers on one database would keep it there).

#include "core/clock.h"

#include <chrono>
#include <map>
#include <mutex>
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

    explicit SignInThrottle(const Clock &clock) : SignInThrottle(clock, Policy{}) {}
    SignInThrottle(const Clock &clock, Policy policy) : m_clock(clock), m_policy(policy) {}

    [[nodiscard]] Verdict check(const std::string &account, const std::string &address) const;
    void failed(const std::string &account, const std::string &address);
    /// A right password: the account's and the address's failures are forgotten.
    void succeeded(const std::string &account, const std::string &address);
    /// An admin lifts the lock and the wait of `account`.
    void unlock(const std::string &account);
    [[nodiscard]] bool isLocked(const std::string &account) const;

  private:
    struct Failures
    {
        int count = 0;
        TimePoint last{};
    };
    [[nodiscard]] std::chrono::seconds waitAfter(const Failures &f, int freeFailures,
                                                 TimePoint now) const;
    [[nodiscard]] bool lockedAt(const Failures &f, TimePoint now) const;
    void record(std::map<std::string, Failures> &kind, const std::string &key, TimePoint now);

    const Clock &m_clock;
    Policy m_policy;
    mutable std::mutex m_mutex;
    std::map<std::string, Failures> m_accounts;
    std::map<std::string, Failures> m_addresses;
};

} // namespace fp
