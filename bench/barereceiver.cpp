#include "barereceiver.h"

#include <httplib.h>

#include <atomic>
#include <stdexcept>

namespace fp::bench {

BareReceiver::BareReceiver()
    : m_server(std::make_unique<httplib::Server>()), m_bytes(std::make_shared<std::int64_t>(0))
{
    auto counter = m_bytes;
    const auto sink = [counter](const httplib::Request &, httplib::Response &res,
                                const httplib::ContentReader &reader) {
        reader([&](const char *, std::size_t size) {
            std::atomic_ref(*counter).fetch_add(std::int64_t(size));
            return true;
        });
        res.set_content("{}", "application/json");
    };
    m_server->Put(".*", sink);
    m_server->Post(".*", sink);
    // Fair to both sides: the office server sends small answers the same way.
    m_server->set_payload_max_length(std::size_t(1) << 34);
    m_port = m_server->bind_to_any_port("127.0.0.1");
    if (m_port <= 0)
        throw std::runtime_error("the bare receiver cannot listen");
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
}

BareReceiver::~BareReceiver()
{
    m_server->stop();
    m_thread.join();
}

std::int64_t BareReceiver::bytesReceived() const
{
    return std::atomic_ref(*m_bytes).load();
}

} // namespace fp::bench
