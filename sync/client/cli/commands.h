#pragma once
// The subcommands of fieldproof-sync; each returns the process's exit code.

#include "cli/args.h"

#include <filesystem>

namespace fp::cli {

/// Exit codes shared by the commands.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;     // an error, printed as one line
inline constexpr int kExitUsage = 2;      // a command-line mistake
inline constexpr int kExitIncomplete = 3; // the run ended but items are still pending

int enrollCommand(int argc, char **argv);
int runCommand(int argc, char **argv);
int statusCommand(int argc, char **argv);
int simulateCommand(int argc, char **argv);

/// Where the photos of a device database live unless --photo-dir says otherwise:
/// "FILE.photos" beside the database file.
std::filesystem::path photoDirFor(const std::filesystem::path &db,
                                  const std::optional<std::string> &photoDir);

} // namespace fp::cli
