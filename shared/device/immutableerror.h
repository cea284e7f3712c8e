#pragma once
// The device store's own rules: a final inspection, and everything under it, stays as it was;
// a signed opinion's content stays as it was signed.

#include "core/error.h"

namespace fp {

/// Writing to a final inspection, or anything under it.
class ImmutableError : public Error
{
  public:
    using Error::Error;
};

/// Changing the verdict, text or follow-up deadline of an opinion someone has signed, without
/// saying that the signatures are to be cleared (SignedOpinionChange::ClearSignatures).
class SignedOpinionError : public Error
{
  public:
    using Error::Error;
};

} // namespace fp
