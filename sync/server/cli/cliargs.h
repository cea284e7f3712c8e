#pragma once
// Command-line arguments of fieldproof-server: positionals and "--name value" options (some
// repeatable), checked against what each subcommand accepts.

#include "core/error.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fp {

/// Wrong use of the command line; the CLI prints it as one line and exits with status 2.
class UsageError : public Error
{
  public:
    using Error::Error;
};

class CliArgs
{
  public:
    /// Parses `args`; `flags` take no value, every other "--name" takes the next argument.
    /// Throws UsageError for an option not in `options` or `flags`, or one without its value.
    CliArgs(const std::vector<std::string> &args, const std::set<std::string> &options,
            const std::set<std::string> &flags = {});

    const std::vector<std::string> &positionals() const { return m_positionals; }
    /// The single positional argument named `what` in messages; UsageError otherwise.
    std::string onePositional(const std::string &what) const;
    void noPositionals() const;

    std::optional<std::string> value(const std::string &name) const;
    std::string require(const std::string &name) const;
    std::string valueOr(const std::string &name, std::string fallback) const;
    std::vector<std::string> values(const std::string &name) const;
    bool flag(const std::string &name) const { return m_flags.contains(name); }

  private:
    std::vector<std::string> m_positionals;
    std::map<std::string, std::vector<std::string>> m_options;
    std::set<std::string> m_flags;
};

} // namespace fp
