#include "sync/clientsyncbackend.h"

#include "client/curltransport.h"
#include "client/enroller.h"
#include "client/logcheck.h"
#include "client/syncengine.h"
#include "client/syncerror.h"
#include "client/syncsettings.h"

namespace fp {

namespace {

/// Runs `fn`, mapping the library's exceptions to a SyncFailure with its message.
template <typename Fn> SyncRunResult guarded(Fn &&fn)
{
    SyncRunResult result;
    try {
        fn(result);
    } catch (const SyncCancelled &e) {
        result.failure = SyncFailure::Cancelled;
        result.message = e.what();
    } catch (const LogRewrittenError &e) {
        result.failure = SyncFailure::OfficeLogRewritten;
        result.message = e.what();
    } catch (const NetworkError &e) {
        result.failure = SyncFailure::Network;
        result.message = e.what();
    } catch (const ServerError &e) {
        result.failure = e.status() == 401   ? SyncFailure::Unauthorized
                         : e.status() == 403 ? SyncFailure::Forbidden
                         : e.status() == 429 ? SyncFailure::TooManyAttempts
                                             : SyncFailure::Server;
        result.message = e.what();
    } catch (const std::exception &e) {
        result.failure = SyncFailure::Other;
        result.message = e.what();
    }
    return result;
}

} // namespace

std::optional<DeviceEnrolment> ClientSyncBackend::enrolment(DeviceStore &store)
{
    const auto e = loadEnrolment(store);
    if (!e)
        return std::nullopt;
    return DeviceEnrolment{e->server_url, e->device_id, e->username};
}

SyncRunResult ClientSyncBackend::enrol(DeviceStore &store, const EnrolRequest &request,
                                       const std::atomic<bool> &cancel)
{
    return guarded([&](SyncRunResult &) {
        TransportOptions options;
        options.base_url = request.server_url;
        options.cancel = &cancel;
        CurlTransport transport(options);
        EnrollInput input;
        input.server_url = request.server_url;
        input.username = request.username;
        input.password = request.password;
        input.device_name = request.device_name;
        enrollDevice(store, transport, input);
    });
}

SyncRunResult ClientSyncBackend::sync(DeviceStore &store, const std::atomic<bool> &cancel,
                                      const ProgressFn &progress)
{
    return guarded([&](SyncRunResult &result) {
        const auto enrolment = loadEnrolment(store);
        if (!enrolment) {
            result.failure = SyncFailure::NotEnrolled;
            return;
        }
        CurlTransport transport(transportOptions(*enrolment, &cancel));
        SyncOptions options;
        options.cancel = &cancel;
        options.upload_transport = [&enrolment, &cancel] {
            return std::make_unique<CurlTransport>(transportOptions(*enrolment, &cancel));
        };
        options.progress = [&progress](const SyncProgress &p) {
            progress(SyncRunProgress{static_cast<int>(p.phase), p.rows_pulled, p.items_done,
                                     p.items_total, p.bytes_done, p.bytes_total});
        };
        SyncEngine engine(store, transport, options);
        try {
            const SyncReport report = engine.run();
            result.summary = summarize(report);
            result.items_left = report.items_left;
            result.rejected = static_cast<std::int64_t>(report.rejected.size());
            result.rows_pulled = report.rows_upserted + report.rows_removed;
            result.items_sent = report.items_stored + report.items_duplicate;
            result.files_uploaded =
                report.blobs_uploaded + report.blobs_resumed + report.blobs_present;
        } catch (...) {
            result.rows_pulled = engine.report().rows_upserted + engine.report().rows_removed;
            throw;
        }
    });
}

std::string ClientSyncBackend::lastSync(DeviceStore &store)
{
    return store.syncValue(synckey::kLastSync).value_or("");
}

std::unique_ptr<SyncBackend> makeDefaultSyncBackend()
{
    return std::make_unique<ClientSyncBackend>();
}

} // namespace fp
