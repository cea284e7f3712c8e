#pragma once
// The office database's schema on PostgreSQL: its own list of steps, one per version, kept in
// the table schema_version (one row). The steps are not those of officeschema.cpp: they build
// the same tables in PostgreSQL's types, port by port, and a version here is no version there.

#include "server/pgstore/pgconnection.h"

#include <functional>
#include <span>
#include <string>

namespace fp {

/// Brings the schema from version N-1 to N (N = its index + 1 in the list).
using PgMigrationStep = std::function<void(PgConnection &)>;

std::span<const PgMigrationStep> pgSchemaSteps();

/// Applies the steps after the database's current version, each in its own transaction with
/// its schema_version bump, under an advisory lock: several servers starting at once on one
/// database migrate it once. `target` defaults to the last step. Throws SchemaTooNewError
/// (db/migrations.h) for a database written by a newer server. Returns the version before.
std::int64_t migratePg(PgConnection &db, std::span<const PgMigrationStep> steps,
                       const std::string &what, std::int64_t target = -1);

/// The database's schema version (0 for an empty database).
std::int64_t pgSchemaVersion(PgConnection &db);

} // namespace fp
