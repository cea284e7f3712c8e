#pragma once
// How the office answers a pushed revision of an inspection, given what it already holds
// (DESIGN §4). A pure function so that every store applies exactly the same rules.

#include "core/enums.h"
#include "protocol/push.h"
#include "server/domain/officerecords.h"
#include "server/domain/scope.h"

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

/// What the push rules read from a store, inside the batch's transaction.
class PushReads
{
  public:
    /// The revision the office holds for an inspection, and the user owning its device.
    struct Held
    {
        StoredRevision revision{};
        std::string owner_user_id{}; // empty: the device is gone
    };

    virtual ~PushReads() = default;
    /// What the office holds for this inspection id (a store may lock it until the commit).
    virtual std::optional<Held> held(const std::string &inspectionId) = 0;
    /// The enterprise's region, or nothing for an unknown enterprise.
    virtual std::optional<std::string> regionOf(const std::string &enterpriseId) = 0;
};

/// What the rules say about a pushed inspection before the store writes it.
struct PushCheck
{
    std::optional<PushResult> answer{}; // set: answer this and store nothing
    bool held = false;                  // the office holds a revision (the write replaces it)
    std::string region{};               // the enterprise's region
};

/// The rules a pushed inspection passes, in order: the batch's own refusal, the revision the
/// office holds (decidePush), the owner of that revision, the enterprise in `by`'s scope, then
/// the candidate's pre-check. Reads only what the next rule needs.
PushCheck checkPush(const PushCandidate &candidate, const Principal &by, const Scope &scope,
                    PushReads &reads);

} // namespace fp
