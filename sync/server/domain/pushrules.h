#pragma once
// How the office answers a pushed revision of an inspection, given what it already holds
// (DESIGN §4). A pure function so that every store applies exactly the same rules.

#include "core/enums.h"
#include "protocol/push.h"
#include "server/domain/officerecords.h"

#include <cstdint>
#include <optional>
#include <string>

namespace fp {

/// The revision the office holds for an inspection id.
struct StoredRevision
{
    std::int64_t version = 0;
    std::string content_hash;
    InspectionState state = InspectionState::Draft;
};

enum class PushDecision {
    Store,          // new, or a newer revision of a draft
    Duplicate,      // the same revision with the same content
    Superseded,     // older than what the office holds: answered as duplicate
    Conflict,       // the same revision with different content: rejected and logged
    FinalImmutable, // a newer revision of a final inspection: rejected
};

PushDecision decidePush(const std::optional<StoredRevision> &stored, std::int64_t version,
                        const std::string &contentHash);

/// The push's answer for `item`.
inline PushResult pushResult(const IncomingItem &item, PushStatus status,
                             std::optional<std::string> code = {},
                             std::optional<std::string> reason = {})
{
    return PushResult{item.type, item.id, item.version, status, std::move(reason), std::move(code)};
}

} // namespace fp
