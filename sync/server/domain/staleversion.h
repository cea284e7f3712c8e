#pragma once
// A change made against a version of a record that another clerk has replaced since.

#include "core/error.h"

#include <cstdint>
#include <string>

namespace fp {

/// The newest entry of a record's history: who changed it, when, and how.
struct LastChange
{
    std::string at;     // office time
    std::string by;     // username ("" when the history does not say)
    std::string action; // accepted, returned, issued, extended, rectified, ...
};

/// Thrown by a store when the caller's expected version (the number of history entries it saw)
/// is not the record's current one; nothing was changed.
class StaleVersionError : public Error
{
  public:
    StaleVersionError(std::int64_t expected, std::int64_t current, LastChange last)
        : Error("the record was changed since version " + std::to_string(expected) +
                ": it is at version " + std::to_string(current)),
          m_expected(expected), m_current(current), m_last(std::move(last))
    {
    }
    std::int64_t expected() const { return m_expected; }
    std::int64_t current() const { return m_current; }
    const LastChange &last() const { return m_last; }

  private:
    std::int64_t m_expected;
    std::int64_t m_current;
    LastChange m_last;
};

} // namespace fp
