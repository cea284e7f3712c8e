#pragma once
// A Transport that passes everything to the real one and keeps a copy of each request body,
// so the benchmark can send the very same bytes again with plain curl.

#include "client/transport.h"

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace fp::bench {

/// Forwards to `inner`; remembers POST bodies and the files streamed by PUTs.
class RecordingTransport final : public Transport
{
  public:
    explicit RecordingTransport(Transport &inner) : m_inner(inner) {}

    HttpResponse send(const HttpRequest &request) override
    {
        if (request.method == "POST")
            m_bodies.push_back(request.body);
        if (request.file)
            m_files.push_back(*request.file);
        const auto start = std::chrono::steady_clock::now();
        HttpResponse response = m_inner.send(request);
        Timing &t = m_timing[request.method];
        ++t.count;
        t.seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        return response;
    }
    std::int64_t requestCount() const override { return m_inner.requestCount(); }

    const std::vector<std::string> &bodies() const { return m_bodies; }
    const std::vector<FileSlice> &files() const { return m_files; }

    /// Requests and seconds spent waiting for them, by method.
    struct Timing
    {
        int count = 0;
        double seconds = 0;
    };
    const std::map<std::string, Timing> &timing() const { return m_timing; }

  private:
    Transport &m_inner;
    std::vector<std::string> m_bodies;
    std::vector<FileSlice> m_files;
    std::map<std::string, Timing> m_timing;
};

} // namespace fp::bench
