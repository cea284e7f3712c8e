#include "fs/file.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace fp {

FileHandle::~FileHandle()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

FileHandle &FileHandle::operator=(FileHandle &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

int FileHandle::close()
{
    return m_fd < 0 ? 0 : ::close(std::exchange(m_fd, -1));
}

bool writeAll(int fd, std::string_view bytes)
{
    while (!bytes.empty()) {
        const auto n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

bool fsyncPath(const std::filesystem::path &path, int flags)
{
    FileHandle f(::open(path.c_str(), flags | O_CLOEXEC));
    if (f.fd() < 0 || ::fsync(f.fd()) != 0)
        return false;
    return true;
}

bool fsyncDir(const std::filesystem::path &dir)
{
    return fsyncPath(dir, O_RDONLY | O_DIRECTORY);
}

} // namespace fp
