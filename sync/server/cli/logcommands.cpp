// fieldproof-server log verify: the office log re-checked against the database.

#include "cli/args.h"
#include "server/cli/clicommands.h"

#include <ostream>

namespace fp {

int logCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    if (all.empty() || all.front() != "verify")
        throw UsageError(all.empty() ? "log needs a subcommand (verify); run with --help"
                                     : "unknown subcommand 'log " + all.front() + "'");
    const CliArgs args(std::vector<std::string>(all.begin() + 1, all.end()), {"data", "database"});
    args.noPositionals();
    auto data = openData(args);
    const LogVerifyReport report = data.store->verifyLog();
    if (report.problem) {
        ctx.err << "fieldproof-server: log verify: " << *report.problem << '\n';
        return 1;
    }
    ctx.out << "the office log holds " << report.leaves << " leaves, each matching its record; "
            << report.heads << " signed tree heads verify under office key "
            << data.store->officePublicKey() << '\n';
    return 0;
}

} // namespace fp
