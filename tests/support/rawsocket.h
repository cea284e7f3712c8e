#pragma once
// A raw TCP connection to the server under test, for requests no HTTP library would send:
// half a request that never ends (slow loris), a NUL byte in the request line.

#include <chrono>
#include <cstdint>
#include <string>

namespace fp::test {

class RawSocket
{
  public:
    /// Connects to 127.0.0.1:port; connected() tells whether it worked.
    explicit RawSocket(std::uint16_t port);
    ~RawSocket();
    RawSocket(const RawSocket &) = delete;
    RawSocket &operator=(const RawSocket &) = delete;

    bool connected() const { return m_fd >= 0; }
    bool send(const std::string &bytes);
    /// Ends the sending side (FIN) and keeps reading: a client that half-closes after its body.
    bool shutdownWrite();
    /// Drops the connection now; with `reset` by RST (SO_LINGER 0) instead of FIN.
    void close(bool reset = false);

    struct Ending
    {
        bool closed = false; // the server closed (or reset) the connection
        std::string received;
        std::chrono::milliseconds after{0};
    };
    /// Reads until the server closes the connection or `limit` passes.
    Ending readUntilClosed(std::chrono::milliseconds limit);

  private:
    int m_fd = -1;
};

/// The port of a base URL like "http://127.0.0.1:41234".
std::uint16_t portOf(const std::string &baseUrl);

} // namespace fp::test
