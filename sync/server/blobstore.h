#pragma once
// The office's content-addressed blob store (photos, signatures): blobs/ab/abcd... holds only
// whole, verified blobs; tmp/<id>.part holds a partial upload that a later PUT can continue.
// A blob becomes visible only by an atomic rename after its SHA-256 was checked (DESIGN §4, §8).

#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
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

  private:
    int m_fd;
};

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

    /// Appends to a partial upload; sync() makes what was written durable.
    class PartialWriter
    {
      public:
        explicit PartialWriter(FileHandle file, std::filesystem::path path);
        void write(const char *data, std::size_t size);
        void sync();

      private:
        FileHandle m_file;
        std::filesystem::path m_path;
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
    /// Opens the partial upload for appending; `restart` empties it first.
    PartialWriter openPartial(std::string_view id, bool restart);
    /// Checks the partial upload's SHA-256 against `id`: on a match moves it into place
    /// (fsync file, rename, fsync folders) and returns true; on a mismatch deletes it and
    /// returns false.
    bool commit(std::string_view id);

  private:
    std::filesystem::path partialPath(std::string_view id) const;

    std::filesystem::path m_blobs;
    std::filesystem::path m_tmp;
    std::mutex m_mutex;
    std::set<std::string, std::less<>> m_busy;
};

} // namespace fp
