#pragma once
// The office's content-addressed blob store (photos, signatures): blobs/ab/abcd... holds only
// whole, verified blobs; tmp/<id>.part holds a partial upload that a later PUT can continue.
// A blob becomes visible only by an atomic rename after its SHA-256 was checked (DESIGN §4, §8).

#include "core/error.h"
#include "core/sha256.h"
#include "fs/file.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
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
    /// Exclusive right to change one blob's upload; released on destruction. It is an OS lock
    /// (flock) on tmp/<id>.lock, so that it holds across server processes sharing the data
    /// folder (issue 18: several servers behind one proxy) and dies with its holder: a process
    /// killed while writing leaves no lock behind. Every lock is its own open file, so two
    /// requests of one process exclude each other as two processes do.
    class UploadLock
    {
      public:
        UploadLock(FileHandle file, std::filesystem::path path)
            : m_file(std::move(file)), m_path(std::move(path))
        {
        }
        ~UploadLock();
        UploadLock(UploadLock &&other) noexcept = default;
        UploadLock(const UploadLock &) = delete;
        UploadLock &operator=(const UploadLock &) = delete;
        UploadLock &operator=(UploadLock &&) = delete;

      private:
        FileHandle m_file;
        std::filesystem::path m_path;
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
    std::filesystem::path lockPath(std::string_view id) const;

    std::filesystem::path m_blobs;
    std::filesystem::path m_tmp;
};

} // namespace fp
