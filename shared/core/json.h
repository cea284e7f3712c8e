#pragma once
// JSON encoding of the domain records (nlohmann/json). Decoding is strict about types and
// enum values and names the offending field: "inspection.checks[2].finding: unknown value 'x'".
// Unknown keys are ignored so that older readers accept newer writers.

#include "core/types.h"

#include <nlohmann/json.hpp>

#include <string>

namespace fp {

using Json = nlohmann::json;

/// Decodes a `T` from `j`; `path` prefixes every error message (defaults to the type's name).
template <typename T> T decode(const Json &j, const std::string &path);
template <typename T> T decode(const Json &j);

/// Parses text as JSON, throwing DecodeError (field "$") on malformed input.
Json parseJson(std::string_view text);

// T names a type in a declaration, where parentheses are not allowed.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define FP_JSON_TYPE(T)                                                                            \
    void to_json(Json &j, const T &v);                                                             \
    void from_json(const Json &j, T &v);                                                           \
    template <> T decode<T>(const Json &j, const std::string &path);                               \
    template <> T decode<T>(const Json &j);
// NOLINTEND(bugprone-macro-parentheses)

FP_JSON_TYPE(Position)
FP_JSON_TYPE(Capacity)
FP_JSON_TYPE(Region)
FP_JSON_TYPE(Enterprise)
FP_JSON_TYPE(Equipment)
FP_JSON_TYPE(Card)
FP_JSON_TYPE(Task)
FP_JSON_TYPE(Review)
FP_JSON_TYPE(Inspection)
FP_JSON_TYPE(UnlistedItem)
FP_JSON_TYPE(EquipmentCheck)
FP_JSON_TYPE(Photo)
FP_JSON_TYPE(Signature)
FP_JSON_TYPE(Opinion)
FP_JSON_TYPE(InspectionBundle)
#undef FP_JSON_TYPE

} // namespace fp
