#pragma once
// Running one write transaction again when it raced another server's (pgofficestore.h).

#include "server/domain/storeruleerror.h"
#include "server/pgstore/pgconnection.h"

#include <string>

namespace fp {

/// Another server wrote a row this transaction also writes, between this transaction's look
/// and its write: it is rolled back and run again on what that server committed.
struct PgConcurrentWrite
{
};

/// PostgreSQL's verdicts on a transaction that raced another one: deadlock, serialization
/// failure, a duplicate key that the look-up before it did not see.
inline bool pgIsRace(const PgError &e)
{
    return e.sqlstate() == "40P01" || e.sqlstate() == "40001" || e.isUniqueViolation();
}

inline constexpr int kPgWriteAttempts = 5;

/// Runs `attempt` (one whole transaction) until it does not race, at most kPgWriteAttempts
/// times; then the last race is the caller's error. `what` names the change for that error.
template <typename F> auto pgRetrying(const std::string &what, F &&attempt) -> decltype(attempt())
{
    for (int n = 1;; ++n) {
        try {
            return attempt();
        } catch (const PgConcurrentWrite &) {
            if (n == kPgWriteAttempts)
                throw StoreRuleError(what + " met other servers' writes of the same rows " +
                                     std::to_string(kPgWriteAttempts) + " times; try again");
        } catch (const PgError &e) {
            if (!pgIsRace(e) || n == kPgWriteAttempts)
                throw;
        }
    }
}

} // namespace fp
