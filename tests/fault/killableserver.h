#pragma once
// The real fieldproof-server on a fixed 127.0.0.1 port, so that it can be SIGKILLed and started
// again behind the same loopback relay as often as a fault campaign wants.

#include <QProcess>
#include <QString>

#include <cstdint>
#include <memory>

namespace fp::test {

class KillableServer
{
  public:
    KillableServer(QString dataDir, std::uint16_t port);
    ~KillableServer();
    KillableServer(const KillableServer &) = delete;
    KillableServer &operator=(const KillableServer &) = delete;

    /// Starts `serve` and waits (at most 20 s) for its "listening on" line; false with the
    /// reason in errorText() otherwise.
    bool start();
    /// SIGKILL, then waits for the process to be gone (at most 10 s).
    void kill();
    /// SIGTERM; true when it exited by itself with status 0 within 20 s.
    bool stop();
    bool isRunning() const;
    QString errorText() const { return m_error; }
    QString logFile() const { return m_dataDir + ".log"; }

  private:
    QString m_dataDir;
    std::uint16_t m_port;
    std::unique_ptr<QProcess> m_process;
    QString m_error;
};

} // namespace fp::test
