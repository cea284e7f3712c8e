#pragma once
// A failed or partial sync in words an inspector can act on (what happened, what to do).

#include "sync/syncbackend.h"

#include <QString>

namespace fp {

/// Empty when `result` is a complete success. `enrolling`: the words of the sign-in screen.
QString syncOutcomeText(const SyncRunResult &result, bool enrolling);

} // namespace fp
