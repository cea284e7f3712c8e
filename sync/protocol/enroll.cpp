#include "protocol/enroll.h"

#include "core/jsonreader.h"

namespace fp {

void to_json(Json &j, const EnrollRequest &v)
{
    j = Json{{"username", v.username}, {"password", v.password}, {"device_name", v.device_name}};
    if (v.public_key)
        j["public_key"] = *v.public_key;
}

void to_json(Json &j, const EnrollResponse &v)
{
    j = Json{{"device_id", v.device_id},
             {"token", v.token},
             {"username", v.username},
             {"role", std::string(enumName(v.role))}};
    if (!v.office_public_key.empty())
        j["office_public_key"] = v.office_public_key;
}

template <> EnrollRequest decode<EnrollRequest>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return EnrollRequest{r.str("username"), r.str("password"), r.str("device_name"),
                         r.optStr("public_key")};
}

template <> EnrollResponse decode<EnrollResponse>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return EnrollResponse{r.str("device_id"), r.str("token"), r.str("username"),
                          r.enumValue<Role>("role"), r.strOr("office_public_key", "")};
}

} // namespace fp
