#pragma once
// A TCP relay on 127.0.0.1 between the sync client and the server, on its own thread with
// poll(), that can drop a connection after an exact number of bytes: the "cut the wire" fault
// of DESIGN §8. Plain C++ (no Qt) so fault and benchmark programs can use it too.

#include <atomic>
#include <cstdint>
#include <list>
#include <mutex>
#include <thread>

namespace fp::test {

/// Forwards every connection made to port() to 127.0.0.1:upstreamPort.
class TcpRelay
{
  public:
    enum class Direction { ToServer = 0, ToClient = 1 };

    /// Listens on an ephemeral loopback port and starts the relay thread; throws on failure.
    explicit TcpRelay(std::uint16_t upstreamPort);
    ~TcpRelay();
    TcpRelay(const TcpRelay &) = delete;
    TcpRelay &operator=(const TcpRelay &) = delete;

    std::uint16_t port() const { return m_port; }

    /// After `bytes` more bytes flow in `direction` (on any connection), the connection that
    /// carries them is dropped right there: the peer gets exactly those bytes, then a close
    /// (FIN, or RST when `reset`). One cut per arming; with `staysDown` the wire then stays
    /// cut (every connection is dropped at once) until disarm(), as when coverage is lost.
    void armCut(std::int64_t bytes, Direction direction, bool reset, bool staysDown = false);
    void disarm();
    /// Cuts done so far.
    int cuts() const { return m_cuts.load(); }
    /// Bytes forwarded in a direction since the relay started.
    std::int64_t bytes(Direction direction) const
    {
        return m_bytes[static_cast<int>(direction)].load();
    }
    int connections() const { return m_connections.load(); }

  private:
    struct Link;
    enum class Step { Keep, Close, Cut };
    void loop();
    void accept(std::list<Link> &links);
    /// Moves bytes of `link` read from side `from` towards the other side.
    Step pump(Link &link, int from);
    /// Writes what `link` holds for side `to`; false when that side is gone.
    bool flush(Link &link, int to);
    /// How many of `available` bytes may pass before the armed cut; -1 when no cut applies.
    std::int64_t cutBudget(int direction, std::int64_t available);

    std::uint16_t m_upstream;
    std::uint16_t m_port = 0;
    int m_listen = -1;
    int m_wake[2] = {-1, -1};
    std::mutex m_mutex; // guards the armed cut
    bool m_armed = false;
    std::int64_t m_cutLeft = 0;
    int m_cutDirection = 0;
    bool m_cutReset = false;
    bool m_staysDown = false;
    bool m_down = false; // the wire is cut until disarm()
    std::atomic<int> m_cuts{0};
    std::atomic<int> m_connections{0};
    std::atomic<std::int64_t> m_bytes[2] = {0, 0};
    std::atomic<bool> m_stop{false};
    std::thread m_thread; // last: started after everything above is ready
};

} // namespace fp::test
