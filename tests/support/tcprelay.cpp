#include "tcprelay.h"

#include <arpa/inet.h>
#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace fp::test {

namespace {

void setNonBlocking(int fd)
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

sockaddr_in loopback(std::uint16_t port)
{
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return a;
}

void closeHard(int fd, bool reset)
{
    if (fd < 0)
        return;
    if (reset) {
        const linger l{1, 0}; // close() then sends RST instead of FIN
        ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    ::close(fd);
}

} // namespace

/// One relayed connection: side 0 is the client, side 1 the server. buffer[d] holds bytes
/// read from side d not yet written to the other side.
struct TcpRelay::Link
{
    int fd[2] = {-1, -1};
    std::string buffer[2];
    bool eof[2] = {false, false};      // side d will send nothing more
    bool shutDown[2] = {false, false}; // we sent FIN to side d
};

TcpRelay::TcpRelay(std::uint16_t upstreamPort) : m_upstream(upstreamPort)
{
    m_listen = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a = loopback(0);
    socklen_t len = sizeof a;
    if (m_listen < 0 || ::bind(m_listen, reinterpret_cast<sockaddr *>(&a), sizeof a) != 0 ||
        ::listen(m_listen, 64) != 0 ||
        ::getsockname(m_listen, reinterpret_cast<sockaddr *>(&a), &len) != 0 ||
        ::pipe2(m_wake, O_CLOEXEC | O_NONBLOCK) != 0)
        throw std::runtime_error("the relay cannot listen on 127.0.0.1");
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] { loop(); });
}

TcpRelay::~TcpRelay()
{
    m_stop = true;
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(m_wake[1], &byte, 1);
    m_thread.join();
    ::close(m_listen);
    ::close(m_wake[0]);
    ::close(m_wake[1]);
}

void TcpRelay::armCut(std::int64_t bytes, Direction direction, bool reset, bool staysDown)
{
    std::lock_guard lock(m_mutex);
    m_armed = true;
    m_staysDown = staysDown;
    m_down = false;
    m_cutLeft = bytes;
    m_cutDirection = static_cast<int>(direction);
    m_cutReset = reset;
}

void TcpRelay::disarm()
{
    std::lock_guard lock(m_mutex);
    m_armed = false;
    m_down = false;
}

std::int64_t TcpRelay::cutBudget(int direction, std::int64_t available)
{
    std::lock_guard lock(m_mutex);
    if (!m_armed || m_cutDirection != direction)
        return -1;
    if (available < m_cutLeft) {
        m_cutLeft -= available;
        return -1;
    }
    const std::int64_t pass = m_cutLeft;
    m_armed = false;
    m_down = m_staysDown;
    return pass;
}

void TcpRelay::accept(std::list<Link> &links)
{
    const int client = ::accept4(m_listen, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0)
        return;
    {
        std::lock_guard lock(m_mutex);
        if (m_down) {
            closeHard(client, true); // no coverage: the connection dies at once
            return;
        }
    }
    const int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in a = loopback(m_upstream);
    if (server < 0 || ::connect(server, reinterpret_cast<const sockaddr *>(&a), sizeof a) != 0) {
        ::close(client);
        if (server >= 0)
            ::close(server);
        return;
    }
    ++m_connections;
    setNonBlocking(client);
    setNonBlocking(server);
    links.emplace_back();
    links.back().fd[0] = client;
    links.back().fd[1] = server;
}

bool TcpRelay::flush(Link &link, int to)
{
    std::string &out = link.buffer[1 - to];
    while (!out.empty()) {
        const ssize_t n = ::send(link.fd[to], out.data(), out.size(), MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK;
        out.erase(0, static_cast<std::size_t>(n));
    }
    if (link.eof[1 - to] && !link.shutDown[to]) {
        ::shutdown(link.fd[to], SHUT_WR); // pass the peer's close on once its bytes are out
        link.shutDown[to] = true;
    }
    return true;
}

TcpRelay::Step TcpRelay::pump(Link &link, int from)
{
    char chunk[64 * 1024];
    const ssize_t n = ::recv(link.fd[from], chunk, sizeof chunk, 0);
    if (n == 0) {
        link.eof[from] = true;
        return flush(link, 1 - from) ? Step::Keep : Step::Close;
    }
    if (n < 0)
        return errno == EAGAIN || errno == EWOULDBLOCK ? Step::Keep : Step::Close;
    const std::int64_t pass = cutBudget(from, n);
    if (pass >= 0) {
        // The cut: the peer gets exactly `pass` more bytes (best effort), then the link dies.
        link.buffer[from].append(chunk, static_cast<std::size_t>(pass));
        flush(link, 1 - from);
        m_bytes[from] += pass;
        ++m_cuts;
        return Step::Cut;
    }
    m_bytes[from] += n;
    link.buffer[from].append(chunk, static_cast<std::size_t>(n));
    return flush(link, 1 - from) ? Step::Keep : Step::Close;
}

void TcpRelay::loop()
{
    std::list<Link> links;
    while (!m_stop) {
        std::vector<pollfd> fds{{m_wake[0], POLLIN, 0}, {m_listen, POLLIN, 0}};
        for (const Link &l : links) {
            for (int side = 0; side < 2; ++side) {
                short events = 0;
                // Read only when the other side has taken what we hold (back-pressure).
                if (!l.eof[side] && l.buffer[side].empty())
                    events |= POLLIN;
                if (!l.buffer[1 - side].empty())
                    events |= POLLOUT;
                fds.push_back({l.fd[side], events, 0});
            }
        }
        if (::poll(fds.data(), fds.size(), 200) < 0 && errno != EINTR)
            break;
        std::size_t i = 2;
        for (auto it = links.begin(); it != links.end(); i += 2) {
            Step step = Step::Keep;
            for (int side = 0; side < 2 && step == Step::Keep; ++side) {
                const short ev = fds[i + static_cast<std::size_t>(side)].revents;
                if ((ev & POLLOUT) && !flush(*it, side))
                    step = Step::Close;
                if (step == Step::Keep && !it->eof[side] && (ev & (POLLIN | POLLHUP | POLLERR)))
                    step = pump(*it, side);
            }
            const bool done =
                it->eof[0] && it->eof[1] && it->buffer[0].empty() && it->buffer[1].empty();
            if (step != Step::Keep || done) {
                bool reset = false;
                if (step == Step::Cut) {
                    std::lock_guard lock(m_mutex);
                    reset = m_cutReset;
                }
                closeHard(it->fd[0], reset);
                closeHard(it->fd[1], reset);
                it = links.erase(it);
            } else {
                ++it;
            }
        }
        // After the walk: fds[] indices above must match the links that were polled.
        if (fds[1].revents & POLLIN)
            accept(links);
    }
    for (Link &l : links) {
        ::close(l.fd[0]);
        ::close(l.fd[1]);
    }
}

} // namespace fp::test
