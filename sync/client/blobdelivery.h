#pragma once
// Makes sure the office holds a set of files before the items naming them are pushed: over
// the sync's own connection one at a time, or over a few extra connections at once, so that
// the office's work on one file (hash check, fsync, rename) overlaps the transfer of the next.

#include "apiclient.h"
#include "blobuploader.h"
#include "device/photostore.h"
#include "retrypolicy.h"
#include "syncreport.h"
#include "transport.h"

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fp {

/// Makes one more connection to the same office (same address, trust and cancel flag).
using TransportFactory = std::function<std::unique_ptr<Transport>()>;

/// What became of one file.
struct BlobDelivery
{
    enum class State { Held, MissingOnDevice, Refused };
    State state = State::Held;
    std::string code;    // Refused: "blob_" + the office's error code (or HTTP status)
    std::string message; // Refused: the office's message
};

/// How many connections carry files, and how to open them.
struct UploadLanes
{
    /// Files in flight at once; 1, or an empty `make`, uploads on the sync's own connection.
    int connections = 1;
    TransportFactory make;
    std::string token;
    RetryPolicy policy;
    const std::atomic<bool> *cancel = nullptr;
};

/// Delivers files for the Pusher, counting into its SyncReport.
class BlobDeliverer
{
  public:
    /// `onBytes` gets each increase of file bytes done, always on the calling thread;
    /// `checkpoint` throws to stop (cancel, deadline) and may be called from any thread.
    BlobDeliverer(ApiClient &api, const PhotoStore &photos, SyncReport &report, UploadLanes lanes,
                  std::function<void(std::int64_t)> onBytes, std::function<void()> checkpoint);
    ~BlobDeliverer();

    /// One answer per hash, in order. A file the office refuses for good (too large, wrong
    /// hash) is Refused, for the items naming it only; authentication and scope failures, a
    /// link still down after the retries, cancel and deadline throw and stop the whole sync.
    std::vector<BlobDelivery> deliver(const std::vector<std::string> &sha256s);

  private:
    struct Lane;
    std::vector<BlobDelivery> deliverInTurn(const std::vector<std::string> &sha256s);
    std::vector<BlobDelivery> deliverAtOnce(const std::vector<std::string> &sha256s);

    const PhotoStore &m_photos;
    SyncReport &m_report;
    UploadLanes m_lanes;
    std::function<void(std::int64_t)> m_onBytes;
    std::function<void()> m_checkpoint;
    BlobUploader m_uploader;                   // on the sync's own connection
    std::vector<std::unique_ptr<Lane>> m_pool; // extra connections, opened when first needed
};

} // namespace fp
