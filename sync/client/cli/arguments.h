#pragma once
// The command line of fieldproof-sync: a subcommand, then `--name value` options and flags.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

namespace fp::cli {

/// A mistake on the command line; main() prints it with the usage and exits 2.
class UsageError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/// Options of one subcommand, checked against what it accepts.
class Arguments
{
  public:
    /// Parses argv[first..]; `withValue` and `flags` name the accepted options (no dashes).
    Arguments(int argc, char **argv, int first, const std::set<std::string> &withValue,
              const std::set<std::string> &flags);

    std::string required(const std::string &name) const;
    std::optional<std::string> optional(const std::string &name) const;
    std::int64_t integer(const std::string &name, std::int64_t fallback, std::int64_t min,
                         std::int64_t max) const;
    bool flag(const std::string &name) const { return m_flags.contains(name); }

  private:
    std::map<std::string, std::string> m_values;
    std::set<std::string> m_flags;
};

} // namespace fp::cli
