#include "childprocess.h"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace fp::bench {

namespace {

std::vector<char *> cArgs(const std::vector<std::string> &argv)
{
    std::vector<char *> out;
    for (const std::string &a : argv)
        out.push_back(const_cast<char *>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

std::string joined(const std::vector<std::string> &argv)
{
    std::string line;
    for (const std::string &a : argv)
        line += (line.empty() ? "" : " ") + a;
    return line;
}

} // namespace

std::string runToCompletion(const std::vector<std::string> &argv, const std::string &input)
{
    int in[2], out[2];
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    std::vector<char *> args = cArgs(argv);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    if (!input.empty()) [[maybe_unused]]
        auto n = ::write(in[1], input.data(), input.size());
    ::close(in[1]);
    std::string output;
    char buffer[4096];
    for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) > 0;)
        output.append(buffer, static_cast<std::size_t>(n));
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error("'" + joined(argv) + "' failed: " + output);
    return output;
}

ServerChild::ServerChild(const std::string &serverBinary, const std::string &dataDir,
                         const std::string &logFile, const std::vector<std::string> &extra)
{
    int out[2];
    if (::pipe2(out, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    std::vector<std::string> argv{serverBinary, "serve",    "--data",
                                  dataDir,      "--listen", "127.0.0.1:0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    std::vector<char *> args = cArgs(argv);
    m_pid = ::fork();
    if (m_pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        const int log = ::open(logFile.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(log, STDERR_FILENO);
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    ::close(out[1]);
    std::string said;
    // "listening on http://127.0.0.1:PORT ..." (no std::regex: GCC 12 warns inside it under ASan)
    const std::string marker = "listening on ";
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::size_t at = std::string::npos, end = std::string::npos;
    while ((at = said.find(marker)) == std::string::npos ||
           (end = said.find_first_of(" \n", at + marker.size())) == std::string::npos) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{out[0], POLLIN, 0};
        char buffer[512];
        ssize_t n = 0;
        if (left.count() <= 0 || ::poll(&p, 1, int(left.count())) <= 0 ||
            (n = ::read(out[0], buffer, sizeof buffer)) <= 0) {
            ::close(out[0]);
            throw std::runtime_error("the server did not start; it said: " + said);
        }
        said.append(buffer, static_cast<std::size_t>(n));
    }
    m_baseUrl = said.substr(at + marker.size(), end - at - marker.size());
    m_stdout = out[0]; // kept open: a closed pipe would kill the server on its next line
}

ServerChild::~ServerChild()
{
    if (m_pid <= 0)
        return;
    ::kill(m_pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200 && ::waitpid(m_pid, &status, WNOHANG) == 0; ++i)
        ::usleep(50'000);
    if (::waitpid(m_pid, &status, WNOHANG) == 0) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, &status, 0);
    }
    ::close(m_stdout);
}

} // namespace fp::bench
