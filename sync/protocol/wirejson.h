#pragma once
// Parsing request and response bodies: malformed JSON and absurd nesting are DecodeErrors
// naming "$" (the whole body), so that the server can answer 400 before decoding a field.

#include "core/json.h"

#include <string_view>

namespace fp {

/// Parses `text`, rejecting nesting deeper than `maxDepth` (api::kMaxJsonDepth by default).
Json parseWireJson(std::string_view text, int maxDepth = -1);

} // namespace fp
