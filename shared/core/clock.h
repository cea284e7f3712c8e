#pragma once
// Time as the rest of the code sees it: an injectable clock and the one timestamp format.

#include <chrono>
#include <string>

namespace fp {

using TimePoint = std::chrono::system_clock::time_point;

/// Source of "now"; tests substitute a ManualClock.
class Clock
{
  public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

/// The system's wall clock.
class SystemClock final : public Clock
{
  public:
    TimePoint now() const override { return std::chrono::system_clock::now(); }
    static const SystemClock &instance();
};

/// A clock that only moves when told to.
class ManualClock final : public Clock
{
  public:
    explicit ManualClock(TimePoint start) : m_now(start) {}
    TimePoint now() const override { return m_now; }
    void set(TimePoint t) { m_now = t; }
    void advance(std::chrono::milliseconds d) { m_now += d; }

  private:
    TimePoint m_now;
};

/// "2017-06-01T08:30:00.123Z" (UTC, milliseconds).
std::string formatTimestamp(TimePoint t);
/// "2017-06-01" (UTC).
std::string formatDate(TimePoint t);

} // namespace fp
