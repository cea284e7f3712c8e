#include "server/blobs/blobstore.h"

#include "core/error.h"
#include "core/sha256.h"
#include "protocol/blobpath.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
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
    if (m_store) {
        {
            std::lock_guard lock(m_store->m_mutex);
            m_store->m_busy.erase(m_id);
        }
        m_store->m_released.notify_all();
    }
}

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

std::optional<BlobStore::UploadLock> BlobStore::tryLock(std::string_view id)
{
    std::lock_guard lock(m_mutex);
    if (!m_busy.emplace(id).second)
        return std::nullopt;
    return UploadLock(*this, std::string(id));
}

bool BlobStore::waitIdle(std::string_view id, std::chrono::milliseconds wait)
{
    std::unique_lock lock(m_mutex);
    return m_released.wait_for(lock, wait, [&] { return !m_busy.contains(id); });
}

std::optional<BlobStore::UploadLock> BlobStore::lockWithin(std::string_view id,
                                                           std::chrono::milliseconds wait)
{
    std::unique_lock lock(m_mutex);
    const bool free = m_released.wait_for(lock, wait, [&] { return !m_busy.contains(id); });
    if (!free)
        return std::nullopt;
    m_busy.emplace(id);
    return UploadLock(*this, std::string(id));
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
