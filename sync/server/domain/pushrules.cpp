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

} // namespace fp
