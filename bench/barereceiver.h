#pragma once
// The "bare receiver" of the push benchmark's baseline: an HTTP server that reads every
// request body and throws it away, so plain curl's time is the cost of moving the bytes.

#include <cstdint>
#include <memory>
#include <string>
#include <thread>

namespace httplib {
class Server;
}

namespace fp::bench {

/// Accepts any PUT or POST on 127.0.0.1 and answers 200 once the body is read.
class BareReceiver
{
public:
    BareReceiver();
    ~BareReceiver();
    BareReceiver(const BareReceiver &) = delete;
    BareReceiver &operator=(const BareReceiver &) = delete;

    std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(m_port); }
    std::int64_t bytesReceived() const;

private:
    std::unique_ptr<httplib::Server> m_server;
    int m_port = 0;
    std::shared_ptr<std::int64_t> m_bytes;
    std::thread m_thread;
};

} // namespace fp::bench
