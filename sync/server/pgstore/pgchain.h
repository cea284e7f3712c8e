#pragma once
// The devices' statement chains (storage/sqlitechain.h) on PostgreSQL. A device's chain is
// changed by one server at a time: record() takes a transaction-scoped advisory lock on the
// signing device first, so that two servers storing neighbouring statements of one device at
// once cannot both miss a fork.

#include "server/domain/officerecords.h"
#include "server/pgstore/pgconnection.h"

#include <string>

namespace fp {

/// What recordStatement() found.
struct PgChainOutcome
{
    bool fork = false;
    std::string note; // the fork, or the gap this statement revealed; empty when neither
};

/// Adds `link` (of `inspectionId`) to its device's chain unless that would fork it; a fork and
/// a gap are each written to chain_event. In the caller's write transaction.
PgChainOutcome recordStatement(PgConnection &db, const StatementLink &link,
                               const std::string &inspectionId, const std::string &at);

} // namespace fp
