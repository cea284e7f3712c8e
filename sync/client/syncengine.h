#pragma once
// One sync of a device store with the office (DESIGN §4): pull every page of office rows,
// then deliver the outbox (files first, then items, in bounded batches). Runs on the calling
// thread; the tablet app calls it on its sync worker thread.

#include "device/devicestore.h"
#include "pusher.h"
#include "retrypolicy.h"
#include "syncprogress.h"
#include "syncreport.h"
#include "transport.h"

#include <atomic>
#include <chrono>

namespace fp {

/// How a sync runs.
struct SyncOptions
{
    RetryPolicy retry;
    PushOptions push;
    int pull_limit = 2000;
    /// A run stops with an error after this long, whatever is left (no request loop runs
    /// unbounded in time); the next run continues where this one stopped.
    std::chrono::seconds max_duration{3600};
    /// Raised by another thread to stop the run (SyncCancelled), also mid-transfer.
    const std::atomic<bool> *cancel = nullptr;
    ProgressCallback progress;
    /// Opens another connection to the office; with it, up to `upload_connections` files go
    /// up at once. Without it every request shares the one transport given to the engine.
    TransportFactory upload_transport;
    int upload_connections = 3;
};

/// Syncs one device store through one transport.
class SyncEngine
{
  public:
    SyncEngine(DeviceStore &store, Transport &transport, SyncOptions options);

    /// Runs one sync. Throws SyncError (NetworkError, ServerError with the office's message,
    /// SyncCancelled) when it could not finish; what was done stays done, and report() tells.
    SyncReport run();

    const SyncReport &report() const { return m_report; }

  private:
    void pull(ApiClient &api, const std::string &deviceId);
    void checkpoint() const;
    /// Reports progress, at most every 50 ms unless `force` or the phase changed.
    void reportProgress(bool force = false);
    /// Fills the report's totals and notes the outcome; `failure` empty when it finished.
    void finish(const std::string &failure);

    DeviceStore &m_store;
    Transport &m_transport;
    SyncOptions m_options;
    SyncReport m_report;
    SyncProgress m_progress;
    SyncProgress m_lastEmitted;
    std::chrono::steady_clock::time_point m_lastEmit{};
    std::chrono::steady_clock::time_point m_started;
    std::int64_t m_requestsBefore = 0; // the transport's count when the run started
};

/// A one-line English summary of a report, e.g. for the CLI and the status screen.
std::string summarize(const SyncReport &report);

} // namespace fp
