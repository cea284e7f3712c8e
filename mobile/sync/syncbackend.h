#pragma once
// The narrow seam between the app and the sync library (sync/client): what the sync worker
// needs to enrol and to run one sync. ClientSyncBackend is the real one; tests use a fake.

#include "device/devicestore.h"

#include <QMetaType>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace fp {

/// Who this tablet is to the office, as stored in the device database.
struct DeviceEnrolment
{
    std::string server_url;
    std::string device_id;
    std::string username;
    std::string ca_file{}; // the office's CA certificate this tablet trusts; empty: the system's
};

/// What an inspector types to sign the tablet in once.
struct EnrolRequest
{
    std::string server_url;
    std::string username;
    std::string password;
    std::string device_name;
    /// The office's own CA certificate (a PEM file on the device); empty: the system's trust.
    std::string ca_file{};
};

/// A running sync's position, posted to the UI.
struct SyncRunProgress
{
    enum Phase { Pull, Upload, Push, Done };
    int phase = Pull;
    std::int64_t rows_pulled = 0;
    std::int64_t items_done = 0;
    std::int64_t items_total = 0;
    std::int64_t bytes_done = 0;
    std::int64_t bytes_total = 0;
    /// The last request got no answer (the office is unreachable); the library retries.
    bool unreachable = false;
};

/// Why a sync or an enrolment did not finish; the app turns it into a sentence.
enum class SyncFailure {
    None,
    Network,
    Certificate, // the office's TLS certificate is not trusted (no or the wrong CA)
    Unauthorized,
    Forbidden,
    Server,
    Cancelled,
    NotEnrolled,
    TooManyAttempts,    // the office slows password guessing (429 at enrolment)
    OfficeLogRewritten, // the office's log no longer extends what this tablet saw
    StorageFull,        // the tablet's storage is full: what arrived could not be kept
    Other
};

/// How a sync or enrolment ended.
struct SyncRunResult
{
    SyncFailure failure = SyncFailure::None;
    std::string message; // the library's or the office's own words
    std::string summary; // one line of counts
    std::int64_t items_left = 0;
    std::int64_t rejected = 0;
    std::int64_t rows_pulled = 0;
    std::int64_t items_sent = 0;      // visits the office stored (or already held)
    std::int64_t files_uploaded = 0;  // photos and signatures sent (or already held whole)
    bool office_restored = false;     // the office came back from a backup (a new epoch)
    std::int64_t items_reoffered = 0; // final visits queued again for the restored office
    /// Visits that name a photo or signature and wait for a run that sends files (a records-only
    /// run on a metered or roaming connection).
    std::int64_t items_waiting_for_files = 0;
};

/// How one sync runs.
struct SyncRunOptions
{
    /// Send only what names no file; photos and visits that name them wait (issue 15.9: a
    /// metered or roaming connection the inspector keeps to records).
    bool records_only = false;
};

/// The sync library as the app uses it. Every call runs on the sync worker thread, with the
/// worker's own DeviceStore connection.
class SyncBackend
{
  public:
    using ProgressFn = std::function<void(const SyncRunProgress &)>;
    virtual ~SyncBackend() = default;

    virtual std::optional<DeviceEnrolment> enrolment(DeviceStore &store) = 0;
    virtual SyncRunResult enrol(DeviceStore &store, const EnrolRequest &request,
                                const std::atomic<bool> &cancel) = 0;
    virtual SyncRunResult sync(DeviceStore &store, const std::atomic<bool> &cancel,
                               const ProgressFn &progress, const SyncRunOptions &options) = 0;
    /// UTC timestamp of the last complete sync, empty if never.
    virtual std::string lastSync(DeviceStore &store) = 0;
};

/// The backend of this build: sync/client when it is linked in, else one that says so.
std::unique_ptr<SyncBackend> makeDefaultSyncBackend();

} // namespace fp

Q_DECLARE_METATYPE(fp::SyncRunProgress)
Q_DECLARE_METATYPE(fp::SyncRunResult)
Q_DECLARE_METATYPE(fp::EnrolRequest)
Q_DECLARE_METATYPE(fp::SyncRunOptions)
