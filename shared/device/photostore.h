#pragma once
// The content-addressed folder that holds photo and signature files on the device.
// A file becomes visible only whole: temp file -> fsync -> rename -> fsync folder.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// Blobs named by their SHA-256 under `<root>/<first two hex>/<sha256>`; temp files in
/// `<root>/tmp`.
class PhotoStore
{
  public:
    struct Blob
    {
        std::string sha256;
        std::int64_t size = 0;
    };

    explicit PhotoStore(std::filesystem::path root);

    /// Stores `data` durably and returns its hash. Storing the same bytes twice is a no-op.
    Blob putBytes(std::string_view data);
    /// Copies `source` in chunks (memory stays small for any size), hashing as it goes.
    Blob importFile(const std::filesystem::path &source);

    std::filesystem::path pathOf(std::string_view sha256) const;
    bool contains(std::string_view sha256) const;
    /// Every stored blob's hash (temp files excluded).
    std::vector<std::string> list() const;
    /// Deletes temp files left by an interrupted write; returns how many.
    int removeTempFiles();
    /// Deletes one blob (used only for orphans the caller has decided to drop).
    void remove(std::string_view sha256);

    const std::filesystem::path &root() const { return m_root; }

  private:
    class TempFile;
    Blob commit(TempFile &temp, const std::string &sha256, std::int64_t size);

    std::filesystem::path m_root;
};

} // namespace fp
