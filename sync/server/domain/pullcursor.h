#pragma once
// The text of a pull cursor: "<scope epoch>.<change-log sequence>.<entry tag>", e.g.
// "3.1042.5d0e77a1". Clients treat it as opaque.

#include "server/domain/officerecords.h"

#include <optional>
#include <string>
#include <string_view>

namespace fp {

/// Nothing for an empty text (a first pull); throws DecodeError (field "cursor") when the text
/// is not a cursor this server made.
std::optional<PullCursor> parsePullCursor(std::string_view text);
std::string formatPullCursor(const PullCursor &cursor);
/// The tag of a change-log entry: the last 8 characters of its row id ("0" before the first).
std::string pullCursorTag(std::string_view rowId);

} // namespace fp
