#include "cli/args.h"

#include <charconv>

namespace fp {

CliArgs::CliArgs(const std::vector<std::string> &args, const std::set<std::string> &options,
                 const std::set<std::string> &flags, CliSyntax syntax)
    : m_syntax(syntax)
{
    const bool subcommands = syntax == CliSyntax::Subcommands;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (subcommands && (!a.starts_with("--") || a.size() == 2)) {
            m_positionals.push_back(a);
            continue;
        }
        if (!a.starts_with("--"))
            throw UsageError("unexpected argument '" + a + "'");
        std::string name = a.substr(2);
        std::optional<std::string> inlineValue;
        if (!subcommands) {
            if (const auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name.erase(eq);
            }
        }
        if (flags.contains(name) && !inlineValue) {
            m_flags.insert(name);
            continue;
        }
        if (!options.contains(name))
            throw UsageError("unknown option --" + name);
        auto &list = m_options[name];
        if (!subcommands)
            list.clear(); // the last one wins
        if (inlineValue)
            list.push_back(*inlineValue);
        else if (i + 1 < args.size())
            list.push_back(args[++i]);
        else
            throw UsageError(subject(name) + " needs a value");
    }
}

namespace {

std::vector<std::string> argumentsOf(int argc, char **argv, int first)
{
    std::vector<std::string> out;
    for (int i = first; i < argc; ++i)
        out.emplace_back(argv[i]);
    return out;
}

} // namespace

CliArgs::CliArgs(int argc, char **argv, int first, const std::set<std::string> &options,
                 const std::set<std::string> &flags, CliSyntax syntax)
    : CliArgs(argumentsOf(argc, argv, first), options, flags, syntax)
{
}

std::string CliArgs::subject(const std::string &name) const
{
    return (m_syntax == CliSyntax::Subcommands ? "option --" : "--") + name;
}

std::string CliArgs::onePositional(const std::string &what) const
{
    if (m_positionals.size() != 1)
        throw UsageError("expected exactly one " + what);
    return m_positionals.front();
}

void CliArgs::noPositionals() const
{
    if (!m_positionals.empty())
        throw UsageError("unexpected argument '" + m_positionals.front() + "'");
}

std::optional<std::string> CliArgs::value(const std::string &name) const
{
    const auto it = m_options.find(name);
    if (it == m_options.end())
        return std::nullopt;
    if (it->second.size() > 1)
        throw UsageError("option --" + name + " may be given only once");
    return it->second.front();
}

std::string CliArgs::require(const std::string &name) const
{
    const auto v = value(name);
    if (v && (m_syntax == CliSyntax::Subcommands || !v->empty()))
        return *v;
    throw UsageError(subject(name) + " is required");
}

std::string CliArgs::valueOr(const std::string &name, std::string fallback) const
{
    return value(name).value_or(std::move(fallback));
}

std::vector<std::string> CliArgs::values(const std::string &name) const
{
    const auto it = m_options.find(name);
    return it == m_options.end() ? std::vector<std::string>{} : it->second;
}

std::int64_t CliArgs::integer(const std::string &name, std::int64_t fallback, std::int64_t min,
                              std::int64_t max) const
{
    const auto text = value(name);
    if (!text)
        return fallback;
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (ec != std::errc() || ptr != text->data() + text->size() || v < min || v > max)
        throw UsageError("--" + name + " must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max));
    return v;
}

} // namespace fp
