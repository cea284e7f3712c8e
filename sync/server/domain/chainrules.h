#pragma once
// The rules of a device's statement chain (docs/protocol.md §7.5), one place for every office
// store: whether a new statement fits between the ones held beside it, and how a gap below it
// is named.

#include "server/domain/officerecords.h"

#include <cstdint>
#include <optional>
#include <string>

namespace fp {

/// A statement the office holds, as the chain rules see it.
struct HeldStatement
{
    std::string hash;
    std::string prev_hash;
    std::string inspection_id;
};

/// How `link` fits its device's chain, given what is held at seq - 1, seq and seq + 1.
struct ChainFit
{
    bool already_held = false;         // this very statement is in the chain
    std::optional<std::string> fork{}; // why it forks the chain (then it is refused)
};
ChainFit fitChain(const StatementLink &link, const std::optional<HeldStatement> &before,
                  const std::optional<HeldStatement> &same,
                  const std::optional<HeldStatement> &after);

/// "statements A to B of device D have not arrived before seq S": the gap below `link` when the
/// highest statement held below it is `highestBelow` (0: none).
std::string chainGapText(const StatementLink &link, std::int64_t highestBelow);

/// The event text of a refused fork: which statement of which inspection, why, and its bytes.
std::string forkDetail(const StatementLink &link, const std::string &inspectionId,
                       const std::string &why);

} // namespace fp
