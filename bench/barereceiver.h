#pragma once
// The "bare receiver" of the push benchmark's baseline: the least an HTTP/1.1 server can do —
// read each request's headers and Content-Length bytes of body into a throwaway buffer and
// answer 200 — so plain curl's time is the cost of moving the bytes and nothing else.

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>

namespace fp::bench {

/// Accepts connections on 127.0.0.1, one at a time, keep-alive, on its own thread.
class BareReceiver
{
  public:
    BareReceiver();
    ~BareReceiver();
    BareReceiver(const BareReceiver &) = delete;
    BareReceiver &operator=(const BareReceiver &) = delete;

    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    /// Body bytes read so far.
    std::int64_t bytesReceived() const { return m_bytes.load(); }

  private:
    void serve(int connection);

    int m_listen = -1;
    int m_port = 0;
    std::atomic<std::int64_t> m_bytes{0};
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
};

} // namespace fp::bench
