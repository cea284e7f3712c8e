#pragma once
// Reads the fields of one JSON object with errors that name the field's full path.

#include "core/enums.h"
#include "core/error.h"
#include "core/json.h"

#include <optional>
#include <string>
#include <vector>

namespace fp {

/// A typed view of one JSON object; every accessor throws DecodeError naming `path.key`.
class JsonReader
{
  public:
    JsonReader(const Json &j, std::string path);

    std::string str(const char *key) const;
    std::optional<std::string> optStr(const char *key) const;
    std::string strOr(const char *key, std::string fallback) const;
    double number(const char *key) const;
    std::optional<double> optNumber(const char *key) const;
    std::int64_t integer(const char *key) const;
    std::int64_t integerOr(const char *key, std::int64_t fallback) const;
    bool boolOr(const char *key, bool fallback) const;
    std::vector<std::string> strings(const char *key) const;

    template <typename E> E enumValue(const char *key) const
    {
        const std::string text = str(key);
        if (auto value = enumFromString<E>(text))
            return *value;
        throw DecodeError(field(key),
                          "unknown value '" + text + "' for " + std::string(EnumNames<E>::type));
    }

    /// `fallback` when `key` is absent or null; an unknown value is an error.
    template <typename E> E enumOr(const char *key, E fallback) const
    {
        const Json *v = find(key);
        return !v || v->is_null() ? fallback : enumValue<E>(key);
    }

    template <typename T> T object(const char *key) const
    {
        return decode<T>(require(key), field(key));
    }

    template <typename T> std::optional<T> optObject(const char *key) const
    {
        const Json *v = find(key);
        if (!v || v->is_null())
            return std::nullopt;
        return decode<T>(*v, field(key));
    }

    template <typename T> std::vector<T> objects(const char *key) const
    {
        std::vector<T> out;
        const Json *v = find(key);
        if (!v || v->is_null())
            return out;
        if (!v->is_array())
            throw DecodeError(field(key), "expected an array");
        out.reserve(v->size());
        for (std::size_t i = 0; i < v->size(); ++i)
            out.push_back(decode<T>((*v)[i], field(key) + "[" + std::to_string(i) + "]"));
        return out;
    }

    std::string field(const char *key) const { return m_path + "." + key; }

  private:
    const Json *find(const char *key) const;
    const Json &require(const char *key) const;

    const Json &m_json;
    std::string m_path;
};

} // namespace fp
