#pragma once
// One command-line parser for every program: positionals, "--name value" options (some
// repeatable) and flags, checked against what each (sub)command accepts; ranged integers.

#include "core/error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace fp {

/// Wrong use of the command line; programs print it as one line and exit with status 2.
class UsageError : public Error
{
  public:
    using Error::Error;
};

/// How a program's command line reads. Subcommands (fieldproof-server): positionals allowed, a
/// repeated option is a list (value() refuses it), messages say "option --name ...". Options
/// (fieldproof-sync, the benchmarks): no positionals, "--name=value" too, the last of a
/// repeated option wins, an empty value counts as missing, messages say "--name ...".
enum class CliSyntax { Subcommands, Options };

class CliArgs
{
  public:
    /// Parses `args`; `flags` take no value, every other "--name" in `options` takes the next
    /// argument. Throws UsageError for an option not in `options` or `flags`, or one without
    /// its value.
    CliArgs(const std::vector<std::string> &args, const std::set<std::string> &options,
            const std::set<std::string> &flags = {}, CliSyntax syntax = CliSyntax::Subcommands);
    /// argv[first..argc).
    CliArgs(int argc, char **argv, int first, const std::set<std::string> &options,
            const std::set<std::string> &flags = {}, CliSyntax syntax = CliSyntax::Subcommands);

    const std::vector<std::string> &positionals() const { return m_positionals; }
    /// The single positional argument named `what` in messages; UsageError otherwise.
    std::string onePositional(const std::string &what) const;
    void noPositionals() const;

    std::optional<std::string> value(const std::string &name) const;
    std::string require(const std::string &name) const;
    std::string valueOr(const std::string &name, std::string fallback) const;
    std::vector<std::string> values(const std::string &name) const;
    bool flag(const std::string &name) const { return m_flags.contains(name); }
    /// The option as a whole number in [min, max], or `fallback` when absent.
    std::int64_t integer(const std::string &name, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) const;

  private:
    std::string subject(const std::string &name) const;

    CliSyntax m_syntax;
    std::vector<std::string> m_positionals;
    std::map<std::string, std::vector<std::string>> m_options;
    std::set<std::string> m_flags;
};

} // namespace fp
