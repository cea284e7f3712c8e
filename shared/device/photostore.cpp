#include "device/photostore.h"

#include "core/error.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "device/devicefull.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace fp {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void failErrno(const std::string &what)
{
    const int error = errno;
    if (isNoRoomErrno(error))
        throw DeviceFullError(what + ": " + std::strerror(error));
    throw Error(what + ": " + std::strerror(error));
}

/// An owned POSIX file descriptor.
class Fd
{
  public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const { return m_fd; }
    void close()
    {
        if (m_fd >= 0 && ::close(m_fd) != 0) {
            m_fd = -1;
            failErrno("close failed");
        }
        m_fd = -1;
    }

  private:
    int m_fd;
};

void fsyncDir(const fs::path &dir)
{
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0)
        failErrno("cannot open folder " + dir.string());
    if (::fsync(fd.get()) != 0)
        failErrno("cannot sync folder " + dir.string());
}

void writeAll(int fd, const char *data, std::size_t size, const fs::path &path)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failErrno("cannot write " + path.string());
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
}

} // namespace

/// A temp file in <root>/tmp that is deleted unless it was renamed into place.
class PhotoStore::TempFile
{
  public:
    explicit TempFile(const fs::path &tmpDir)
        : m_path(tmpDir / (newId() + ".part")),
          m_fd(::open(m_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644))
    {
        if (m_fd.get() < 0)
            failErrno("cannot create " + m_path.string());
    }
    ~TempFile()
    {
        if (!m_moved) {
            std::error_code ec;
            fs::remove(m_path, ec);
        }
    }
    void write(const char *data, std::size_t size) { writeAll(m_fd.get(), data, size, m_path); }
    void syncAndClose()
    {
        if (::fsync(m_fd.get()) != 0)
            failErrno("cannot sync " + m_path.string());
        m_fd.close();
    }
    const fs::path &path() const { return m_path; }
    void markMoved() { m_moved = true; }

  private:
    fs::path m_path;
    Fd m_fd;
    bool m_moved = false;
};

PhotoStore::PhotoStore(fs::path root) : m_root(std::move(root))
{
    fs::create_directories(m_root / "tmp");
}

fs::path PhotoStore::pathOf(std::string_view sha256) const
{
    if (!isSha256Hex(sha256))
        throw Error("not a SHA-256 hash: '" + std::string(sha256) + "'");
    return m_root / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

bool PhotoStore::contains(std::string_view sha256) const
{
    return isSha256Hex(sha256) && fs::exists(pathOf(sha256));
}

PhotoStore::Blob PhotoStore::putBytes(std::string_view data)
{
    TempFile temp(m_root / "tmp");
    temp.write(data.data(), data.size());
    return commit(temp, sha256Hex(data), static_cast<std::int64_t>(data.size()));
}

PhotoStore::Blob PhotoStore::importFile(const fs::path &source)
{
    Fd in(::open(source.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.get() < 0)
        failErrno("cannot read " + source.string());
    TempFile temp(m_root / "tmp");
    Sha256 hash;
    std::int64_t size = 0;
    std::array<char, 1 << 16> buf{};
    for (;;) {
        const ssize_t n = ::read(in.get(), buf.data(), buf.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            failErrno("cannot read " + source.string());
        }
        if (n == 0)
            break;
        hash.update(buf.data(), static_cast<std::size_t>(n));
        temp.write(buf.data(), static_cast<std::size_t>(n));
        size += n;
    }
    return commit(temp, hash.hexDigest(), size);
}

PhotoStore::Blob PhotoStore::commit(TempFile &temp, const std::string &sha256, std::int64_t size)
{
    temp.syncAndClose();
    const fs::path target = pathOf(sha256);
    if (fs::exists(target))
        return {sha256, size}; // same content already stored; the temp file goes away
    const fs::path dir = target.parent_path();
    if (fs::create_directory(dir))
        fsyncDir(m_root);
    if (::rename(temp.path().c_str(), target.c_str()) != 0)
        failErrno("cannot move photo into " + target.string());
    temp.markMoved();
    fsyncDir(dir);
    return {sha256, size};
}

std::vector<std::string> PhotoStore::list() const
{
    std::vector<std::string> out;
    for (const auto &sub : fs::directory_iterator(m_root)) {
        if (!sub.is_directory() || sub.path().filename() == "tmp")
            continue;
        for (const auto &file : fs::directory_iterator(sub.path())) {
            const std::string name = file.path().filename().string();
            if (isSha256Hex(name))
                out.push_back(name);
        }
    }
    return out;
}

int PhotoStore::removeTempFiles()
{
    int removed = 0;
    for (const auto &file : fs::directory_iterator(m_root / "tmp")) {
        fs::remove(file.path());
        ++removed;
    }
    return removed;
}

void PhotoStore::remove(std::string_view sha256)
{
    fs::remove(pathOf(sha256));
}

} // namespace fp
