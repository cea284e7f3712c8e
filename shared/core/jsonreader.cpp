#include "core/jsonreader.h"

#include <cmath>

namespace fp {

namespace {
std::string typeName(const Json &v)
{
    return v.type_name();
}
} // namespace

JsonReader::JsonReader(const Json &j, std::string path) : m_json(j), m_path(std::move(path))
{
    if (!m_json.is_object())
        throw DecodeError(m_path, "expected an object, got " + typeName(m_json));
}

const Json *JsonReader::find(const char *key) const
{
    auto it = m_json.find(key);
    return it == m_json.end() ? nullptr : &*it;
}

const Json &JsonReader::require(const char *key) const
{
    const Json *v = find(key);
    if (!v || v->is_null())
        throw DecodeError(field(key), "is required");
    return *v;
}

std::string JsonReader::str(const char *key) const
{
    const Json &v = require(key);
    if (!v.is_string())
        throw DecodeError(field(key), "expected a string, got " + typeName(v));
    return v.get<std::string>();
}

std::optional<std::string> JsonReader::optStr(const char *key) const
{
    const Json *v = find(key);
    if (!v || v->is_null())
        return std::nullopt;
    if (!v->is_string())
        throw DecodeError(field(key), "expected a string, got " + typeName(*v));
    return v->get<std::string>();
}

std::string JsonReader::strOr(const char *key, std::string fallback) const
{
    return optStr(key).value_or(std::move(fallback));
}

double JsonReader::number(const char *key) const
{
    const Json &v = require(key);
    if (!v.is_number())
        throw DecodeError(field(key), "expected a number, got " + typeName(v));
    const double d = v.get<double>();
    if (!std::isfinite(d))
        throw DecodeError(field(key), "expected a finite number");
    return d;
}

std::optional<double> JsonReader::optNumber(const char *key) const
{
    const Json *v = find(key);
    if (!v || v->is_null())
        return std::nullopt;
    return number(key);
}

std::int64_t JsonReader::integer(const char *key) const
{
    const Json &v = require(key);
    if (!v.is_number_integer())
        throw DecodeError(field(key), "expected an integer, got " + typeName(v));
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX))
        throw DecodeError(field(key), "integer out of range");
    return v.get<std::int64_t>();
}

std::int64_t JsonReader::integerOr(const char *key, std::int64_t fallback) const
{
    const Json *v = find(key);
    if (!v || v->is_null())
        return fallback;
    return integer(key);
}

bool JsonReader::boolOr(const char *key, bool fallback) const
{
    const Json *v = find(key);
    if (!v || v->is_null())
        return fallback;
    if (!v->is_boolean())
        throw DecodeError(field(key), "expected true or false, got " + typeName(*v));
    return v->get<bool>();
}

std::vector<std::string> JsonReader::strings(const char *key) const
{
    std::vector<std::string> out;
    const Json *v = find(key);
    if (!v || v->is_null())
        return out;
    if (!v->is_array())
        throw DecodeError(field(key), "expected an array of strings, got " + typeName(*v));
    for (std::size_t i = 0; i < v->size(); ++i) {
        const Json &e = (*v)[i];
        if (!e.is_string())
            throw DecodeError(field(key) + "[" + std::to_string(i) + "]",
                              "expected a string, got " + typeName(e));
        out.push_back(e.get<std::string>());
    }
    return out;
}

} // namespace fp
