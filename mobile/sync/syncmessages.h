#pragma once
// A failed or partial sync in words an inspector can act on (what happened, what to do).

#include "sync/syncbackend.h"

#include <QString>

namespace fp {

/// Empty when `result` is a complete success. `enrolling`: the words of the sign-in screen.
QString syncOutcomeText(const SyncRunResult &result, bool enrolling);

/// What a finished sync did, as a sentence for people ("已上传 3 张照片、1 份核查，全部送达；
/// 收到 12 条任务和清单更新。"), and what waits for Wi-Fi after a records-only run; empty after
/// a failure (syncOutcomeText says what went wrong).
QString syncResultSentence(const SyncRunResult &result);

/// Said when a sync found the office restored from a backup (a new epoch, issue 17): the
/// tablet sends again what the office may have lost. Empty otherwise.
QString officeRestoredText(const SyncRunResult &result);

} // namespace fp
