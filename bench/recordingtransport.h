#pragma once
// A Transport that passes everything to the real one and keeps a copy of each request body,
// so the benchmark can send the very same bytes again with plain curl. Several transports (the
// sync's own connection and its upload lanes) may write into one Recording from their threads.

#include "client/transport.h"

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace fp::bench {

/// What passed through every RecordingTransport writing into it.
class Recording
{
  public:
    /// Requests and seconds spent waiting for them, by method (summed over connections).
    struct Timing
    {
        int count = 0;
        double seconds = 0;
    };

    void note(const HttpRequest &request, double seconds)
    {
        std::lock_guard lock(m_mutex);
        if (request.method == "POST")
            m_bodies.push_back(request.body);
        if (request.file)
            m_files.push_back(*request.file);
        Timing &t = m_timing[request.method];
        ++t.count;
        t.seconds += seconds;
    }

    // Read once the sync has finished, when no transport writes any more.
    const std::vector<std::string> &bodies() const { return m_bodies; }
    const std::vector<FileSlice> &files() const { return m_files; }
    const std::map<std::string, Timing> &timing() const { return m_timing; }

  private:
    std::mutex m_mutex;
    std::vector<std::string> m_bodies;
    std::vector<FileSlice> m_files;
    std::map<std::string, Timing> m_timing;
};

/// Forwards to an inner transport (owned or not) and notes each request in a Recording.
class RecordingTransport final : public Transport
{
  public:
    RecordingTransport(Transport &inner, Recording &into) : m_inner(inner), m_into(into) {}
    RecordingTransport(std::unique_ptr<Transport> owned, Recording &into)
        : m_owned(std::move(owned)), m_inner(*m_owned), m_into(into)
    {
    }

    HttpResponse send(const HttpRequest &request) override
    {
        const auto start = std::chrono::steady_clock::now();
        HttpResponse response = m_inner.send(request);
        m_into.note(
            request,
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        return response;
    }
    std::int64_t requestCount() const override { return m_inner.requestCount(); }

  private:
    std::unique_ptr<Transport> m_owned;
    Transport &m_inner;
    Recording &m_into;
};

} // namespace fp::bench
