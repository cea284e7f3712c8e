// fieldproof-server backup, backup verify and restore (docs/operations.md, "Backup and
// restore"): backupset.h does the copying; a restore ends by giving the database a new epoch.

#include "cli/args.h"
#include "server/cli/backupset.h"
#include "server/cli/clicommands.h"

#include <ostream>

namespace fp {

namespace {

int verifyCommand(const std::vector<std::string> &rest, CliContext &ctx)
{
    const CliArgs args(rest, {"from"});
    args.noPositionals();
    const std::string from = args.require("from");
    if (const auto problem = verifyBackup(from)) {
        ctx.err << "fieldproof-server: backup verify: " << *problem << '\n';
        return 1;
    }
    ctx.out << "the backup in " << from << " verifies: every file matches its manifest entry\n";
    return 0;
}

} // namespace

int backupCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    if (!all.empty() && all.front() == "verify")
        return verifyCommand(std::vector<std::string>(all.begin() + 1, all.end()), ctx);
    const CliArgs args(all, {"data", "to"});
    args.noPositionals();
    const DataDir data{args.valueOr("data", "fieldproof-data")};
    const std::string to = args.require("to");
    const BackupCounts counts = backupDataDir(data, to, formatTimestamp(ctx.clock.now()));
    ctx.out << "backed up " << data.root.string() << " into " << to << ": the database, "
            << counts.blobs << " blobs, " << counts.files << " files, " << counts.bytes
            << " bytes; check it with: fieldproof-server backup verify --from " << to << '\n';
    return 0;
}

int restoreCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const CliArgs args(all, {"from", "data"}, {"force"});
    args.noPositionals();
    const std::string from = args.require("from");
    const BackupCounts counts =
        restoreDataDir(from, DataDir{args.require("data")}, args.flag("force"));
    auto data = openData(args); // brings the schema up to date, signs a head if behind
    const std::string epoch = data.store->startNewEpoch();
    ctx.out << "restored " << from << " into " << data.dir.root.string() << ": the database, "
            << counts.blobs << " blobs, " << counts.files << " files; new epoch " << epoch
            << ": tablets offer again what this backup is missing when they next sync\n";
    return 0;
}

} // namespace fp
