#include "arguments.h"

#include <charconv>

namespace fp::cli {

Arguments::Arguments(int argc, char **argv, int first, const std::set<std::string> &withValue,
                     const std::set<std::string> &flags)
{
    for (int i = first; i < argc; ++i) {
        const std::string arg = argv[i];
        if (!arg.starts_with("--"))
            throw UsageError("unexpected argument '" + arg + "'");
        std::string name = arg.substr(2);
        std::optional<std::string> inlineValue;
        if (const auto eq = name.find('='); eq != std::string::npos) {
            inlineValue = name.substr(eq + 1);
            name.erase(eq);
        }
        if (flags.contains(name) && !inlineValue) {
            m_flags.insert(name);
        } else if (withValue.contains(name)) {
            if (inlineValue)
                m_values[name] = *inlineValue;
            else if (i + 1 < argc)
                m_values[name] = argv[++i];
            else
                throw UsageError("--" + name + " needs a value");
        } else {
            throw UsageError("unknown option --" + name);
        }
    }
}

std::string Arguments::required(const std::string &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        throw UsageError("--" + name + " is required");
    return it->second;
}

std::optional<std::string> Arguments::optional(const std::string &name) const
{
    const auto it = m_values.find(name);
    if (it == m_values.end())
        return std::nullopt;
    return it->second;
}

std::int64_t Arguments::integer(const std::string &name, std::int64_t fallback, std::int64_t min,
                                std::int64_t max) const
{
    const auto text = optional(name);
    if (!text)
        return fallback;
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size() || value < min || value > max)
        throw UsageError("--" + name + " must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max));
    return value;
}

} // namespace fp::cli
