#pragma once
// HTTP glue of API v1 on cpp-httplib: routes, body limits, JSON errors for everything that
// goes wrong, and one log line per request. The rules live in SyncService and BlobStore.

#include "server/blobs/blobstore.h"
#include "server/http/httplibfwd.h"
#include "server/syncapi/syncservice.h"

#include <cstdint>
#include <functional>
#include <string>

namespace fp {

struct ApiOptions
{
    std::int64_t max_blob_bytes = 0; // 413 above this
    /// A connection that sends or accepts nothing for this long is closed: a slow-loris client
    /// that stops mid-request must not hold one of the server's worker threads for ever.
    int io_timeout_s = 30;
    /// An idle kept-alive connection is closed after this long, and after this many requests
    /// (cpp-httplib's defaults: closing after a few requests lets waiting devices take turns).
    int keep_alive_timeout_s = 5;
    int keep_alive_max_requests = 5;
    /// How long a blob PUT waits for another request on the same blob to finish before it
    /// answers 409 upload_busy (a cut request needs a few ms to write out what it received).
    int upload_lock_wait_ms = 2000;
};

/// The Retry-After of `409 upload_busy`, in seconds.
inline constexpr int kBusyRetryAfterS = 1;

class ApiServer
{
  public:
    using Log = std::function<void(const std::string &)>;

    ApiServer(SyncService &sync, BlobStore &blobs, ApiOptions options, Log log);
    /// Registers every route and handler on `server` (plain or TLS).
    void attach(httplib::Server &server);

  private:
    void enroll(const httplib::Request &req, httplib::Response &res,
                const httplib::ContentReader &reader);
    void pull(const httplib::Request &req, httplib::Response &res);
    void logProof(const httplib::Request &req, httplib::Response &res);
    void push(const httplib::Request &req, httplib::Response &res,
              const httplib::ContentReader &reader);
    void headOrGetBlob(const httplib::Request &req, httplib::Response &res);
    void putBlob(const httplib::Request &req, httplib::Response &res,
                 const httplib::ContentReader &reader);

    SyncService &m_sync;
    BlobStore &m_blobs;
    ApiOptions m_options;
    Log m_log;
    bool m_plainHttp = true; // false behind TLS (attach)
};

} // namespace fp
