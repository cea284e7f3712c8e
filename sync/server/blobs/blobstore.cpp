#include "server/blobs/blobstore.h"

#include "core/error.h"
#include "core/sha256.h"
#include "protocol/blobpath.h"

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fp {

namespace {

[[noreturn]] void failErrno(const std::string &what, const std::filesystem::path &path)
{
    const int error = errno;
    std::string message = what + " " + path.string() + ": " + std::strerror(error);
    if (isStorageFullErrno(error))
        throw StorageFullError(message);
    throw Error(message);
}

void syncDirectory(const std::filesystem::path &dir)
{
    if (!fsyncDir(dir))
        failErrno("cannot sync folder", dir);
}

std::optional<std::int64_t> fileSize(const std::filesystem::path &path)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return std::nullopt;
    return static_cast<std::int64_t>(st.st_size);
}

} // namespace

bool isStorageFullErrno(int error)
{
    return error == ENOSPC || error == EDQUOT || error == EFBIG;
}

namespace {

/// How often a waiter tries the lock again (flock has no timed wait).
constexpr std::chrono::milliseconds kLockPoll{2};

/// One try at the lock file `path`: its open, locked file, or nothing when another holds it.
std::optional<FileHandle> takeLock(const std::filesystem::path &path)
{
    // A few rounds at most: each lost one means a holder released (unlinked) in between.
    for (int round = 0; round < 8; ++round) {
        FileHandle f(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640));
        if (f.fd() < 0)
            failErrno("cannot open lock file", path);
        if (::flock(f.fd(), LOCK_EX | LOCK_NB) != 0) {
            if (errno == EWOULDBLOCK || errno == EINTR)
                return std::nullopt;
            failErrno("cannot lock", path);
        }
        struct stat held
        {
        };
        struct stat named
        {
        };
        if (::fstat(f.fd(), &held) == 0 && ::stat(path.c_str(), &named) == 0 &&
            held.st_dev == named.st_dev && held.st_ino == named.st_ino)
            return f;
    }
    return std::nullopt;
}

constexpr std::size_t kWriteBuffer = std::size_t{1} << 20;

/// The folder's upload lock: its locked, open tmp/<id>.lock.
class FolderUploadLock final : public BlobStore::UploadLock
{
  public:
    FolderUploadLock(FileHandle file, std::filesystem::path path)
        : m_file(std::move(file)), m_path(std::move(path))
    {
    }
    ~FolderUploadLock() override
    {
        // Unlinked while still locked: a waiter that opened the old file sees, once it gets
        // the lock, that the path no longer names its file and opens it again (takeLock).
        if (m_file.fd() >= 0)
            ::unlink(m_path.c_str());
    }
    FolderUploadLock(const FolderUploadLock &) = delete;
    FolderUploadLock &operator=(const FolderUploadLock &) = delete;

  private:
    FileHandle m_file;
    std::filesystem::path m_path;
};

/// Appends to tmp/<id>.part through a 1 MiB buffer.
class FolderPartialWriter final : public BlobStore::PartialWriter
{
  public:
    FolderPartialWriter(FileHandle file, std::filesystem::path path, bool hashFromStart)
        : m_file(std::move(file)), m_path(std::move(path)),
          m_hash(hashFromStart ? std::make_unique<Sha256>() : nullptr)
    {
        m_buffer.reserve(kWriteBuffer);
    }

    void write(const char *data, std::size_t size) override
    {
        if (m_hash)
            m_hash->update(data, size);
        if (m_buffer.size() + size > kWriteBuffer)
            flush();
        if (size >= kWriteBuffer) {
            m_buffer.assign(data, data + size);
            flush();
            return;
        }
        m_buffer.insert(m_buffer.end(), data, data + size);
    }

    void sync() override
    {
        flush();
        if (::fsync(m_file.fd()) != 0)
            failErrno("cannot sync", m_path);
    }

    std::optional<std::string> digest() override
    {
        if (!m_hash)
            return std::nullopt;
        std::string hex = m_hash->hexDigest();
        m_hash.reset();
        return hex;
    }

  private:
    void flush()
    {
        if (!writeAll(m_file.fd(), std::string_view(m_buffer.data(), m_buffer.size())))
            failErrno("cannot write", m_path);
        m_buffer.clear();
    }

    FileHandle m_file;
    std::filesystem::path m_path;
    std::vector<char> m_buffer;
    std::unique_ptr<Sha256> m_hash; // null when the upload was resumed
};

} // namespace

std::optional<std::string> BlobStore::readWhole(std::string_view id) const
{
    const StdioFile in = openWhole(id);
    if (!in)
        return std::nullopt;
    std::string bytes;
    std::array<char, 1 << 16> buf{};
    for (;;) {
        const std::size_t n = std::fread(buf.data(), 1, buf.size(), in.get());
        bytes.append(buf.data(), n);
        if (n < buf.size())
            break;
    }
    if (std::ferror(in.get()))
        throw Error("cannot read blob " + std::string(id) + ": " + std::strerror(errno));
    return bytes;
}

FolderBlobStore::FolderBlobStore(std::filesystem::path blobsDir, std::filesystem::path tmpDir)
    : m_blobs(std::move(blobsDir)), m_tmp(std::move(tmpDir))
{
}

std::filesystem::path FolderBlobStore::wholePath(std::string_view id) const
{
    return m_blobs / blobRelativePath(id);
}

std::filesystem::path FolderBlobStore::partialPath(std::string_view id) const
{
    if (!isValidBlobId(id))
        throw ValidationError("a blob id must be 64 lowercase hex digits (its SHA-256)");
    return m_tmp / (std::string(id) + ".part");
}

std::optional<std::int64_t> FolderBlobStore::wholeSize(std::string_view id) const
{
    return fileSize(wholePath(id));
}

StdioFile FolderBlobStore::openWhole(std::string_view id) const
{
    const auto path = wholePath(id);
    StdioFile in(std::fopen(path.c_str(), "rbe"));
    if (!in && errno != ENOENT)
        failErrno("cannot open", path);
    return in;
}

std::int64_t FolderBlobStore::partialSize(std::string_view id) const
{
    return fileSize(partialPath(id)).value_or(0);
}

std::filesystem::path FolderBlobStore::lockPath(std::string_view id) const
{
    return m_tmp / (std::string(id) + ".lock");
}

std::unique_ptr<BlobStore::UploadLock> FolderBlobStore::lockWithin(std::string_view id,
                                                                   std::chrono::milliseconds wait)
{
    const auto path = lockPath(id);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) { // bounded by the deadline
        if (auto file = takeLock(path))
            return std::make_unique<FolderUploadLock>(std::move(*file), path);
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return nullptr;
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(kLockPoll, deadline - now));
    }
}

std::unique_ptr<BlobStore::PartialWriter> FolderBlobStore::openPartial(std::string_view id,
                                                                       bool restart)
{
    const auto path = partialPath(id);
    const int flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | (restart ? O_TRUNC : 0);
    FileHandle f(::open(path.c_str(), flags, 0640));
    if (f.fd() < 0)
        failErrno("cannot open", path);
    struct stat st
    {
    };
    const bool empty = ::fstat(f.fd(), &st) == 0 && st.st_size == 0;
    return std::make_unique<FolderPartialWriter>(std::move(f), path, empty);
}

bool FolderBlobStore::commit(std::string_view id, const std::optional<std::string> &knownDigest)
{
    const auto from = partialPath(id);
    if ((knownDigest ? *knownDigest : sha256File(from)) != id) {
        std::error_code ec;
        std::filesystem::remove(from, ec);
        return false;
    }
    const auto to = wholePath(id);
    std::error_code ec;
    std::filesystem::create_directories(to.parent_path(), ec);
    if (ec && isStorageFullErrno(ec.value()))
        throw StorageFullError("cannot create " + to.parent_path().string() + ": " + ec.message());
    if (ec)
        throw Error("cannot create " + to.parent_path().string() + ": " + ec.message());
    if (!fsyncPath(from, O_RDONLY))
        failErrno("cannot sync", from);
    if (::rename(from.c_str(), to.c_str()) != 0)
        failErrno("cannot move a verified blob to", to);
    syncDirectory(to.parent_path());
    syncDirectory(m_tmp);
    return true;
}

} // namespace fp
