#pragma once
// The office's content-addressed blob store (photos, signatures), as an interface that speaks in
// operations on blob ids (issue 18 item 6): whole blobs are read, a partial upload is continued
// by later requests, one request at a time changes a blob's upload, and a blob becomes visible
// only whole and after its SHA-256 was checked (DESIGN §4, §8). docs/operations.md maps each
// operation onto an S3-compatible object store. FolderBlobStore is the one implementation: the
// data folder, blobs/ab/abcd... for whole blobs and tmp/<id>.part for partial uploads.

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

/// The office's blobs, by id; every id passed in must satisfy isValidBlobId (callers check
/// first). Implementations must be safe to share between threads, and between server processes
/// on one store (several servers behind one proxy, issue 18).
class BlobStore
{
  public:
    /// Exclusive right to change one blob's upload; released on destruction, and also when its
    /// holder dies (a killed server leaves no lock behind).
    class UploadLock
    {
      public:
        UploadLock() = default;
        virtual ~UploadLock() = default;
        UploadLock(const UploadLock &) = delete;
        UploadLock &operator=(const UploadLock &) = delete;
    };

    /// Appends to a partial upload; sync() makes everything written durable. When the upload
    /// started at byte 0 the writer hashes the bytes as they arrive, so that commit needs no
    /// second read.
    class PartialWriter
    {
      public:
        PartialWriter() = default;
        virtual ~PartialWriter() = default;
        PartialWriter(const PartialWriter &) = delete;
        PartialWriter &operator=(const PartialWriter &) = delete;
        /// Appends `size` bytes (buffered; throws fp::Error, StorageFullError on a full disk).
        virtual void write(const char *data, std::size_t size) = 0;
        /// Writes out what is buffered and makes the whole partial upload durable.
        virtual void sync() = 0;
        /// The SHA-256 of the whole partial upload, when this writer saw all of it (call after
        /// sync(); once).
        virtual std::optional<std::string> digest() = 0;
    };

    BlobStore() = default;
    virtual ~BlobStore() = default;
    BlobStore(const BlobStore &) = delete;
    BlobStore &operator=(const BlobStore &) = delete;

    /// Size of the whole blob, or nothing when the store does not hold it whole.
    virtual std::optional<std::int64_t> wholeSize(std::string_view id) const = 0;
    /// Whether the store holds the blob whole.
    bool hasWhole(std::string_view id) const { return wholeSize(id).has_value(); }
    /// The whole blob as a stream at its first byte that can seek (a download resumes at an
    /// offset, a thumbnail rewinds after the header), or null when the store does not hold it
    /// whole. Throws fp::Error when it holds it but cannot open it.
    virtual StdioFile openWhole(std::string_view id) const = 0;
    /// All bytes of the whole blob, or nothing when the store does not hold it whole (for
    /// small blobs: a signature, a photo on the web page).
    std::optional<std::string> readWhole(std::string_view id) const;
    /// Bytes held of a partial upload (0 when there is none).
    virtual std::int64_t partialSize(std::string_view id) const = 0;

    /// The blob's upload lock, or null when another request holds it right now.
    std::unique_ptr<UploadLock> tryLock(std::string_view id)
    {
        return lockWithin(id, std::chrono::milliseconds(0));
    }
    /// As tryLock, but waits up to `wait` for the holder to let go. A request whose connection
    /// was cut still holds the lock while it writes out and syncs what it received (a few ms);
    /// the device's resume, sent at once, waits for it instead of being refused.
    virtual std::unique_ptr<UploadLock> lockWithin(std::string_view id,
                                                   std::chrono::milliseconds wait) = 0;
    /// Waits up to `wait` until no request is changing this blob; false when one still is.
    bool waitIdle(std::string_view id, std::chrono::milliseconds wait)
    {
        return lockWithin(id, wait) != nullptr; // taken and let go at once
    }
    /// Opens the partial upload for appending; `restart` empties it first.
    virtual std::unique_ptr<PartialWriter> openPartial(std::string_view id, bool restart) = 0;
    /// Checks the partial upload's SHA-256 against `id`: on a match makes it the whole blob,
    /// durably and at once (never half visible), and returns true; on a mismatch deletes it and
    /// returns false. `knownDigest` is the partial upload's SHA-256 when the caller's writer
    /// hashed it (PartialWriter::digest); otherwise the store reads it again.
    virtual bool commit(std::string_view id, const std::optional<std::string> &knownDigest) = 0;
};

/// The blob store on a folder (the data directory, or a folder several servers share): whole
/// blobs are files blobs/ab/abcd..., a partial upload is tmp/<id>.part, a blob becomes visible by
/// an atomic rename (fsync file, rename, fsync folders), and the upload lock is an OS lock
/// (flock) on tmp/<id>.lock, so that it holds across server processes sharing the folder and
/// dies with its holder. Every lock is its own open file, so two requests of one process
/// exclude each other as two processes do.
class FolderBlobStore final : public BlobStore
{
  public:
    FolderBlobStore(std::filesystem::path blobsDir, std::filesystem::path tmpDir);

    std::optional<std::int64_t> wholeSize(std::string_view id) const override;
    StdioFile openWhole(std::string_view id) const override;
    std::int64_t partialSize(std::string_view id) const override;
    std::unique_ptr<UploadLock> lockWithin(std::string_view id,
                                           std::chrono::milliseconds wait) override;
    std::unique_ptr<PartialWriter> openPartial(std::string_view id, bool restart) override;
    bool commit(std::string_view id, const std::optional<std::string> &knownDigest) override;

    /// The file of a whole blob, for what needs the folder itself and is no operation of the
    /// interface: tests that tamper with a blob on disk. (The backup hard-links blobs/ of the
    /// data directory directly, cli/backupset.cpp.)
    std::filesystem::path wholePath(std::string_view id) const;

  private:
    std::filesystem::path partialPath(std::string_view id) const;
    std::filesystem::path lockPath(std::string_view id) const;

    std::filesystem::path m_blobs;
    std::filesystem::path m_tmp;
};

} // namespace fp
