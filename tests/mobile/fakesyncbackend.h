#pragma once
// A SyncBackend for tests: scripted outcomes, progress in three steps, and a "slow" mode that
// runs until cancelled, so the controller's threading and messages can be checked offline.

#include "sync/syncbackend.h"

#include <atomic>

namespace fp::test {

class FakeSyncBackend final : public SyncBackend
{
  public:
    /// The next sync ends with this (shared with the test thread, hence atomic).
    std::atomic<SyncFailure> nextFailure{SyncFailure::None};
    /// The next sync runs until cancelled.
    std::atomic<bool> slow{false};
    /// The next sync finds the office restored from a backup, offering this many visits again
    /// (negative: not restored).
    std::atomic<std::int64_t> restoredReoffering{-1};
    /// Whether the last sync was asked to send records only (set on the worker thread).
    std::atomic<bool> lastRecordsOnly{false};
    /// Visits the next sync leaves waiting for files when it runs records-only.
    std::atomic<std::int64_t> waitingForFiles{0};
    /// Set by the worker when a slow sync has started.
    std::atomic<bool> started{false};

    std::optional<DeviceEnrolment> enrolment(DeviceStore &store) override;
    SyncRunResult enrol(DeviceStore &store, const EnrolRequest &request,
                        const std::atomic<bool> &cancel) override;
    SyncRunResult sync(DeviceStore &store, const std::atomic<bool> &cancel,
                       const ProgressFn &progress, const SyncRunOptions &run) override;
    std::string lastSync(DeviceStore &store) override;
};

} // namespace fp::test
