#pragma once
// The office database's own integrity, checked where it lives (issue 18 item 2): on SQLite
// `PRAGMA integrity_check` of office.db; on PostgreSQL PostgreSQL itself with the amcheck
// extension (Debian's postgresql-15 ships it): bt_index_check with heapallindexed on every
// btree index of the office's schema and verify_heapam on every table, TOAST included. Both
// then run the office log's own verification (`fieldproof-server log verify`), which re-checks
// every leaf and signed head against the rows. A snapshot of a PostgreSQL office in SQLite
// (TestOffice::officeDb) can say nothing of PostgreSQL's files; these checks can.

#include "testoffice.h"

#include <QString>

#include <string>

namespace fp::test {

/// "ok", or every problem found, one per line: the database's integrity check (SQLite's, or
/// amcheck's on PostgreSQL) and `log verify` of the office's log. Safe while its server runs.
std::string officeIntegrity(const TestOffice &office);

/// amcheck on the PostgreSQL database `conninfo` (the extension is created in its own schema
/// `fp_amcheck` the first time, which needs a superuser, as the test cluster's is): every valid
/// btree index of the schema `public` by bt_index_check(heapallindexed), every table and
/// materialised view by verify_heapam. "ok" or one line per problem, naming the index or table.
std::string pgAmcheck(const QString &conninfo);

/// Runs SQL text (no parameters, several statements allowed) in the PostgreSQL database
/// `conninfo`. Throws fp::Error with PostgreSQL's message.
void pgExec(const QString &conninfo, const std::string &sql);

} // namespace fp::test
