#include "syncengine.h"

#include "apiclient.h"
#include "blobdelivery.h"
#include "device/outboxquery.h"
#include "epochwatch.h"
#include "logcheck.h"
#include "pullapplier.h"
#include "syncerror.h"
#include "syncsettings.h"

#include <cstdio>
#include <future>

namespace fp {

namespace {
// A feed of a million rows at the largest page size is 500 pages; this bounds a server that
// keeps saying "more" forever.
constexpr int kMaxPullPages = 100000;
} // namespace

SyncEngine::SyncEngine(DeviceStore &store, Transport &transport, SyncOptions options)
    : m_store(store), m_transport(transport), m_options(std::move(options))
{
}

void SyncEngine::checkpoint() const
{
    if (m_options.cancel && m_options.cancel->load())
        throw SyncCancelled();
    if (std::chrono::steady_clock::now() - m_started > m_options.max_duration)
        throw SyncError("the sync ran out of its time budget of " +
                        std::to_string(m_options.max_duration.count()) +
                        " s; run it again to continue where it stopped");
}

void SyncEngine::reportProgress(bool force)
{
    if (!m_options.progress)
        return;
    // libcurl reports every few kilobytes; the app's UI needs a few updates a second.
    const auto now = std::chrono::steady_clock::now();
    if (!force && m_progress.phase == m_lastEmitted.phase &&
        now - m_lastEmit < std::chrono::milliseconds(50))
        return;
    m_lastEmit = now;
    m_lastEmitted = m_progress;
    m_options.progress(m_progress);
}

void SyncEngine::pull(ApiClient &api, const std::string &deviceId)
{
    PullApplier applier(m_store);
    checkpoint();
    PullPage page =
        api.pull(m_store.syncValue(synckey::kCursor).value_or(""), m_options.pull_limit);
    // A restored office (a new epoch) may have lost what it acknowledged since its backup, and
    // its log is older than the head saved here: offer the acknowledged evidence again and start
    // the log watch afresh (the pinned key still has to sign the new heads).
    const EpochChange epoch = noteOfficeEpoch(m_store, page.epoch);
    m_report.office_restored = epoch.changed;
    m_report.items_reoffered = epoch.reoffered;
    m_report.log_head_dropped = epoch.log_head_dropped;
    // What the office's verified backup holds: from here on, the files the device may free.
    m_report.backup_through_seq = noteBackupReach(m_store, deviceId, page.backup);
    // Before anything of this office is applied: its log must extend what the tablet saw.
    checkLogHead(m_store, api, page.tree_head);
    for (int n = 0; n < kMaxPullPages; ++n) {
        // While this page is written to the device, the next one is already on its way: the
        // office's work and the device's overlap (the 50,000-row first pull of DESIGN §7).
        // Only the helper thread uses `api` until get(); the store stays on this thread.
        std::future<PullPage> next;
        if (page.more)
            next = std::async(std::launch::async, [&api, cursor = page.cursor, this] {
                return api.pull(cursor, m_options.pull_limit);
            });
        const PullCounts counts = applier.apply(page);
        ++m_report.pull_pages;
        m_report.rows_upserted += counts.upserted;
        m_report.rows_removed += counts.removed;
        m_report.rows_skipped += counts.skipped;
        m_report.scope_reset = m_report.scope_reset || counts.reset;
        m_progress.rows_pulled += counts.upserted + counts.removed;
        reportProgress();
        if (!next.valid())
            return;
        page = next.get(); // rethrows the fetch's error; the applied pages stay applied
        checkpoint();
    }
    throw SyncError("the office kept sending pages after " + std::to_string(kMaxPullPages) +
                    "; stopped to protect the device");
}

void SyncEngine::finish(const std::string &failure)
{
    m_report.requests += m_transport.requestCount() - m_requestsBefore; // lanes added theirs
    m_report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    try {
        m_report.items_left = m_store.pendingCount();
        const bool complete = failure.empty() && m_report.items_left == 0;
        const std::string outcome = failure.empty() ? summarize(m_report) : "failed: " + failure;
        m_store.inTransaction([&] {
            const std::string now = formatTimestamp(SystemClock::instance().now());
            if (complete)
                m_store.setSyncValue(synckey::kLastSync, now);
            m_store.setSyncValue(synckey::kLastAttempt, now);
            m_store.setSyncValue(synckey::kLastOutcome, outcome);
        });
    } catch (const Error &) {
        // Bookkeeping only: a failure to note the outcome must not hide the sync's own result.
    }
}

SyncReport SyncEngine::run()
{
    m_started = std::chrono::steady_clock::now();
    m_report = SyncReport{};
    m_requestsBefore = m_transport.requestCount();
    m_progress = SyncProgress{};
    m_lastEmitted = SyncProgress{};
    m_lastEmit = {};
    const auto enrolment = loadEnrolment(m_store);
    if (!enrolment)
        throw SyncError("this device is not enrolled; enrol it with the office first");
    ApiClient api(m_transport, enrolment->token, m_options.retry, m_options.cancel);
    try {
        pull(api, enrolment->device_id);

        const PendingSize pending = m_store.pendingSize();
        m_progress.phase = SyncProgress::Phase::Upload;
        m_progress.items_total = pending.items;
        m_progress.bytes_total = pending.blob_bytes + pending.payload_bytes;
        reportProgress(true);
        if (pending.items > 0) {
            UploadLanes lanes{m_options.upload_connections, m_options.upload_transport,
                              enrolment->token, m_options.retry, m_options.cancel};
            BlobDeliverer blobs(
                api, m_store.photos(), m_report, std::move(lanes),
                [this](std::int64_t bytes) {
                    m_progress.phase = SyncProgress::Phase::Upload;
                    m_progress.bytes_done += bytes;
                    reportProgress();
                },
                [this] { checkpoint(); });
            Pusher pusher(
                m_store, api, blobs, m_report, m_options.push, enrolment->device_id,
                [this](std::int64_t items, std::int64_t bytes) {
                    m_progress.phase = SyncProgress::Phase::Push;
                    m_progress.items_done += items;
                    m_progress.bytes_done += bytes;
                    reportProgress();
                },
                [this] { checkpoint(); });
            pusher.run();
        }
        m_report.retries += api.retries(); // the upload lanes added theirs
        finish({});
    } catch (const std::exception &e) {
        m_report.retries += api.retries();
        finish(e.what());
        throw;
    }
    m_progress.phase = SyncProgress::Phase::Done;
    reportProgress(true);
    return m_report;
}

std::string summarize(const SyncReport &r)
{
    char timing[64];
    std::snprintf(timing, sizeof timing, "%.2f s", r.seconds);
    std::string line = "pulled " + std::to_string(r.rows_upserted) + " rows";
    if (r.rows_removed > 0)
        line += " (" + std::to_string(r.rows_removed) + " removed)";
    if (r.scope_reset)
        line += " (office rows replaced)";
    if (r.office_restored) {
        line.append(" (the office was restored from a backup: ")
            .append(std::to_string(r.items_reoffered))
            .append(" final inspections offered again");
        line.append(r.log_head_dropped ? ", its log watched afresh)" : ")");
    }
    line += ", files: " + std::to_string(r.blobs_uploaded) + " uploaded";
    if (r.blobs_resumed > 0)
        line += " (" + std::to_string(r.blobs_resumed) + " resumed)";
    line += ", " + std::to_string(r.blobs_present) + " already held, " +
            std::to_string(r.blob_bytes_sent) + " bytes sent";
    line += "; items: " + std::to_string(r.items_stored) + " stored, " +
            std::to_string(r.items_duplicate) + " duplicate, " + std::to_string(r.rejected.size()) +
            " rejected";
    if (r.items_parked > 0)
        line += ", " + std::to_string(r.items_parked) + " held back (rejected before)";
    if (r.items_waiting_for_files > 0)
        line += ", " + std::to_string(r.items_waiting_for_files) +
                " waiting for a run with files (records only)";
    line += ", " + std::to_string(r.items_left) + " pending; " + std::to_string(r.requests) +
            " requests";
    if (r.retries > 0)
        line += " (" + std::to_string(r.retries) + " retried)";
    return line + " in " + timing;
}

} // namespace fp
