#pragma once
// What the inspector reads when the store refuses a change.

#include <QString>

#include <exception>

namespace fp {

/// What the inspector reads when the tablet's storage is full (issue 17 item 2): nothing was
/// saved, and how to free space.
QString storageFullText();

/// A sentence for `error` thrown by DeviceStore: what happened and what to do next.
QString storeErrorText(const std::exception &error);

} // namespace fp
