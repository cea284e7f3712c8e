#pragma once
// Parsing request and response bodies: malformed JSON and absurd nesting are DecodeErrors
// naming "$" (the whole body), so that the server can answer 400 before decoding a field.

#include "core/json.h"

#include <string>
#include <string_view>

namespace fp {

/// `j`'s member `key`, which must be a JSON object (a record's `data`, kept as JSON); a
/// DecodeError naming `path`.`key` otherwise.
const Json &objectMember(const Json &j, const std::string &path, const char *key);
/// A DecodeError naming `path`.`key` unless `j`'s member `key` is an array (a required list).
void requireArrayMember(const Json &j, const std::string &path, const char *key);

/// Parses `text`, rejecting nesting deeper than `maxDepth` (api::kMaxJsonDepth by default).
Json parseWireJson(std::string_view text, int maxDepth = -1);

} // namespace fp
