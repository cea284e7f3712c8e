#pragma once
// The office's epoch (issue 17): a random id that names one life of the office database. A new
// office gets one when its database is created, a restore from a backup gets a new one; the
// pull answer carries it, and a device that sees it change offers again what the office had
// acknowledged (docs/protocol.md §3; docs/operations.md, "Backup and restore"). Beside it, the
// SQLite-level steps of a backup: the online snapshot of the database, and what a verified
// backup holds of each device's statement chain, which the pull tells the device so that it
// may free files a backup holds (the pull's `backup`).

#include "db/database.h"
#include "protocol/pullpage.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace fp {

/// 32 lowercase hex digits from the operating system's random source.
std::string newEpochId();

/// The database's epoch (schema version 6 and later). Throws StoreError when it has none.
std::string readEpoch(Database &db);

/// Gives the database a new epoch; inside the caller's transaction. Returns it.
std::string renewEpoch(Database &db);

/// Copies the live database `source` into the new file `target` with SQLite's online backup
/// API: one consistent snapshot, taken while other connections (the serving server) read and
/// write. Throws StoreError on failure; `target` must not exist.
void snapshotDatabase(const std::filesystem::path &source, const std::filesystem::path &target);

/// What a verified backup holds, for the pull's `backup` (docs/protocol.md §3, "The backup").
struct VerifiedBackup
{
    std::string epoch{};    // the epoch of the database the backup copied
    std::string taken_at{}; // when its snapshot was taken
    /// Per device id: its statements 1..n are all in the backup (no gap from the first).
    std::map<std::string, std::int64_t> through_seq{};
};

/// Reads a backup's copy of the database (read-only; the file is not changed): its epoch and
/// how far each device's statement chain is held without a gap. Throws StoreError.
VerifiedBackup readBackupReach(const std::filesystem::path &snapshot, std::string takenAt);

/// Records `backup` as the office's last verified backup (office_meta, key 'verified_backup'),
/// replacing the one before.
void recordVerifiedBackup(Database &db, const VerifiedBackup &backup);

/// How far the last verified backup reaches for `deviceId`: nothing when there is none, when it
/// was taken in another epoch than `epoch` (a restore started a new life), or when it holds none
/// of that device's statements.
std::optional<BackupReach> backupReachOf(Database &db, const std::string &epoch,
                                         const std::string &deviceId);

} // namespace fp
