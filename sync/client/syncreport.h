#pragma once
// What one sync did, for the CLI's summary line, the app's status and the tests.

#include <cstdint>
#include <string>
#include <vector>

namespace fp {

/// An item the office refused; it stays pending on the device.
struct RejectedItem
{
    std::string type;
    std::string id;
    std::int64_t version = 0;
    std::string code;
    std::string reason;
};

/// The counts of one completed (or cut short) sync run.
struct SyncReport
{
    // pull
    std::int64_t pull_pages = 0;
    std::int64_t rows_upserted = 0;
    std::int64_t rows_removed = 0;
    std::int64_t rows_skipped = 0;
    bool scope_reset = false; // office rows were replaced (scope change, or a first pull)
    // the office's epoch (epochwatch.h)
    bool office_restored = false;        // the pull brought a new epoch: the office was restored
    std::int64_t items_reoffered = 0;    // acknowledged final inspections queued again for it
    bool log_head_dropped = false;       // the saved tree head was dropped before the log check
    std::int64_t backup_through_seq = 0; // the office's verified backup holds statements 1..n
    // blobs
    std::int64_t blobs_checked = 0;   // HEAD requests answered
    std::int64_t blobs_present = 0;   // the office held them whole already
    std::int64_t blobs_uploaded = 0;  // completed by this run
    std::int64_t blobs_resumed = 0;   // uploads continued from a partial copy on the office
    std::int64_t blob_bytes_sent = 0; // bytes of blob bodies actually sent
    // push
    std::int64_t push_batches = 0;
    std::int64_t items_stored = 0;
    std::int64_t items_duplicate = 0;
    std::int64_t items_parked = 0; // not sent: rejected before at this version (see status)
    std::int64_t items_waiting_for_files = 0; // not sent: they name files, this run sends none
    std::vector<RejectedItem> rejected;
    std::int64_t items_left = 0; // still in the outbox when the run ended
    // transport
    std::int64_t requests = 0;
    std::int64_t retries = 0;
    double seconds = 0;

    /// True when the office acknowledged everything that was pending.
    bool complete() const { return items_left == 0; }
};

} // namespace fp
