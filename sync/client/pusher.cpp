#include "pusher.h"

#include "blobrefs.h"
#include "core/ids.h"
#include "device/outboxquery.h"
#include "syncerror.h"

#include <map>

namespace fp {

namespace {
// Each batch consumes at least one outbox row, so a run ends; the bound only guards against
// an inspector editing faster than the office answers.
constexpr int kMaxBatches = 100000;
// The envelope around each item's data: type, id, version, device time, commas.
constexpr std::size_t kItemOverhead = 200;
} // namespace

Pusher::Pusher(DeviceStore &store, ApiClient &api, BlobDeliverer &blobs, SyncReport &report,
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

std::vector<bool> Pusher::deliverBlobs(const std::vector<PushItem> &items)
{
    std::vector<std::vector<std::string>> refs;
    refs.reserve(items.size());
    std::vector<std::string> wanted;
    std::set<std::string> seen;
    for (const PushItem &item : items) {
        refs.push_back(blobRefs(item.data));
        for (const std::string &sha : refs.back())
            if (!m_onServer.contains(sha) && seen.insert(sha).second)
                wanted.push_back(sha);
    }
    const std::vector<BlobDelivery> delivered = m_blobs.deliver(wanted);
    std::map<std::string, const BlobDelivery *> failed;
    for (std::size_t i = 0; i < wanted.size(); ++i) {
        if (delivered[i].state == BlobDelivery::State::Held)
            m_onServer.insert(wanted[i]);
        else
            failed.emplace(wanted[i], &delivered[i]);
    }
    std::vector<bool> ready(items.size(), true);
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (const std::string &sha : refs[i]) {
            const auto f = failed.find(sha);
            if (f == failed.end())
                continue;
            const PushItem &item = items[i];
            reject({item.type, item.id, item.version, f->second->code, f->second->message});
            ready[i] = false;
            break;
        }
    }
    return ready;
}

void Pusher::run()
{
    std::optional<OutboxKey> after;
    for (int batch = 0; batch < kMaxBatches; ++batch) {
        m_checkpoint();
        const std::vector<OutboxItem> rows =
            m_store.pendingOutboxAfter(after, static_cast<int>(m_options.max_items));
        if (rows.empty())
            break;
        std::vector<PushItem> candidates;
        std::vector<std::int64_t> sizes; // each candidate's payload bytes, for progress
        std::size_t bytes = 0;
        std::int64_t skipped = 0;
        std::int64_t skippedBytes = 0;
        for (const OutboxItem &row : rows) {
            const std::size_t estimate = row.payload.size() + kItemOverhead +
                                         (row.statement ? row.statement->size() + 160 : 0);
            if (!candidates.empty() && bytes + estimate > m_options.max_bytes)
                break; // this row starts the next batch
            after = OutboxKey{row.queued_at, row.type, row.id};
            if (!m_options.retry_rejected && m_log.parked(row.type, row.id, row.version)) {
                ++m_report.items_parked;
                ++skipped;
                skippedBytes += static_cast<std::int64_t>(row.payload.size());
                continue;
            }
            PushItem item{row.type,      row.id,       row.version,  parseJson(row.payload),
                          row.queued_at, std::nullopt, std::nullopt, std::nullopt};
            if (!m_options.upload_files && !blobRefs(item.data).empty()) {
                ++m_report.items_waiting_for_files;
                ++skipped;
                skippedBytes += static_cast<std::int64_t>(row.payload.size());
                continue;
            }
            if (row.statement) {
                // The envelope's prev_hash copy is left out: the statement holds it (and every
                // byte counts in a 10,000-item push).
                item.statement = parseJson(*row.statement);
                item.signature = row.signature;
            }
            candidates.push_back(std::move(item));
            sizes.push_back(static_cast<std::int64_t>(row.payload.size()));
            bytes += estimate;
        }
        // The batch's files first, all of them at once; an item goes only with all its files.
        const std::vector<bool> ready = deliverBlobs(candidates);
        std::vector<PushItem> items;
        std::int64_t payloadBytes = 0;
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (!ready[i]) {
                ++skipped;
                skippedBytes += sizes[i];
                continue;
            }
            items.push_back(std::move(candidates[i]));
            payloadBytes += sizes[i];
        }
        if (skipped > 0) {
            // parked and undeliverable items are remembered for status
            m_store.inTransaction([&] { m_log.save(m_store); });
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
    m_store.inTransaction([&] { // one commit for the whole batch, not one per item
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
    });
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
    std::vector<PushItem> missing;
    missing.reserve(missingBlobs.size());
    for (std::size_t i : missingBlobs)
        missing.push_back(std::move(request.items[i]));
    const std::vector<bool> ready = deliverBlobs(missing);
    std::vector<PushItem> again;
    for (std::size_t i = 0; i < missing.size(); ++i) {
        if (ready[i])
            again.push_back(std::move(missing[i]));
        else
            m_onItems(1, 0);
    }
    if (!again.empty()) {
        sendBatch(std::move(again), 0, true);
    } else {
        // the undeliverable ones, for status
        m_store.inTransaction([&] { m_log.save(m_store); });
    }
}

} // namespace fp
