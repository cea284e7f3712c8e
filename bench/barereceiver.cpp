#include "barereceiver.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace fp::bench {

namespace {

/// Content-Length of a header block (0 when absent).
std::int64_t contentLength(const std::string &head)
{
    std::size_t at = 0;
    while ((at = head.find("\r\n", at)) != std::string::npos) {
        at += 2;
        if (head.size() - at > 15 && ::strncasecmp(head.data() + at, "content-length:", 15) == 0)
            return std::stoll(head.substr(at + 15));
    }
    return 0;
}

} // namespace

BareReceiver::BareReceiver()
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
        ::listen(m_listen, 16) != 0 ||
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len) != 0)
        throw std::runtime_error("the bare receiver cannot listen");
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] {
        while (!m_stop) {
            pollfd p{m_listen, POLLIN, 0};
            if (::poll(&p, 1, 100) <= 0)
                continue;
            const int c = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
            if (c >= 0) {
                serve(c);
                ::close(c);
            }
        }
    });
}

BareReceiver::~BareReceiver()
{
    m_stop = true;
    m_thread.join();
    ::close(m_listen);
}

void BareReceiver::serve(int connection)
{
    const int one = 1;
    ::setsockopt(connection, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::vector<char> buffer(1 << 20);
    std::string pending; // bytes read past the current request's body: the next request
    const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}";
    for (;;) {
        std::size_t end;
        while ((end = pending.find("\r\n\r\n")) == std::string::npos) {
            const ssize_t n = ::recv(connection, buffer.data(), buffer.size(), 0);
            if (n <= 0)
                return;
            pending.append(buffer.data(), static_cast<std::size_t>(n));
        }
        std::int64_t left = contentLength(pending.substr(0, end + 2));
        pending.erase(0, end + 4);
        const auto already = std::min<std::int64_t>(left, std::int64_t(pending.size()));
        pending.erase(0, static_cast<std::size_t>(already));
        left -= already;
        m_bytes += already;
        while (left > 0) {
            const ssize_t n =
                ::recv(connection, buffer.data(),
                       std::size_t(std::min<std::int64_t>(left, std::int64_t(buffer.size()))), 0);
            if (n <= 0)
                return;
            left -= n;
            m_bytes += n;
        }
        if (::send(connection, answer.data(), answer.size(), MSG_NOSIGNAL) < 0)
            return;
    }
}

} // namespace fp::bench
