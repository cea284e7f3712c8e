#pragma once
// One click is one action (issue 16): a change the page sends with an `Idempotency-Key` header
// runs once; the same key again gets the first answer replayed, not a second card or task.
// Keys are the caller's own (per user), kept a day, and bounded in number. The cache lives in
// this process (a restart forgets it): the page's retries happen within seconds.

#include "core/clock.h"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace fp {

class IdempotencyCache
{
  public:
    struct Answer
    {
        int status = 0;
        std::string body;
        std::string content_type;
    };
    enum class Begin { Run, Replay, Running, Mismatch };

    explicit IdempotencyCache(const Clock &clock, std::size_t capacity = 10000)
        : m_clock(clock), m_capacity(capacity)
    {
    }

    /// Claims `key` of `user` for a request identified by `fingerprint` (method, path and body
    /// hash). Run: go ahead, then finish() or abandon(). Replay: `answer` holds the first
    /// answer. Running: the first is still running. Mismatch: the key named another request.
    Begin begin(const std::string &user, const std::string &key, const std::string &fingerprint,
                Answer &answer);
    void finish(const std::string &user, const std::string &key, Answer answer);
    /// The request failed: the key is free for a retry.
    void abandon(const std::string &user, const std::string &key);

  private:
    struct Entry
    {
        std::string fingerprint;
        std::optional<Answer> answer; // empty while running
        TimePoint at{};
    };
    const Clock &m_clock;
    std::size_t m_capacity;
    std::mutex m_mutex;
    std::map<std::string, Entry> m_entries;
};

} // namespace fp
