#pragma once
// The body of every 4xx/5xx answer: {"error": code, "message": sentence}.

#include "core/json.h"

#include <string>

namespace fp {

/// `error` is a stable machine-readable code (docs/protocol.md lists them); `message` is an
/// English sentence that names the problem (for JSON input: the offending field's path).
struct ErrorBody
{
    std::string error;
    std::string message;
    bool operator==(const ErrorBody &) const = default;
};

void to_json(Json &j, const ErrorBody &v);
template <> ErrorBody decode<ErrorBody>(const Json &j, const std::string &path);

} // namespace fp
