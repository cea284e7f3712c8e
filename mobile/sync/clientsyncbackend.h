#pragma once

#include "sync/syncbackend.h"

namespace fp {

/// SyncBackend over sync/client: libcurl transport, SyncEngine, enrollDevice, and the
/// enrolment the library keeps in the device database's sync_state.
class ClientSyncBackend final : public SyncBackend
{
  public:
    std::optional<DeviceEnrolment> enrolment(DeviceStore &store) override;
    SyncRunResult enrol(DeviceStore &store, const EnrolRequest &request,
                        const std::atomic<bool> &cancel) override;
    SyncRunResult sync(DeviceStore &store, const std::atomic<bool> &cancel,
                       const ProgressFn &progress, const SyncRunOptions &run) override;
    std::string lastSync(DeviceStore &store) override;
};

} // namespace fp
