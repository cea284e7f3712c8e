#pragma once
// Schema versions in PRAGMA user_version: one transactional step per version, and a refusal to
// open a file written by a newer program (couchbase-lite-core's SQLiteDataFile does the same).

#include "db/database.h"

#include <functional>
#include <span>
#include <string>

namespace fp {

/// Brings the schema from version N-1 to N (N = its index + 1 in the list).
using MigrationStep = std::function<void(Database &)>;

/// The file's schema is newer than this program understands.
class SchemaTooNewError : public Error
{
  public:
    using Error::Error;
};

/// Applies the steps after the file's current version, each in its own transaction together
/// with its user_version bump. `target` defaults to the last step. Returns the version before.
std::int64_t migrate(Database &db, std::span<const MigrationStep> steps, const std::string &what,
                     std::int64_t target = -1);

} // namespace fp
