#include "blobdelivery.h"

#include "syncerror.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

namespace fp {

namespace {

// libcurl reports every few kilobytes; the UI needs a few updates a second.
constexpr std::chrono::milliseconds kProgressInterval{50};

/// Uploads one file and says what became of it; throws what must stop the whole sync.
BlobDelivery deliverOne(BlobUploader &uploader, const std::string &sha256)
{
    try {
        if (uploader.ensure(sha256) == BlobUploader::Outcome::MissingOnDevice)
            return {BlobDelivery::State::MissingOnDevice, "blob_missing_on_device",
                    "file " + sha256 + " is missing from this device's photo folder"};
        return {};
    } catch (const ServerError &e) {
        // The office refuses this file for good (too large, wrong hash): the items naming it
        // cannot go, the others can. Authentication and scope failures, and a server still
        // failing after the retries, stop the whole sync instead: they are no item's fault.
        if (e.status() == 401 || e.status() == 403 ||
            isTransient(AttemptOutcome{e.status(), std::nullopt}))
            throw;
        return {BlobDelivery::State::Refused,
                "blob_" + (e.code().empty() ? std::to_string(e.status()) : e.code()), e.what()};
    }
}

void addBlobCounts(SyncReport &into, const SyncReport &from)
{
    into.blobs_checked += from.blobs_checked;
    into.blobs_present += from.blobs_present;
    into.blobs_uploaded += from.blobs_uploaded;
    into.blobs_resumed += from.blobs_resumed;
    into.blob_bytes_sent += from.blob_bytes_sent;
}

} // namespace

/// One extra connection and what it counted during one deliver().
struct BlobDeliverer::Lane
{
    Lane(std::unique_ptr<Transport> t, const UploadLanes &lanes, const PhotoStore &photos)
        : transport(std::move(t)), api(*transport, lanes.token, lanes.policy, lanes.cancel),
          uploader(api, photos, report, [this](std::int64_t n) { bytes += n; })
    {
    }

    std::unique_ptr<Transport> transport;
    ApiClient api;
    SyncReport report;
    std::atomic<std::int64_t> bytes{0}; // file bytes done, ever
    BlobUploader uploader;
    // What of the lane's counts is already in the sync's report.
    int retriesCounted = 0;
    std::int64_t requestsCounted = 0;
};

BlobDeliverer::BlobDeliverer(ApiClient &api, const PhotoStore &photos, SyncReport &report,
                             UploadLanes lanes, std::function<void(std::int64_t)> onBytes,
                             std::function<void()> checkpoint)
    : m_photos(photos), m_report(report), m_lanes(std::move(lanes)), m_onBytes(std::move(onBytes)),
      m_checkpoint(std::move(checkpoint)), m_uploader(api, photos, report, m_onBytes)
{
}

BlobDeliverer::~BlobDeliverer() = default;

std::vector<BlobDelivery> BlobDeliverer::deliver(const std::vector<std::string> &sha256s)
{
    if (m_lanes.connections > 1 && m_lanes.make && sha256s.size() > 1)
        return deliverAtOnce(sha256s);
    return deliverInTurn(sha256s);
}

std::vector<BlobDelivery> BlobDeliverer::deliverInTurn(const std::vector<std::string> &sha256s)
{
    std::vector<BlobDelivery> results;
    results.reserve(sha256s.size());
    for (const std::string &sha : sha256s) {
        m_checkpoint();
        results.push_back(deliverOne(m_uploader, sha));
    }
    return results;
}

std::vector<BlobDelivery> BlobDeliverer::deliverAtOnce(const std::vector<std::string> &sha256s)
{
    const std::size_t width =
        std::min(sha256s.size(), static_cast<std::size_t>(m_lanes.connections));
    while (m_pool.size() < width) {
        std::unique_ptr<Transport> transport = m_lanes.make();
        if (!transport)
            throw SyncError("could not open another connection to the office");
        m_pool.push_back(std::make_unique<Lane>(std::move(transport), m_lanes, m_photos));
    }
    std::int64_t bytesBefore = 0;
    for (const auto &lane : m_pool) {
        lane->report = SyncReport{};
        bytesBefore += lane->bytes;
    }

    std::vector<BlobDelivery> results(sha256s.size());
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable finished;
    std::size_t running = width;
    std::exception_ptr failure;

    std::vector<std::thread> threads;
    threads.reserve(width);
    for (std::size_t i = 0; i < width; ++i) {
        const auto work = [&, lane = m_pool[i].get()] {
            try {
                for (std::size_t k = next++; k < sha256s.size() && !stop; k = next++) {
                    m_checkpoint();
                    results[k] = deliverOne(lane->uploader, sha256s[k]);
                }
            } catch (...) {
                stop = true; // the other lanes finish the file in hand and take no more
                std::lock_guard lock(mutex);
                if (!failure)
                    failure = std::current_exception();
            }
            std::lock_guard lock(mutex);
            --running;
            finished.notify_one();
        };
        try {
            threads.emplace_back(work);
        } catch (...) { // no thread to be had: the lanes already running finish the work
            stop = true;
            std::lock_guard lock(mutex);
            running -= width - i;
            if (!failure)
                failure = std::current_exception();
            break;
        }
    }
    // Bytes done on the lanes reach m_onBytes here, on the calling thread: the engine's
    // progress is not meant to be touched from several threads.
    std::int64_t reported = bytesBefore;
    const auto forwardBytes = [&] {
        std::int64_t now = 0;
        for (const auto &lane : m_pool)
            now += lane->bytes;
        if (now > reported)
            m_onBytes(now - reported);
        reported = std::max(reported, now);
    };
    {
        std::unique_lock lock(mutex);
        while (!finished.wait_for(lock, kProgressInterval, [&] { return running == 0; })) {
            lock.unlock();
            forwardBytes();
            lock.lock();
        }
    }
    for (std::thread &t : threads)
        t.join();
    forwardBytes();
    for (auto &lane : m_pool) {
        addBlobCounts(m_report, lane->report);
        m_report.retries += lane->api.retries() - lane->retriesCounted;
        lane->retriesCounted = lane->api.retries();
        m_report.requests += lane->transport->requestCount() - lane->requestsCounted;
        lane->requestsCounted = lane->transport->requestCount();
    }
    if (failure)
        std::rethrow_exception(failure);
    return results;
}

} // namespace fp
