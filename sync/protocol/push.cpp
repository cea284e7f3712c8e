#include "protocol/push.h"

#include "core/jsonreader.h"

namespace fp {

namespace {

template <typename T> void putOptional(Json &j, const char *key, const std::optional<T> &value)
{
    if (value)
        j[key] = *value;
}

} // namespace

void to_json(Json &j, const PushItem &v)
{
    j = Json{{"type", v.type},
             {"id", v.id},
             {"version", v.version},
             {"data", v.data},
             {"device_time", v.device_time}};
    putOptional(j, "statement", v.statement);
    putOptional(j, "signature", v.signature);
    putOptional(j, "prev_hash", v.prev_hash);
}

void to_json(Json &j, const PushRequest &v)
{
    j = Json{{"device_id", v.device_id}, {"batch_id", v.batch_id}, {"items", v.items}};
}

void to_json(Json &j, const PushResult &v)
{
    j = Json{{"type", v.type},
             {"id", v.id},
             {"version", v.version},
             {"status", std::string(enumName(v.status))}};
    putOptional(j, "reason", v.reason);
    putOptional(j, "code", v.code);
}

void to_json(Json &j, const PushResponse &v)
{
    j = Json{{"results", v.results}};
}

template <> PushItem decode<PushItem>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    PushItem item;
    item.type = r.str("type");
    item.id = r.str("id");
    item.version = r.integer("version");
    if (item.version < 1)
        throw DecodeError(r.field("version"), "must be 1 or more");
    const auto it = j.find("data");
    if (it == j.end() || !it->is_object())
        throw DecodeError(r.field("data"), "expected an object");
    item.data = *it;
    item.device_time = r.str("device_time");
    if (const auto st = j.find("statement"); st != j.end() && !st->is_null()) {
        if (!st->is_object())
            throw DecodeError(r.field("statement"), "expected an object");
        item.statement = *st;
    }
    item.signature = r.optStr("signature");
    item.prev_hash = r.optStr("prev_hash");
    return item;
}

template <> PushRequest decode<PushRequest>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    PushRequest req;
    req.device_id = r.str("device_id");
    req.batch_id = r.str("batch_id");
    const auto it = j.find("items");
    if (it == j.end() || !it->is_array())
        throw DecodeError(r.field("items"), "expected an array");
    req.items = r.objects<PushItem>("items");
    return req;
}

template <> PushResult decode<PushResult>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    PushResult res;
    res.type = r.str("type");
    res.id = r.str("id");
    res.version = r.integer("version");
    res.status = r.enumValue<PushStatus>("status");
    res.reason = r.optStr("reason");
    res.code = r.optStr("code");
    return res;
}

template <> PushResponse decode<PushResponse>(const Json &j, const std::string &path)
{
    JsonReader r(j, path);
    return PushResponse{r.objects<PushResult>("results")};
}

} // namespace fp
