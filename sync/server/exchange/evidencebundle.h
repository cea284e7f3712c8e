#pragma once
// The evidence bundle of one enterprise (docs/protocol.md §10, issue 13 item 5): one zip with
// the enterprise's effective inspections (accepted, not amended by another accepted one), their
// stored JSON and canonical form, the devices' signed statements, the photos and signature
// images they name, each leaf's inclusion proof under the newest signed tree head, the device
// and office public keys and a README in Chinese and English. fieldproof-verify checks it.

#include "server/storage/planstore.h"
#include "server/storage/reportstore.h"

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace fp {

/// Nothing to bundle, or the office cannot vouch for it (names the enterprise or inspection).
class BundleError : public Error
{
  public:
    using Error::Error;
};

/// What went into a bundle.
struct BundleSummary
{
    std::string enterprise_name;
    std::vector<std::string> inspections; // ids, in the order received
    std::vector<std::string> left_out{};  // "<id>: why" for effective ones that could not go in
    std::int64_t blobs = 0;
    std::int64_t tree_size = 0;
};

/// Where the blob with this SHA-256 lies on disk (BlobStore's file).
using BlobFile = std::function<std::filesystem::path(const std::string &sha256)>;

/// Writes the bundle of `enterpriseId` to `out` (replaced whole: libzip writes a temporary file
/// beside it and renames). `createdAt` goes into bundle.json. Throws BundleError for an unknown
/// enterprise, one without an effective signed inspection, or a blob the office does not hold;
/// fp::Error when the file cannot be written.
BundleSummary writeEvidenceBundle(ReportStore &reports, PlanStore &plan, const BlobFile &blobFile,
                                  const std::string &enterpriseId, const std::string &createdAt,
                                  const std::filesystem::path &out);

} // namespace fp
