#include "pusher.h"

#include "blobrefs.h"
#include "core/ids.h"
#include "store/outboxquery.h"
#include "syncerror.h"

namespace fp {

namespace {
// Each batch consumes at least one outbox row, so a run ends; the bound only guards against
// an inspector editing faster than the office answers.
constexpr int kMaxBatches = 100000;
// The envelope around each item's data: type, id, version, device time, commas.
constexpr std::size_t kItemOverhead = 200;
} // namespace

Pusher::Pusher(DeviceStore &store, ApiClient &api, BlobUploader &blobs, SyncReport &report,
               PushOptions options, std::string deviceId,
               std::function<void(std::int64_t, std::int64_t)> onItems,
               std::function<void()> checkpoint)
    : m_store(store), m_api(api), m_blobs(blobs), m_report(report), m_options(options),
      m_deviceId(std::move(deviceId)), m_onItems(std::move(onItems)),
      m_checkpoint(std::move(checkpoint)), m_log(RejectionLog::load(store))
{
}

void Pusher::reject(const RejectedItem &item)
{
    m_report.rejected.push_back(item);
    m_log.record(item);
}

bool Pusher::deliverBlobs(const PushItem &row)
{
    for (const std::string &sha : blobRefs(row.data)) {
        if (m_onServer.contains(sha))
            continue;
        m_checkpoint();
        try {
            if (m_blobs.ensure(sha) == BlobUploader::Outcome::MissingOnDevice) {
                reject({row.type, row.id, row.version, "blob_missing_on_device",
                        "file " + sha + " is missing from this device's photo folder"});
                return false;
            }
        } catch (const ServerError &e) {
            // The office refuses this file for good (too large, wrong hash): the item cannot
            // go, the others can. Authentication and scope failures, and a server still failing
            // after the retries, stop the whole sync instead: they are not this item's fault.
            if (e.status() == 401 || e.status() == 403 ||
                isTransient(AttemptOutcome{e.status(), std::nullopt}))
                throw;
            reject({row.type, row.id, row.version,
                    "blob_" + (e.code().empty() ? std::to_string(e.status()) : e.code()),
                    e.what()});
            return false;
        }
        m_onServer.insert(sha);
    }
    return true;
}

void Pusher::run()
{
    Database &db = m_store.database();
    std::optional<OutboxKey> after;
    for (int batch = 0; batch < kMaxBatches; ++batch) {
        m_checkpoint();
        const std::vector<OutboxItem> rows =
            pendingOutboxAfter(db, after, static_cast<int>(m_options.max_items));
        if (rows.empty())
            break;
        std::vector<PushItem> items;
        std::size_t bytes = 0;
        std::int64_t payloadBytes = 0;
        std::int64_t skipped = 0;
        std::int64_t skippedBytes = 0;
        for (const OutboxItem &row : rows) {
            const std::size_t estimate = row.payload.size() + kItemOverhead;
            if (!items.empty() && bytes + estimate > m_options.max_bytes)
                break; // this row starts the next batch
            after = OutboxKey{row.queued_at, row.type, row.id};
            if (!m_options.retry_rejected && m_log.parked(row.type, row.id, row.version)) {
                ++m_report.items_parked;
                ++skipped;
                skippedBytes += static_cast<std::int64_t>(row.payload.size());
                continue;
            }
            PushItem item{row.type,      row.id,       row.version, parseJson(row.payload),
                          row.queued_at, std::nullopt, std::nullopt};
            if (!deliverBlobs(item)) {
                ++skipped;
                skippedBytes += static_cast<std::int64_t>(row.payload.size());
                continue;
            }
            items.push_back(std::move(item));
            bytes += estimate;
            payloadBytes += static_cast<std::int64_t>(row.payload.size());
        }
        if (skipped > 0) {
            Transaction tx(db); // parked and undeliverable items are remembered for status
            m_log.save(m_store);
            tx.commit();
            m_onItems(skipped, skippedBytes);
        }
        if (!items.empty())
            sendBatch(std::move(items), payloadBytes);
    }
}

void Pusher::sendBatch(std::vector<PushItem> items, std::int64_t payloadBytes, bool secondTry)
{
    m_checkpoint();
    PushRequest request{m_deviceId, newId(), std::move(items)};
    const PushResponse response = m_api.push(request);
    if (response.results.size() != request.items.size())
        throw SyncError("the office answered " + std::to_string(response.results.size()) +
                        " results for a batch of " + std::to_string(request.items.size()) +
                        " items; nothing of it was marked as sent");
    for (std::size_t i = 0; i < response.results.size(); ++i) {
        const PushResult &r = response.results[i];
        const PushItem &sent = request.items[i];
        if (r.type != sent.type || r.id != sent.id || r.version != sent.version)
            throw SyncError("the office answered for " + r.type + " " + r.id + " where " +
                            sent.type + " " + sent.id + " was sent; nothing was marked as sent");
    }
    std::vector<std::size_t> missingBlobs;
    Transaction tx(m_store.database()); // one commit for the whole batch, not one per item
    for (std::size_t i = 0; i < response.results.size(); ++i) {
        const PushResult &r = response.results[i];
        if (r.status == PushStatus::Rejected) {
            if (r.code == "missing_blob" && !secondTry) {
                missingBlobs.push_back(i);
                continue; // decided below, after one more try
            }
            reject({r.type, r.id, r.version, r.code.value_or("rejected"),
                    r.reason.value_or("rejected by the office")});
            continue;
        }
        m_store.markPushed(r.type, r.id, r.version);
        m_log.clear(r.type, r.id);
        if (r.status == PushStatus::Stored)
            ++m_report.items_stored;
        else
            ++m_report.items_duplicate;
    }
    m_log.save(m_store);
    tx.commit();
    ++m_report.push_batches;
    if (missingBlobs.empty()) {
        m_onItems(static_cast<std::int64_t>(response.results.size()), payloadBytes);
        return;
    }
    // The office lacks a file we believed it held (it lost or never kept it): forget what we
    // believed, upload again what is missing, and push those items once more (protocol §6).
    m_onItems(static_cast<std::int64_t>(response.results.size() - missingBlobs.size()),
              payloadBytes);
    m_onServer.clear();
    std::vector<PushItem> again;
    for (std::size_t i : missingBlobs) {
        PushItem &item = request.items[i];
        if (deliverBlobs(item))
            again.push_back(std::move(item));
        else
            m_onItems(1, 0);
    }
    if (!again.empty()) {
        sendBatch(std::move(again), 0, true);
    } else {
        Transaction note(m_store.database()); // the undeliverable ones, for status
        m_log.save(m_store);
        note.commit();
    }
}

} // namespace fp
