#include "server/blobs/blobstore.h"

#include "core/error.h"
#include "core/sha256.h"
#include "protocol/blobpath.h"

#include <cerrno>
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

BlobStore::UploadLock::~UploadLock()
{
    // Unlinked while still locked: a waiter that opened the old file sees, once it gets the
    // lock, that the path no longer names its file and opens it again (takeLock).
    if (m_file.fd() >= 0)
        ::unlink(m_path.c_str());
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

} // namespace

namespace {
constexpr std::size_t kWriteBuffer = std::size_t{1} << 20;
} // namespace

BlobStore::PartialWriter::PartialWriter(FileHandle file, std::filesystem::path path,
                                        bool hashFromStart)
    : m_file(std::move(file)), m_path(std::move(path)),
      m_hash(hashFromStart ? std::make_unique<Sha256>() : nullptr)
{
    m_buffer.reserve(kWriteBuffer);
}

void BlobStore::PartialWriter::write(const char *data, std::size_t size)
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

void BlobStore::PartialWriter::flush()
{
    if (!writeAll(m_file.fd(), std::string_view(m_buffer.data(), m_buffer.size())))
        failErrno("cannot write", m_path);
    m_buffer.clear();
}

void BlobStore::PartialWriter::sync()
{
    flush();
    if (::fsync(m_file.fd()) != 0)
        failErrno("cannot sync", m_path);
}

std::optional<std::string> BlobStore::PartialWriter::digest()
{
    if (!m_hash)
        return std::nullopt;
    std::string hex = m_hash->hexDigest();
    m_hash.reset();
    return hex;
}

BlobStore::BlobStore(std::filesystem::path blobsDir, std::filesystem::path tmpDir)
    : m_blobs(std::move(blobsDir)), m_tmp(std::move(tmpDir))
{
}

std::filesystem::path BlobStore::wholePath(std::string_view id) const
{
    return m_blobs / blobRelativePath(id);
}

std::filesystem::path BlobStore::partialPath(std::string_view id) const
{
    if (!isValidBlobId(id))
        throw ValidationError("a blob id must be 64 lowercase hex digits (its SHA-256)");
    return m_tmp / (std::string(id) + ".part");
}

std::optional<std::int64_t> BlobStore::wholeSize(std::string_view id) const
{
    return fileSize(wholePath(id));
}

std::int64_t BlobStore::partialSize(std::string_view id) const
{
    return fileSize(partialPath(id)).value_or(0);
}

std::filesystem::path BlobStore::lockPath(std::string_view id) const
{
    return m_tmp / (std::string(id) + ".lock");
}

std::optional<BlobStore::UploadLock> BlobStore::tryLock(std::string_view id)
{
    return lockWithin(id, std::chrono::milliseconds(0));
}

bool BlobStore::waitIdle(std::string_view id, std::chrono::milliseconds wait)
{
    return lockWithin(id, wait).has_value(); // taken and let go at once
}

std::optional<BlobStore::UploadLock> BlobStore::lockWithin(std::string_view id,
                                                           std::chrono::milliseconds wait)
{
    const auto path = lockPath(id);
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) { // bounded by the deadline
        if (auto file = takeLock(path))
            return UploadLock(std::move(*file), path);
        const auto now = std::chrono::steady_clock::now();
        if (now >= deadline)
            return std::nullopt;
        std::this_thread::sleep_for(
            std::min<std::chrono::steady_clock::duration>(kLockPoll, deadline - now));
    }
}

BlobStore::PartialWriter BlobStore::openPartial(std::string_view id, bool restart)
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
    return PartialWriter(std::move(f), path, empty);
}

bool BlobStore::commit(std::string_view id, const std::optional<std::string> &knownDigest)
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
