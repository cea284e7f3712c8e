#pragma once
// The office's epoch (issue 17): a random id that names one life of the office database. A new
// office gets one when its database is created, a restore from a backup gets a new one; the
// pull answer carries it, and a device that sees it change offers again what the office had
// acknowledged (docs/protocol.md §3; docs/operations.md, "Backup and restore"). Beside it, the
// one SQLite-level step of a backup: the online snapshot of the database.

#include "db/database.h"

#include <filesystem>
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

} // namespace fp
