// fieldproof-sync: headless sync of a tablet's device database (for scripts, tests and
// benchmarks), the same library the tablet app runs on its sync worker thread.

#include "commands.h"

#include <cstdio>
#include <exception>
#include <string>

namespace {

constexpr const char *kUsage =
    "usage:\n"
    "  fieldproof-sync enroll --db FILE --server URL --username U [--ca FILE] [--device-name N]\n"
    "                         (the password is read from stdin)\n"
    "  fieldproof-sync run --db FILE [--retry-rejected] [--records-only] [--quiet]\n"
    "  fieldproof-sync status --db FILE\n"
    "  fieldproof-sync simulate --db FILE --inspections N --photos M [--photo-bytes B] [--seed S]\n"
    "                           [--no-signatures] [--fast]   (every 10th visit is an acceptance\n"
    "                           visit with two PNG signatures unless --no-signatures)\n"
    "every command also takes --photo-dir DIR (default: FILE.photos beside the database)\n";

} // namespace

int main(int argc, char **argv)
{
    using namespace fp::cli;
    using fp::UsageError;
    const std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "enroll")
            return enrollCommand(argc, argv);
        if (command == "run")
            return runCommand(argc, argv);
        if (command == "status")
            return statusCommand(argc, argv);
        if (command == "simulate")
            return simulateCommand(argc, argv);
        if (command == "--help" || command == "-h" || command == "help") {
            std::fputs(kUsage, stdout);
            return kExitOk;
        }
        throw UsageError(command.empty() ? "a command is required"
                                         : "unknown command '" + command + "'");
    } catch (const UsageError &e) {
        std::fprintf(stderr, "fieldproof-sync: %s\n%s", e.what(), kUsage);
        return kExitUsage;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "fieldproof-sync %s: %s\n", command.c_str(), e.what());
        return kExitFailed;
    }
}
