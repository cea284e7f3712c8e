#include "protocol/errorbody.h"

#include "core/jsonreader.h"

namespace fp {

void to_json(Json &j, const ErrorBody &v)
{
    j = Json{{"error", v.error}, {"message", v.message}};
}

template <> ErrorBody decode<ErrorBody>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return ErrorBody{r.str("error"), r.str("message")};
}

} // namespace fp
