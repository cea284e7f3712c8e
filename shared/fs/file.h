#pragma once
// Owned file handles: a POSIX descriptor that closes itself and a C stream that closes itself,
// plus the few POSIX calls written out once (whole writes, fsync of a file or a folder).

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string_view>
#include <utility>

namespace fp {

/// A POSIX file descriptor that closes itself.
class FileHandle
{
  public:
    explicit FileHandle(int fd = -1) : m_fd(fd) {}
    ~FileHandle();
    FileHandle(FileHandle &&other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    FileHandle &operator=(FileHandle &&other) noexcept;
    FileHandle(const FileHandle &) = delete;
    FileHandle &operator=(const FileHandle &) = delete;
    int fd() const { return m_fd; }
    /// Closes now (the destructor then does nothing); returns close()'s result.
    int close();

  private:
    int m_fd;
};

struct FileCloser
{
    void operator()(std::FILE *f) const { std::fclose(f); }
};
/// A C stream that closes itself.
using StdioFile = std::unique_ptr<std::FILE, FileCloser>;

/// Writes all of `bytes` to `fd`, retrying after EINTR and short writes. False with errno set
/// on failure.
[[nodiscard]] bool writeAll(int fd, std::string_view bytes);

/// Opens `path` with `flags` (O_CLOEXEC added) and fsyncs it. False with errno set on failure.
[[nodiscard]] bool fsyncPath(const std::filesystem::path &path, int flags);
/// fsync of a folder, so that a rename or a new entry in it survives a crash. False with errno
/// set on failure.
[[nodiscard]] bool fsyncDir(const std::filesystem::path &dir);

} // namespace fp
