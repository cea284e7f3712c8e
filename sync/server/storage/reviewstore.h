#pragma once
// The office's verdicts on received final inspections.

#include "core/types.h"
#include "server/domain/officerecords.h"
#include "server/domain/staleversion.h"
#include "server/domain/storeruleerror.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

class ReviewStore
{
  public:
    virtual ~ReviewStore() = default;

    /// The office's verdict on a received final inspection (pulled back by devices), decided by
    /// `by`. Throws StoreRuleError when the office has no review of that inspection, and
    /// StaleVersionError (nothing changed) when `expectedVersion` is given and the inspection's
    /// review history no longer has that many decisions: another clerk decided meanwhile.
    virtual void setReview(const std::string &inspectionId, ReviewState state,
                           const std::string &reason, const std::string &when,
                           const std::string &by = {},
                           std::optional<std::int64_t> expectedVersion = {}) = 0;
    /// Every decision on the inspection, oldest first; its size is the review's version.
    virtual std::vector<ReviewChange> reviewHistory(const std::string &inspectionId) = 0;
};

} // namespace fp
