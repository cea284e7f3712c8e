#pragma once
// Child processes for the benchmarks, with plain POSIX (the benchmarks link no Qt): a command
// run to completion with some stdin, or a long-running server stopped on destruction.

#include <string>
#include <sys/types.h>
#include <vector>

namespace fp::bench {

/// Runs `argv` to completion with `input` on stdin; its stdout is returned, its stderr goes
/// to ours. Throws std::runtime_error (with the output) unless it exits 0.
std::string runToCompletion(const std::vector<std::string> &argv, const std::string &input = {});

/// `fieldproof-server serve` on an ephemeral loopback port; SIGTERM on destruction.
class ServerChild
{
  public:
    /// Starts the server on `dataDir`, logging to `logFile`, and waits (at most 20 s) for the
    /// line that names its address. `extra` is added to the serve command line.
    ServerChild(const std::string &serverBinary, const std::string &dataDir,
                const std::string &logFile, const std::vector<std::string> &extra = {});
    ~ServerChild();
    ServerChild(const ServerChild &) = delete;
    ServerChild &operator=(const ServerChild &) = delete;

    const std::string &baseUrl() const { return m_baseUrl; }
    pid_t pid() const { return m_pid; }

  private:
    pid_t m_pid = -1;
    int m_stdout = -1;
    std::string m_baseUrl;
};

} // namespace fp::bench
