#pragma once
// The devices' statement chains in the office database (docs/protocol.md, "The office's
// checks"): a statement whose place is taken by another, or whose neighbours name another
// predecessor, is a fork — refused and flagged; one that arrives after a hole in its device's
// sequence is kept, and the hole is recorded (the missing statements may still be on their way).

#include "db/database.h"
#include "server/domain/officerecords.h"

#include <string>

namespace fp {

/// What record() found.
struct ChainOutcome
{
    bool fork = false;
    std::string note; // the fork, or the gap this statement revealed; empty when neither
};

/// Prepared once per push batch, used inside its transaction.
class ChainRecorder
{
  public:
    explicit ChainRecorder(Database &db);

    /// Adds `link` (of `inspectionId`) to its device's chain unless that would fork it; a fork
    /// and a gap are each written to chain_event.
    ChainOutcome record(const StatementLink &link, const std::string &inspectionId,
                        const std::string &at);

  private:
    void event(const StatementLink &link, const char *kind, const std::string &detail,
               const std::string &at);

    Statement m_near;
    Statement m_below;
    Statement m_insert;
    Statement m_event;
};

} // namespace fp
