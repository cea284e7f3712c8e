#pragma once
// Which database the test offices' real fieldproof-server runs on (issue 18 item 2): office.db
// in the data directory (SQLite, the default), or, with FIELDPROOF_TEST_DATABASE=postgresql, a
// database of its own on the test program's one private PostgreSQL 15 cluster (pgcluster),
// passed to every `serve` and admin command of that data directory as --database. The cluster
// starts on first use and stops when the test program's QCoreApplication ends (or with the
// program: its postmaster gets SIGTERM then).
//
// The integration tests read the office's rows with SQL (TestOffice::officeDb()); on PostgreSQL
// they read a snapshot: every table of the office database copied into an SQLite file at that
// moment, with the column affinities of PostgreSQL's types, so that the same queries answer
// alike.

#include "db/database.h"

#include <QString>
#include <QStringList>

#include <filesystem>
#include <memory>

namespace fp::test {

/// Whether FIELDPROOF_TEST_DATABASE=postgresql (unset or "sqlite": false; anything else stops
/// the test program with a message).
bool officeOnPostgres();
/// Stops the test program (qFatal) unless the office database of the current mode can be made:
/// PostgreSQL installed and its cluster started. For initTestCase, so that a missing
/// PostgreSQL is one clear message instead of a later failure.
void requireOfficeDatabase();

/// The PostgreSQL connection string of the office in `dataDir` (its database is made on the
/// first call for that folder), or "" on SQLite.
QString officeDatabaseFor(const QString &dataDir);
/// {"--database", conninfo} for a command on `dataDir`, or {} on SQLite.
QStringList officeDatabaseArgs(const QString &dataDir);

/// Every table of the PostgreSQL database `conninfo` copied into the new SQLite file `file`
/// (replaced when it exists), opened. Throws fp::Error naming the problem.
std::unique_ptr<Database> snapshotOfficeDatabase(const QString &conninfo,
                                                 const std::filesystem::path &file);

} // namespace fp::test
