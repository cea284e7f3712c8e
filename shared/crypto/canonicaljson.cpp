#include "crypto/canonicaljson.h"

#include "core/error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

namespace fp {

namespace {

/// What has no canonical form; `path` is built up while the stack unwinds ("[2].name"), so
/// that the common case makes no path strings at all.
struct NoForm
{
    std::string path;
    std::string what;
};

/// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629: no overlong forms, no
/// surrogates, nothing above U+10FFFF), or 0 when it is not one.
std::size_t utf8Length(std::string_view s, std::size_t i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80)
        return 1;
    std::size_t n = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF; // the allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; // no overlong three-byte forms
        if (c == 0xED)
            hi = 0x9F; // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90; // no overlong four-byte forms
        if (c == 0xF4)
            hi = 0x8F; // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (i + n > s.size() || byte(i + 1) < lo || byte(i + 1) > hi)
        return 0;
    for (std::size_t k = 2; k < n; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
            return 0;
    }
    return n;
}

void putString(std::string &out, std::string_view s)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.push_back('"');
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            const std::size_t n = utf8Length(s, i);
            if (n == 0)
                throw NoForm{{}, "not valid UTF-8 at byte " + std::to_string(i)};
            out.append(s.substr(i, n));
            i += n;
            continue;
        }
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (c < 0x20) {
                out.append("\\u00");
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0xF]);
            } else {
                out.push_back(static_cast<char>(c));
            }
        }
        ++i;
    }
    out.push_back('"');
}

/// ECMAScript's Number::toString (ECMA-262 §6.1.6.1.20), as RFC 8785 §3.2.2.3 prescribes:
/// the shortest digits that read back as the same double, placed by the exponent.
void putDouble(std::string &out, double v)
{
    if (!std::isfinite(v))
        throw NoForm{{}, "NaN and infinities have no JSON form"};
    if (v == 0) {
        out.push_back('0'); // also -0
        return;
    }
    if (v < 0) {
        out.push_back('-');
        v = -v;
    }
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    const std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf)); // "d.ddde+XX"
    const std::size_t e = sci.find('e');
    std::string digits;
    for (const char c : sci.substr(0, e)) {
        if (c != '.')
            digits.push_back(c);
    }
    int exponent = 0;
    const std::string_view exp = sci.substr(e + 1);
    std::from_chars(exp.data() + (exp.front() == '+' ? 1 : 0), exp.data() + exp.size(), exponent);
    const int k = static_cast<int>(digits.size());
    const int n = exponent + 1; // the value is 0.digits × 10^n
    if (k <= n && n <= 21) {
        out.append(digits).append(static_cast<std::size_t>(n - k), '0');
    } else if (0 < n && n <= 21) {
        out.append(digits, 0, static_cast<std::size_t>(n))
            .append(".")
            .append(digits, static_cast<std::size_t>(n));
    } else if (-6 < n && n <= 0) {
        out.append("0.").append(static_cast<std::size_t>(-n), '0').append(digits);
    } else {
        out.push_back(digits.front());
        if (k > 1)
            out.append(".").append(digits, 1);
        out.append(n - 1 < 0 ? "e-" : "e+").append(std::to_string(std::abs(n - 1)));
    }
}

void put(std::string &out, const Json &v)
{
    switch (v.type()) {
    case Json::value_t::null:
        out.append("null");
        return;
    case Json::value_t::boolean:
        out.append(v.get<bool>() ? "true" : "false");
        return;
    case Json::value_t::number_integer:
        out.append(std::to_string(v.get<std::int64_t>()));
        return;
    case Json::value_t::number_unsigned:
        out.append(std::to_string(v.get<std::uint64_t>()));
        return;
    case Json::value_t::number_float:
        putDouble(out, v.get<double>());
        return;
    case Json::value_t::string:
        putString(out, v.get_ref<const std::string &>());
        return;
    case Json::value_t::array: {
        out.push_back('[');
        std::size_t i = 0;
        for (const Json &item : v) {
            if (i != 0)
                out.push_back(',');
            try {
                put(out, item);
            } catch (NoForm &e) {
                e.path.insert(0, std::string("[").append(std::to_string(i)).append("]"));
                throw;
            }
            ++i;
        }
        out.push_back(']');
        return;
    }
    case Json::value_t::object: {
        // Ordered by the keys' UTF-8 bytes, compared as unsigned (memcmp), shorter first on a tie.
        std::vector<const std::pair<const std::string, Json> *> members;
        members.reserve(v.size());
        for (const auto &member : v.get_ref<const Json::object_t &>())
            members.push_back(&member);
        std::sort(members.begin(), members.end(), [](const auto *a, const auto *b) {
            const std::string &x = a->first;
            const std::string &y = b->first;
            const int c = std::memcmp(x.data(), y.data(), std::min(x.size(), y.size()));
            return c != 0 ? c < 0 : x.size() < y.size();
        });
        out.push_back('{');
        bool first = true;
        for (const auto *member : members) {
            if (!first)
                out.push_back(',');
            first = false;
            try {
                putString(out, member->first);
                out.push_back(':');
                put(out, member->second);
            } catch (NoForm &e) {
                e.path.insert(0, std::string(".").append(member->first));
                throw;
            }
        }
        out.push_back('}');
        return;
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
        break;
    }
    throw NoForm{{}, "has no JSON form"};
}

} // namespace

std::string canonicalJson(const Json &value)
{
    std::string out;
    try {
        put(out, value);
    } catch (const NoForm &e) {
        throw DecodeError(std::string("$").append(e.path), e.what);
    }
    return out;
}

} // namespace fp
