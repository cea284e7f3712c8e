#include "server/domain/pushrules.h"

namespace fp {

PushDecision decidePush(const std::optional<StoredRevision> &stored, std::int64_t version,
                        const std::string &contentHash)
{
    if (!stored)
        return PushDecision::Store;
    if (version == stored->version)
        return contentHash == stored->content_hash ? PushDecision::Duplicate
                                                   : PushDecision::Conflict;
    if (version < stored->version)
        return PushDecision::Superseded;
    return stored->state == InspectionState::Final ? PushDecision::FinalImmutable
                                                   : PushDecision::Store;
}

PushCheck checkPush(const PushCandidate &candidate, const Principal &by, const Scope &scope,
                    PushReads &reads)
{
    const IncomingItem &item = candidate.item;
    PushCheck check;
    if (candidate.refused) {
        check.answer = pushResult(item, PushStatus::Rejected, candidate.refused->code,
                                  candidate.refused->reason);
        return check;
    }

    std::optional<StoredRevision> stored;
    std::string ownerUserId;
    if (auto held = reads.held(item.id)) {
        stored = std::move(held->revision);
        ownerUserId = std::move(held->owner_user_id);
    }
    check.held = stored.has_value();

    switch (decidePush(stored, item.version, item.content_hash)) {
    case PushDecision::Duplicate:
        check.answer = pushResult(item, PushStatus::Duplicate);
        return check;
    case PushDecision::Superseded:
        check.answer = pushResult(item, PushStatus::Duplicate, "superseded",
                                  "the office already holds version " +
                                      std::to_string(stored->version) + " of this inspection");
        return check;
    case PushDecision::Conflict:
        check.answer =
            pushResult(item, PushStatus::Rejected, "conflict",
                       "version " + std::to_string(item.version) +
                           " of this inspection was already received with different content");
        return check;
    case PushDecision::FinalImmutable:
        check.answer = pushResult(item, PushStatus::Rejected, "final_immutable",
                                  "final inspections are immutable; record a correction as a "
                                  "new inspection that amends this one");
        return check;
    case PushDecision::Store:
        break;
    }
    if (stored && ownerUserId != by.user.id) {
        check.answer = pushResult(item, PushStatus::Rejected, "not_owner",
                                  "this inspection belongs to another user's device");
        return check;
    }
    const auto region = reads.regionOf(item.enterprise_id);
    if (!region || !scope.seesEnterprise(item.enterprise_id, *region)) {
        check.answer = pushResult(item, PushStatus::Rejected, "out_of_scope",
                                  "enterprise " + item.enterprise_id + " is not in the scope of " +
                                      by.user.username);
        return check;
    }
    check.region = *region;
    if (candidate.pre)
        check.answer =
            pushResult(item, PushStatus::Rejected, candidate.pre->code, candidate.pre->reason);
    return check;
}

} // namespace fp
