#pragma once
// The device store's own rule: a final inspection, and everything under it, stays as it was.

#include "core/error.h"

namespace fp {

/// Writing to a final inspection, or anything under it.
class ImmutableError : public Error
{
  public:
    using Error::Error;
};

} // namespace fp
