#pragma once
// The store's refusal of a request for a reason a person can fix.

#include "core/error.h"

namespace fp {

/// A request the store refuses for a reason a person can fix (unknown name, duplicate ...).
class StoreRuleError : public ValidationError
{
  public:
    using ValidationError::ValidationError;
};

} // namespace fp
