#include "sync/clientsyncbackend.h"

#include "client/curltransport.h"
#include "client/enroller.h"
#include "client/logcheck.h"
#include "client/syncengine.h"
#include "client/syncerror.h"
#include "client/syncsettings.h"
#include "device/devicefull.h"

#include <functional>
#include <mutex>

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
    } catch (const TlsError &e) {
        result.failure = SyncFailure::Certificate;
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
        result.failure = isStorageFull(e) ? SyncFailure::StorageFull : SyncFailure::Other;
        result.message = e.what();
    }
    return result;
}

/// The engine's transport, watched: the first request that gets no answer is reported at once
/// (the library then retries for several seconds), and the first answer after that clears it.
class WatchedTransport final : public Transport
{
  public:
    WatchedTransport(std::unique_ptr<Transport> inner, std::function<void(bool)> onReachable)
        : m_inner(std::move(inner)), m_onReachable(std::move(onReachable))
    {
    }
    HttpResponse send(const HttpRequest &request) override
    {
        try {
            HttpResponse response = m_inner->send(request);
            m_onReachable(true);
            return response;
        } catch (const NetworkError &) {
            m_onReachable(false);
            throw;
        }
    }
    std::int64_t requestCount() const override { return m_inner->requestCount(); }

  private:
    std::unique_ptr<Transport> m_inner;
    std::function<void(bool)> m_onReachable;
};

} // namespace

std::optional<DeviceEnrolment> ClientSyncBackend::enrolment(DeviceStore &store)
{
    const auto e = loadEnrolment(store);
    if (!e)
        return std::nullopt;
    return DeviceEnrolment{e->server_url, e->device_id, e->username,
                           e->ca_file ? e->ca_file->string() : std::string()};
}

SyncRunResult ClientSyncBackend::enrol(DeviceStore &store, const EnrolRequest &request,
                                       const std::atomic<bool> &cancel)
{
    return guarded([&](SyncRunResult &) {
        TransportOptions options;
        options.base_url = request.server_url;
        options.cancel = &cancel;
        if (!request.ca_file.empty())
            options.ca_file = request.ca_file;
        CurlTransport transport(options);
        EnrollInput input;
        input.server_url = request.server_url;
        input.ca_file = options.ca_file;
        input.username = request.username;
        input.password = request.password;
        input.device_name = request.device_name;
        enrollDevice(store, transport, input);
    });
}

SyncRunResult ClientSyncBackend::sync(DeviceStore &store, const std::atomic<bool> &cancel,
                                      const ProgressFn &progress, const SyncRunOptions &run)
{
    return guarded([&](SyncRunResult &result) {
        const auto enrolment = loadEnrolment(store);
        if (!enrolment) {
            result.failure = SyncFailure::NotEnrolled;
            return;
        }
        // Progress and reachability reach the UI through one callback, from this thread and
        // from the upload connections' threads: one lock keeps the last state whole.
        std::mutex lock;
        SyncRunProgress last;
        const auto reachable = [&](bool ok) {
            const std::scoped_lock guard(lock);
            if (last.unreachable == !ok)
                return;
            last.unreachable = !ok;
            progress(last);
        };
        WatchedTransport transport(
            std::make_unique<CurlTransport>(transportOptions(*enrolment, &cancel)), reachable);
        SyncOptions options;
        options.cancel = &cancel;
        options.push.upload_files = !run.records_only;
        options.upload_transport = [&enrolment, &cancel,
                                    reachable]() -> std::unique_ptr<Transport> {
            return std::make_unique<WatchedTransport>(
                std::make_unique<CurlTransport>(transportOptions(*enrolment, &cancel)), reachable);
        };
        options.progress = [&](const SyncProgress &p) {
            const std::scoped_lock guard(lock);
            last = SyncRunProgress{static_cast<int>(p.phase),
                                   p.rows_pulled,
                                   p.items_done,
                                   p.items_total,
                                   p.bytes_done,
                                   p.bytes_total,
                                   last.unreachable};
            progress(last);
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
            result.office_restored = report.office_restored;
            result.items_reoffered = report.items_reoffered;
            result.items_waiting_for_files = report.items_waiting_for_files;
        } catch (...) {
            result.rows_pulled = engine.report().rows_upserted + engine.report().rows_removed;
            // The restore was noted (and the visits queued again) before the sync failed.
            result.office_restored = engine.report().office_restored;
            result.items_reoffered = engine.report().items_reoffered;
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
