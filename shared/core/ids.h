#pragma once
// Record ids: UUIDv7 (RFC 9562) — time-ordered, so ids made on one device sort by birth.

#include "core/clock.h"

#include <string>
#include <string_view>

namespace fp {

/// A new UUIDv7 string ("0190b3a0-...-7xxx-...") stamped with `clock`'s time.
std::string newId(const Clock &clock = SystemClock::instance());

/// True for a canonical lowercase UUID string of version 7.
bool isUuidV7(std::string_view text);

} // namespace fp
