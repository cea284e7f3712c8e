#pragma once
// The one canonical JSON form that FieldProof hashes and signs (docs/protocol.md, "Canonical
// JSON"). Modelled on RFC 8785 (JCS), with two differences that make it simpler to re-implement:
// object keys are ordered by their UTF-8 bytes (not UTF-16 code units), and integers are printed
// exactly (not through a double). Nothing else is left to choice: no whitespace, one escape form
// per character, one spelling per number.

#include "core/json.h"

#include <string>

namespace fp {

/// The canonical bytes of `value`. Throws DecodeError (naming the JSON path, "$.a[2]") for what
/// has no canonical form: a string or key that is not valid UTF-8, NaN or an infinity, binary.
std::string canonicalJson(const Json &value);

} // namespace fp
