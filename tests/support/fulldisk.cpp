#include "fulldisk.h"

#include <sys/mount.h>
#include <sys/resource.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fp::test {

namespace {

constexpr const char *kFiller = "filler.bin";

} // namespace

FullDisk::FullDisk(std::filesystem::path dir, std::int64_t bytes)
    : m_dir(std::move(dir)), m_bytes(bytes)
{
    std::filesystem::create_directories(m_dir);
    // The injected way on demand, so that both run where mounting is allowed (ctest's
    // *_injected runs).
    if (const char *inject = std::getenv("FIELDPROOF_FULLDISK_INJECT"); inject && *inject) {
        m_reason = "FIELDPROOF_FULLDISK_INJECT is set";
        return;
    }
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0700";
    if (::mount("fieldproof-test", m_dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) ==
        0)
        m_mounted = true;
    else
        m_reason = std::string("no tmpfs can be mounted here: ") + std::strerror(errno);
}

FullDisk::~FullDisk()
{
    release();
    if (m_mounted)
        ::umount2(m_dir.c_str(), MNT_DETACH);
}

std::string FullDisk::how() const
{
    return m_mounted ? "a full " + std::to_string(m_bytes / 1024) + " KiB tmpfs (real)"
                     : "RLIMIT_FSIZE 0 (injected; " + m_reason + ")";
}

bool FullDisk::fill()
{
    if (!m_mounted) {
        // The process's own limit: SIGXFSZ would kill it, so ignore it and take EFBIG.
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit now{};
        if (::getrlimit(RLIMIT_FSIZE, &now) != 0)
            return false;
        m_oldLimit = now.rlim_cur;
        const rlimit none{0, now.rlim_max};
        m_limited = ::setrlimit(RLIMIT_FSIZE, &none) == 0;
        return m_limited;
    }
    const std::filesystem::path file = m_dir / kFiller;
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const std::string chunk(std::size_t{64} * 1024, 'f');
    bool full = false;
    // Bounded: a tmpfs of m_bytes cannot take more than m_bytes.
    for (m_filled = 0; m_filled <= m_bytes;) {
        const ssize_t n = ::write(fd, chunk.data(), chunk.size());
        if (n < 0) {
            full = errno == ENOSPC;
            break;
        }
        m_filled += n;
    }
    // The last few bytes: smaller writes until not one more byte fits.
    for (int i = 0; full && i < 64 * 1024; ++i) {
        if (::write(fd, chunk.data(), 1) < 0)
            break;
        ++m_filled;
    }
    ::close(fd);
    return full;
}

bool FullDisk::release()
{
    if (m_limited) {
        rlimit now{};
        ::getrlimit(RLIMIT_FSIZE, &now);
        const rlimit back{m_oldLimit, now.rlim_max};
        m_limited = ::setrlimit(RLIMIT_FSIZE, &back) != 0;
        return !m_limited;
    }
    if (m_mounted) {
        std::error_code ec;
        std::filesystem::remove(m_dir / kFiller, ec);
        m_filled = 0;
        return !ec;
    }
    return true;
}

} // namespace fp::test
