#pragma once
// What the inspector reads when the store refuses a change.

#include <QString>

#include <exception>

namespace fp {

/// A sentence for `error` thrown by DeviceStore: what happened and what to do next.
QString storeErrorText(const std::exception &error);

} // namespace fp
