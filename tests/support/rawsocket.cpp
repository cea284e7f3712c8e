#include "rawsocket.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fp::test {

RawSocket::RawSocket(std::uint16_t port)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        return;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawSocket::~RawSocket()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool RawSocket::send(const std::string &bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        done += std::size_t(n);
    }
    return true;
}

bool RawSocket::shutdownWrite()
{
    return ::shutdown(m_fd, SHUT_WR) == 0;
}

void RawSocket::close(bool reset)
{
    if (m_fd < 0)
        return;
    if (reset) {
        const linger hard{1, 0};
        ::setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
    }
    ::close(m_fd);
    m_fd = -1;
}

RawSocket::Ending RawSocket::readUntilClosed(std::chrono::milliseconds limit)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    Ending end;
    char buf[4096];
    while (true) {
        const auto spent =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
        if (spent >= limit)
            break;
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, int((limit - spent).count())) <= 0)
            continue; // the loop's time check ends it
        const ssize_t n = ::recv(m_fd, buf, sizeof buf, 0);
        if (n <= 0) {
            end.closed = true;
            break;
        }
        end.received.append(buf, std::size_t(n));
    }
    end.after = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
    return end;
}

std::uint16_t portOf(const std::string &baseUrl)
{
    return static_cast<std::uint16_t>(std::stoi(baseUrl.substr(baseUrl.rfind(':') + 1)));
}

} // namespace fp::test
