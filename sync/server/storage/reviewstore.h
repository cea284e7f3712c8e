#pragma once
// The office's verdicts on received final inspections.

#include "core/types.h"
#include "server/domain/storeruleerror.h"

#include <string>

namespace fp {

class ReviewStore
{
  public:
    virtual ~ReviewStore() = default;

    /// The office's verdict on a received final inspection (pulled back by devices). Throws
    /// StoreRuleError when the office has no review of that inspection.
    virtual void setReview(const std::string &inspectionId, ReviewState state,
                           const std::string &reason, const std::string &when) = 0;
};

} // namespace fp
