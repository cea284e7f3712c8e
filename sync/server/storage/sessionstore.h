#pragma once
// What the office page's requests share across server processes (issue 18 item 1: no
// per-process state another server must see): the signed-in sessions and the idempotency keys
// of page changes. Several servers behind a proxy without sticky sessions read and write the
// same rows, so a session begun on one is found on another, a sign-out on one ends it
// everywhere, and a key claimed on one is Running or Replay on the others.
//
// The store keeps no clock: callers pass `now` (webapi's WebSessions and IdempotencyCache hold
// the injected clock) and the rules of expiry are theirs, applied in one statement each.
// Times are milliseconds since the Unix epoch. Every method is one transaction and safe to
// call from several threads.

#include "core/clock.h"
#include "core/enums.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace fp {

/// One signed-in session as stored: the server keeps only the SHA-256 of its cookie id.
struct StoredSession
{
    std::string username{};
    Role role = Role::Office;
    std::string csrf_token{};
    TimePoint expires{};
};

/// The first answer to a page change sent with an Idempotency-Key.
struct StoredAnswer
{
    int status = 0;
    std::string body{};
    std::string content_type{};
};

class SessionStore
{
  public:
    virtual ~SessionStore() = default;

    /// What a session lookup saw, so that an expired session can be told from an unknown one.
    enum class Lookup { Found, Unknown, Expired };
    /// What claiming an idempotency key gave: Run (go ahead, then finish or abandon), Replay
    /// (`answer` holds the first answer), Running (another request, maybe on another server,
    /// holds it), Mismatch (the key named another request).
    enum class Claim { Run, Replay, Running, Mismatch };

    /// At most this many expired rows are deleted per call that purges (bounded work).
    static constexpr int kPurgeBatch = 100;

    /// Stores a new session under `idHash` (the SHA-256 of its cookie id). First deletes up to
    /// kPurgeBatch sessions expired at `now`, then, when `maxSessions` are still held, the
    /// ones closest to expiry, so that a flood of sign-ins cannot grow the table without end.
    virtual void addSession(const std::string &idHash, const StoredSession &session, TimePoint now,
                            std::size_t maxSessions) = 0;
    /// The session under `idHash`: Found (`out` holds it), Expired at `now` (and deleted) or
    /// Unknown. A found session's expiry is moved to `extendTo` when it is before
    /// `extendIfBefore`, else left as it is (so that a busy page does not write on every
    /// request); `out.expires` is the expiry held afterwards.
    virtual Lookup touchSession(const std::string &idHash, TimePoint now, TimePoint extendTo,
                                TimePoint extendIfBefore, StoredSession &out) = 0;
    /// Ends one session (sign-out); unknown ids are not an error.
    virtual void removeSession(const std::string &idHash) = 0;
    /// Ends every session of `username` (after a password reset); returns how many.
    virtual std::size_t removeUserSessions(const std::string &username) = 0;

    /// Claims `key` of `user` for the request `fingerprint` at `now`. A key claimed at or
    /// before `forgetBefore` is free again (the page's retries come within seconds; keys are
    /// kept a day); so is one still running that was claimed at or before `deadBefore` (its
    /// server died mid-request). Deletes up to kPurgeBatch forgotten keys.
    virtual Claim claimIdempotencyKey(const std::string &user, const std::string &key,
                                      const std::string &fingerprint, TimePoint now,
                                      TimePoint forgetBefore, TimePoint deadBefore,
                                      StoredAnswer &answer) = 0;
    /// Records the answer of a claimed key; later claims replay it.
    virtual void finishIdempotencyKey(const std::string &user, const std::string &key,
                                      const StoredAnswer &answer) = 0;
    /// The request failed or was refused: the key is free for a retry.
    virtual void abandonIdempotencyKey(const std::string &user, const std::string &key) = 0;
};

/// A time as the session tables store it: milliseconds since the Unix epoch.
inline std::int64_t sessionMillis(TimePoint t)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

inline TimePoint sessionTime(std::int64_t millis)
{
    return TimePoint{} + std::chrono::milliseconds(millis);
}

} // namespace fp
