#pragma once
// One click is one action (issue 16): a change the page sends with an `Idempotency-Key` header
// runs once; the same key again gets the first answer replayed, not a second card or task.
// Keys are the caller's own (per user) and kept a day. They live in the office database
// (storage/sessionstore.h), so that a key claimed on one server is Running or Replay on the
// others behind the same proxy; a claim whose request has run for kDeadAfter (its server died
// mid-request) is free again.

#include "core/clock.h"
#include "server/storage/sessionstore.h"

#include <chrono>
#include <string>

namespace fp {

class IdempotencyCache
{
  public:
    using Answer = StoredAnswer;
    using Begin = SessionStore::Claim;

    static constexpr std::chrono::hours kKeepFor{24};
    static constexpr std::chrono::minutes kDeadAfter{10};

    IdempotencyCache(SessionStore &store, const Clock &clock) : m_store(store), m_clock(clock) {}

    /// Claims `key` of `user` for a request identified by `fingerprint` (method, path and body
    /// hash). Run: go ahead, then finish() or abandon(). Replay: `answer` holds the first
    /// answer. Running: the first is still running. Mismatch: the key named another request.
    Begin begin(const std::string &user, const std::string &key, const std::string &fingerprint,
                Answer &answer);
    void finish(const std::string &user, const std::string &key, const Answer &answer);
    /// The request failed: the key is free for a retry.
    void abandon(const std::string &user, const std::string &key);

  private:
    SessionStore &m_store;
    const Clock &m_clock;
};

} // namespace fp
