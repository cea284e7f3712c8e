#pragma once
// A backup of an office data directory (docs/operations.md, "Backup and restore"): office.db
// copied with SQLite's online backup API, office.key, every whole blob, and manifest.json with
// the size and SHA-256 of each of those files, written last. Blobs are content-addressed, so
// each one's name is checked against its bytes too.

#include "server/blobs/datadir.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace fp {

inline constexpr const char *kBackupFormat = "fieldproof-backup-1";
inline constexpr const char *kBackupManifest = "manifest.json";

/// What a backup or a restore copied.
struct BackupCounts
{
    std::int64_t files = 0; // database, key and blobs
    std::int64_t blobs = 0;
    std::int64_t bytes = 0;
};

/// Backs `data` up into the new or empty folder `dest`, consistently while a server serves:
/// first the database snapshot, then the blobs (a blob is whole before any row names it, so the
/// copy holds every blob its database refers to). Throws fp::Error naming the problem.
BackupCounts backupDataDir(const DataDir &data, const std::filesystem::path &dest,
                           const std::string &createdAt);

/// Checks a backup against its manifest: every file present with its size and SHA-256, every
/// blob's bytes hashing to its name. The first problem as one sentence, or nothing.
std::optional<std::string> verifyBackup(const std::filesystem::path &from);

/// Copies a verified backup into `data` (created when missing). Refuses a folder that holds
/// anything unless `force`, which first deletes the office's own files there (office.db and its
/// journals, office.key, blobs/, tmp/, thumbs/). Does not give the database its new epoch: the
/// caller opens the store for that. Throws fp::Error naming the problem.
BackupCounts restoreDataDir(const std::filesystem::path &from, const DataDir &data, bool force);

} // namespace fp
