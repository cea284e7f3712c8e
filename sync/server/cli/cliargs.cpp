#include "server/cli/cliargs.h"

namespace fp {

CliArgs::CliArgs(const std::vector<std::string> &args, const std::set<std::string> &options,
                 const std::set<std::string> &flags)
{
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (!a.starts_with("--") || a.size() == 2) {
            m_positionals.push_back(a);
            continue;
        }
        const std::string name = a.substr(2);
        if (flags.contains(name)) {
            m_flags.insert(name);
            continue;
        }
        if (!options.contains(name))
            throw UsageError("unknown option " + a);
        if (i + 1 >= args.size())
            throw UsageError("option " + a + " needs a value");
        m_options[name].push_back(args[++i]);
    }
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
    if (auto v = value(name))
        return *v;
    throw UsageError("option --" + name + " is required");
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

} // namespace fp
