#include "fakesyncbackend.h"

#include <chrono>
#include <thread>

namespace fp::test {

std::optional<DeviceEnrolment> FakeSyncBackend::enrolment(DeviceStore &store)
{
    const auto user = store.syncValue("fake_user");
    if (!user)
        return std::nullopt;
    return DeviceEnrolment{store.syncValue("fake_server").value_or(""), "device-1", *user, {}};
}

SyncRunResult FakeSyncBackend::enrol(DeviceStore &store, const EnrolRequest &request,
                                     const std::atomic<bool> &)
{
    SyncRunResult r;
    if (request.password != "secret") {
        r.failure = SyncFailure::Unauthorized;
        r.message = "wrong username or password";
        return r;
    }
    store.setSyncValue("fake_user", request.username);
    store.setSyncValue("fake_server", request.server_url);
    return r;
}

SyncRunResult FakeSyncBackend::sync(DeviceStore &store, const std::atomic<bool> &cancel,
                                    const ProgressFn &progress, const SyncRunOptions &run)
{
    SyncRunResult r;
    lastRecordsOnly = run.records_only;
    if (!enrolment(store)) {
        r.failure = SyncFailure::NotEnrolled;
        return r;
    }
    if (slow) {
        started = true;
        // A transfer in progress: it only stops when the app raises the cancel flag.
        while (!cancel)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        r.failure = SyncFailure::Cancelled;
        return r;
    }
    for (int i = 1; i <= 3; ++i)
        progress(SyncRunProgress{SyncRunProgress::Push, 10, i, 3, std::int64_t{i} * 1048576,
                                 std::int64_t{3} * 1048576});
    r.failure = nextFailure;
    r.message = r.failure == SyncFailure::Server ? "database is locked" : "";
    r.summary = "pulled 10 rows";
    r.rows_pulled = 10;
    r.items_sent = 1;
    r.files_uploaded = run.records_only ? 0 : 3;
    r.items_waiting_for_files = run.records_only ? waitingForFiles.load() : 0;
    if (const std::int64_t reoffered = restoredReoffering; reoffered >= 0) {
        r.office_restored = true;
        r.items_reoffered = reoffered;
    }
    if (r.failure == SyncFailure::None)
        store.setSyncValue("fake_last", "2017-10-20T08:00:00.000Z");
    return r;
}

std::string FakeSyncBackend::lastSync(DeviceStore &store)
{
    return store.syncValue("fake_last").value_or("");
}

} // namespace fp::test
