#pragma once
// Puts one photo or signature file on the office: HEAD first (skip what the office holds),
// then a PUT from the office's Upload-Offset with Content-Range, streamed from the file, so a
// cut upload resumes where it stopped instead of starting over.

#include "apiclient.h"
#include "device/photostore.h"
#include "syncreport.h"

#include <functional>
#include <string>

namespace fp {

/// Uploads blobs of the device's photo store, counting into a SyncReport.
class BlobUploader
{
  public:
    enum class Outcome { Present, Uploaded, MissingOnDevice };

    /// `onBytes` receives each increase of blob bytes done (sent, or found already present).
    BlobUploader(ApiClient &api, const PhotoStore &photos, SyncReport &report,
                 std::function<void(std::int64_t)> onBytes);

    /// Makes sure the office holds `sha256` whole. Throws ServerError for an answer no retry
    /// can change (413 too large, 422 hash mismatch ...), NetworkError when the link stays
    /// down past the retry policy.
    Outcome ensure(const std::string &sha256);

  private:
    /// HEAD of the blob at `target` (counted as checked): what the office holds of it.
    HttpResponse askHeld(const std::string &target);
    std::int64_t serverOffset(const HttpResponse &head, std::int64_t size) const;

    ApiClient &m_api;
    const PhotoStore &m_photos;
    SyncReport &m_report;
    std::function<void(std::int64_t)> m_onBytes;
};

} // namespace fp
