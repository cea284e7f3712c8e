#pragma once
// The office's content-addressed blob store (photos, signatures): blobs/ab/abcd... holds only
// whole, verified blobs; tmp/<id>.part holds a partial upload that a later PUT can continue.
// A blob becomes visible only by an atomic rename after its SHA-256 was checked (DESIGN §4, §8).

#include "core/error.h"
#include "core/sha256.h"
#include "fs/file.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fp {

/// A write the office's disk cannot take: no space left (ENOSPC), over a quota (EDQUOT) or over
/// the process's file-size limit (EFBIG, `ulimit -f`). The API answers 507.
class StorageFullError : public Error
{
  public:
    using Error::Error;
};

/// True for the errno values StorageFullError stands for.
bool isStorageFullErrno(int error);

class BlobStore
{
  public:
    /// Exclusive right to change one blob's upload; released on destruction.
    class UploadLock
    {
      public:
        UploadLock(BlobStore &store, std::string id) : m_store(&store), m_id(std::move(id)) {}
        ~UploadLock();
        UploadLock(UploadLock &&other) noexcept
            : m_store(std::exchange(other.m_store, nullptr)), m_id(std::move(other.m_id))
        {
        }
        UploadLock(const UploadLock &) = delete;
        UploadLock &operator=(const UploadLock &) = delete;
        UploadLock &operator=(UploadLock &&) = delete;

      private:
        BlobStore *m_store;
        std::string m_id;
    };

    /// Appends to a partial upload through a 1 MiB buffer; sync() writes the buffer out and
    /// makes everything durable. When the upload starts at byte 0 the bytes are also hashed
    /// as they arrive, so that completing it needs no second read of the file.
    class PartialWriter
    {
      public:
        PartialWriter(FileHandle file, std::filesystem::path path, bool hashFromStart);
        void write(const char *data, std::size_t size);
        void sync();
        /// The SHA-256 of the whole partial file, when this writer saw all of it (call after
        /// sync(); once).
        std::optional<std::string> digest();

      private:
        void flush();

        FileHandle m_file;
        std::filesystem::path m_path;
        std::vector<char> m_buffer;
        std::unique_ptr<Sha256> m_hash; // null when the upload was resumed
    };

    /// Ids passed to any method must satisfy isValidBlobId (callers check first).
    BlobStore(std::filesystem::path blobsDir, std::filesystem::path tmpDir);

    /// Size of the whole blob, or nothing when the store does not hold it whole.
    std::optional<std::int64_t> wholeSize(std::string_view id) const;
    bool hasWhole(std::string_view id) const { return wholeSize(id).has_value(); }
    std::filesystem::path wholePath(std::string_view id) const;
    /// Bytes held of a partial upload (0 when there is none).
    std::int64_t partialSize(std::string_view id) const;

    /// Nothing when another request is changing this blob right now.
    std::optional<UploadLock> tryLock(std::string_view id);
    /// As tryLock, but waits up to `wait` for the holder to let go. A request whose connection
    /// was cut still holds the lock while it writes out and syncs what it received (a few ms);
    /// the device's resume, sent at once, waits for it instead of being refused.
    std::optional<UploadLock> lockWithin(std::string_view id, std::chrono::milliseconds wait);
    /// Waits up to `wait` until no request is changing this blob; false when one still is.
    bool waitIdle(std::string_view id, std::chrono::milliseconds wait);
    /// Opens the partial upload for appending; `restart` empties it first.
    PartialWriter openPartial(std::string_view id, bool restart);
    /// Checks the partial upload's SHA-256 against `id`: on a match moves it into place
    /// (fsync file, rename, fsync folders) and returns true; on a mismatch deletes it and
    /// returns false. `knownDigest` is the partial file's SHA-256 when the caller hashed it
    /// while writing (PartialWriter::digest); otherwise the file is read again.
    bool commit(std::string_view id, const std::optional<std::string> &knownDigest = {});

  private:
    std::filesystem::path partialPath(std::string_view id) const;

    std::filesystem::path m_blobs;
    std::filesystem::path m_tmp;
    std::mutex m_mutex;
    std::condition_variable m_released;
    std::set<std::string, std::less<>> m_busy;
};

} // namespace fp
