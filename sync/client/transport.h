#pragma once
// The seam between the sync engine and the network: the engine speaks HttpRequest and
// HttpResponse; CurlTransport is the real one, tests may count or fault what passes through.

#include "httpmessage.h"

#include <cstdint>

namespace fp {

/// Sends one request and returns whatever status came back.
class Transport
{
  public:
    virtual ~Transport() = default;

    /// Throws NetworkError when no complete answer arrived and SyncCancelled when the cancel
    /// flag was raised. Any HTTP status, error or not, is returned, not thrown.
    virtual HttpResponse send(const HttpRequest &request) = 0;

    /// Requests sent so far (each attempt counts), for tests and benchmarks.
    virtual std::int64_t requestCount() const = 0;
};

} // namespace fp
