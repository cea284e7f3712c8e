#pragma once
// Delivers the outbox: for each batch (bounded by count and bytes) first the files its items
// reference, then the items; each outbox row is marked done only when the office answered
// stored or duplicate for that very revision.

#include "apiclient.h"
#include "blobdelivery.h"
#include "device/devicestore.h"
#include "rejectionlog.h"
#include "syncreport.h"

#include <functional>
#include <set>
#include <string>

namespace fp {

/// Bounds of one push batch and what to do with parked rejections.
struct PushOptions
{
    std::size_t max_items = 500;
    /// Well under the office's 16 MB body limit: JSON re-encoding may grow a payload a little.
    std::size_t max_bytes = std::size_t{8} << 20;
    /// Send revisions the office rejected before once more (after the office fixed something).
    bool retry_rejected = false;
    /// False on a connection the user keeps to records (metered, roaming): an item that names a
    /// file waits in the outbox for a run with files; nothing is uploaded, nothing rejected.
    bool upload_files = true;
};

/// Pushes every pending outbox row once per run.
class Pusher
{
  public:
    /// `onItems(items, payloadBytes)` reports rows finished; `checkpoint` throws to stop
    /// (cancel, deadline) and is called before every request batch.
    Pusher(DeviceStore &store, ApiClient &api, BlobDeliverer &blobs, SyncReport &report,
           PushOptions options, std::string deviceId,
           std::function<void(std::int64_t, std::int64_t)> onItems,
           std::function<void()> checkpoint);

    void run();

  private:
    /// Uploads the files of `items` the office is not known to hold; for each item, whether
    /// all its files are there now. The others get a parked rejection.
    std::vector<bool> deliverBlobs(const std::vector<PushItem> &items);
    /// Pushes `items` and records the answers. Items answered `missing_blob` get their files
    /// checked and uploaded again and are pushed once more, unless this is that second try.
    void sendBatch(std::vector<PushItem> items, std::int64_t payloadBytes, bool secondTry = false);
    void reject(const RejectedItem &item);

    DeviceStore &m_store;
    ApiClient &m_api;
    BlobDeliverer &m_blobs;
    SyncReport &m_report;
    PushOptions m_options;
    std::string m_deviceId;
    std::function<void(std::int64_t, std::int64_t)> m_onItems;
    std::function<void()> m_checkpoint;
    RejectionLog m_log;
    std::set<std::string> m_onServer; // blobs the office confirmed during this run
};

} // namespace fp
