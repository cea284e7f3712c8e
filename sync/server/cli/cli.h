#pragma once
// fieldproof-server's command line: serve, user, device, import-plan, export, task, card,
// demo (see docs/operations.md). main() only builds a CliContext and calls runCli.

#include "core/clock.h"

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace fp {

struct CliContext
{
    std::istream &in;
    std::ostream &out;
    std::ostream &err;
    const Clock &clock;
    std::filesystem::path sample_plan; // `demo` without --plan: this sheet, or if empty the one
                                       // found beside the binary or in ../share/fieldproof
};

/// Runs one command (`args` excludes the program name); returns the process exit status:
/// 0 success, 1 failure, 2 wrong use. Failures print one line on ctx.err.
int runCli(const std::vector<std::string> &args, CliContext &ctx);

} // namespace fp
