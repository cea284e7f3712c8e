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
    /// Set by the worker when a slow sync has started.
    std::atomic<bool> started{false};

    std::optional<DeviceEnrolment> enrolment(DeviceStore &store) override;
    SyncRunResult enrol(DeviceStore &store, const EnrolRequest &request,
                        const std::atomic<bool> &cancel) override;
    SyncRunResult sync(DeviceStore &store, const std::atomic<bool> &cancel,
                       const ProgressFn &progress) override;
    std::string lastSync(DeviceStore &store) override;
};

} // namespace fp::test
