// fieldproof-server backup, backup verify and restore (docs/operations.md, "Backup and
// restore"): backupset.h does the copying; a restore ends by giving the database a new epoch.

#include "cli/args.h"
#include "server/cli/backupset.h"
#include "server/cli/clicommands.h"
#include "server/storage/officeepoch.h"
#include "server/storage/sqliteofficestore.h"

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
    const CliArgs args(all, {"data", "database", "to"});
    args.noPositionals();
    requireSqliteStore(args, "backup");
    const DataDir data{args.valueOr("data", "fieldproof-data")};
    const std::string to = args.require("to");
    const std::string takenAt = formatTimestamp(ctx.clock.now());
    const BackupCounts counts = backupDataDir(data, to, takenAt);
    ctx.out << "backed up " << data.root.string() << " into " << to << ": the database, "
            << counts.blobs << " blobs, " << counts.files << " files, " << counts.bytes
            << " bytes\n";
    // Read back against its manifest; only a backup that verifies tells the tablets that they
    // may free the files it holds (the pull's `backup`, docs/protocol.md §3).
    if (const auto problem = verifyBackup(to)) {
        ctx.err << "fieldproof-server: backup: the copy in " << to
                << " does not verify, the tablets keep their files: " << *problem << '\n';
        return 1;
    }
    const VerifiedBackup reach = readBackupReach(std::filesystem::path(to) / "office.db", takenAt);
    auto live = openData(args);
    if (reach.epoch != live.sqlite->epoch()) {
        ctx.err << "fieldproof-server: backup: the office was restored while the backup ran (epoch "
                << reach.epoch << ", now " << live.sqlite->epoch() << "); back it up again\n";
        return 1;
    }
    live.sqlite->recordVerifiedBackup(reach);
    ctx.out << "verified: every file matches its manifest; the tablets of "
            << reach.through_seq.size()
            << " devices may free the files it holds after their next sync\n";
    return 0;
}

int restoreCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const CliArgs args(all, {"from", "data", "database"}, {"force"});
    args.noPositionals();
    requireSqliteStore(args, "restore");
    const std::string from = args.require("from");
    const BackupCounts counts =
        restoreDataDir(from, DataDir{args.require("data")}, args.flag("force"));
    auto data = openData(args); // brings the schema up to date, signs a head if behind
    const std::string epoch = data.sqlite->startNewEpoch();
    ctx.out << "restored " << from << " into " << data.dir.root.string() << ": the database, "
            << counts.blobs << " blobs, " << counts.files << " files; new epoch " << epoch
            << ": tablets offer again what this backup is missing when they next sync\n";
    return 0;
}

} // namespace fp
