#pragma once
// The sign-in throttle's state (issue 18 item 1: no per-process state another server must see):
// failed sign-ins per account name and per client address, kept in the office database so that
// several servers on one database count every guess once and a restart forgets no lock. The
// port is declared here, beside SignInThrottle (signinthrottle.h) which decides with it, and
// implemented by the office stores (storage/sqlitethrottle.cpp, pgstore/pgthrottle.cpp).
//
// The store keeps no policy and no clock: SignInThrottle passes `now` and the few facts of its
// policy a one-statement decision needs (FailureRules). Every method is atomic on its own and
// safe to call from several threads and several processes at once.

#include "core/clock.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace fp {

/// Which door's counter: the account name tried, or the client address it came from.
enum class ThrottleKind { Account, Address };

/// Failed sign-ins in a row on one key.
struct SignInFailures
{
    int count = 0;
    TimePoint last{}; // the last failure (milliseconds kept)
};

/// What the throttle's policy says about stored failures at one moment.
struct FailureRules
{
    int lock_after = 0;           // from this many failures a key is locked ...
    TimePoint lock_over_before{}; // ... until its last failure is at or before this
    TimePoint wait_over_before{}; // a key whose last failure is at or before this makes no wait
    std::size_t max_tracked = 0;  // keys kept per kind
};

class ThrottleStore
{
  public:
    virtual ~ThrottleStore() = default;

    /// At most this many forgettable keys are deleted per failure recorded (bounded work).
    static constexpr int kPruneBatch = 100;

    /// Counts one failure of `key` at `now`, in one statement (two servers counting at once
    /// lose no count), and returns the new count and time. A key whose lock ran out (at least
    /// `lock_after` failures, the last at or before `lock_over_before`) counts from 1 again.
    /// When `max_tracked` keys of `kind` are held and `key` is new, keys neither locked nor
    /// waiting go first (up to kPruneBatch), then the oldest.
    virtual SignInFailures addSignInFailure(ThrottleKind kind, const std::string &key,
                                            TimePoint now, const FailureRules &rules) = 0;
    /// The failures held for `key` (none: never failed, or forgotten).
    virtual std::optional<SignInFailures> signInFailures(ThrottleKind kind,
                                                         const std::string &key) = 0;
    /// Forgets `key`'s failures (a right password, an admin lifting a lock).
    virtual void forgetSignInFailures(ThrottleKind kind, const std::string &key) = 0;
};

/// A time as the throttle table stores it: milliseconds since the Unix epoch.
inline std::int64_t throttleMillis(TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline TimePoint throttleTime(std::int64_t millis)
{
    return TimePoint{} + std::chrono::milliseconds(millis);
}

/// The kind as stored ("account", "address").
inline const char *throttleKindName(ThrottleKind kind)
{
    return kind == ThrottleKind::Account ? "account" : "address";
}

} // namespace fp
