#pragma once
// The text of a pull cursor: "<scope epoch>.<change-log sequence>". Clients treat it as opaque.

#include "officerecords.h"

#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// Nothing for an empty text (a first pull); throws DecodeError (field "cursor") when the text
/// is not a cursor this server made.
std::optional<PullCursor> parsePullCursor(std::string_view text);
std::string formatPullCursor(const PullCursor &cursor);

} // namespace fp
