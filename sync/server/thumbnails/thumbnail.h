#pragma once
// Small JPEG thumbnails of evidence photos for the office web page (docs/web.md): decoded with
// libjpeg-turbo's DCT scaling (a 48-megapixel photo is never held at full size), reduced by
// area averaging to at most 320 pixels on the long edge and encoded as a baseline JPEG. And
// their cache on disk, <data>/thumbs/ab/<sha>.jpg: blobs never change, so neither do their
// thumbnails.

#include "core/error.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace fp {

struct ThumbnailLimits
{
    int max_edge = 320; // long edge of the thumbnail, pixels (a smaller photo is not enlarged)
    int quality = 75;
    std::uint64_t max_pixels = 100'000'000; // refused before decoding when the header says more
    std::size_t max_memory =
        std::size_t{256} * 1024 * 1024; // libjpeg's whole-image buffers (progressive files)
    int max_scans = 500;                // a progressive file with more is refused
};

/// Why a photo has no thumbnail.
class ThumbnailError : public Error
{
  public:
    enum class Kind {
        NotJpeg,  // the bytes do not start like a JPEG
        TooLarge, // more pixels, memory or scans than ThumbnailLimits allow
        Corrupt,  // libjpeg gave up on the data (its message is in what())
    };
    ThumbnailError(Kind kind, const std::string &message) : Error(message), m_kind(kind) {}
    Kind kind() const { return m_kind; }

  private:
    Kind m_kind;
};

/// True when `head` (the first bytes of a file) starts like a JPEG: SOI and a marker.
bool looksLikeJpeg(std::string_view head);

/// The thumbnail of a JPEG, as JPEG bytes. A pure function of its inputs, safe on any thread.
/// Grey, RGB/YCbCr and CMYK sources; EXIF orientation is not applied (the tablets store photos
/// upright). libjpeg's warnings (a truncated end, stray bytes) are not errors: what decodes is
/// used, as a browser would. Throws ThumbnailError.
std::string makeThumbnail(std::string_view jpeg, const ThumbnailLimits &limits = {});
/// The same, reading the file as it decodes (only the reduced image is ever in memory).
/// Throws fp::Error when the file cannot be opened.
std::string makeThumbnail(const std::filesystem::path &jpegFile,
                          const ThumbnailLimits &limits = {});
/// The same, reading a stream from its first byte as it decodes (a blob the BlobStore opened).
std::string makeThumbnail(std::FILE *jpeg, const ThumbnailLimits &limits = {});

/// The thumbnails made so far: `dir`/ab/<id>.jpg. Safe to share between threads; two requests
/// storing the same thumbnail at once both succeed and leave one whole file.
class ThumbnailCache
{
  public:
    /// `tmpDir` must be on the same file system as `dir` (both are in the data directory).
    ThumbnailCache(std::filesystem::path dir, std::filesystem::path tmpDir);

    /// Ids must satisfy isValidBlobId (callers check first).
    std::filesystem::path path(std::string_view id) const;
    /// The cached thumbnail, or nothing when there is none yet.
    std::optional<std::string> find(std::string_view id) const;
    /// Writes a temporary file in `tmpDir` and renames it into place (no fsync: a cache lost
    /// in a crash is made again). Creates the folders, so `dir` may be deleted at any time.
    /// Throws fp::Error on failure; nothing half-written is ever visible.
    void store(std::string_view id, std::string_view jpeg) const;

  private:
    std::filesystem::path m_dir;
    std::filesystem::path m_tmp;
};

} // namespace fp
