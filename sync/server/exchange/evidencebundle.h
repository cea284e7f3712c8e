#pragma once
// The evidence bundle of one enterprise (docs/protocol.md §10, issue 13 item 5): one zip with
// the enterprise's effective inspections (accepted, not amended by another accepted one), their
// stored JSON and canonical form, the devices' signed statements, the photos and signature
// images they name, each leaf's inclusion proof under the newest signed tree head, the device
// and office public keys and a README in Chinese and English. fieldproof-verify checks it.

#include "server/storage/planstore.h"
#include "server/storage/reportstore.h"

#include "fs/file.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
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

/// The office's blobs as a bundle reads them (the caller's BlobStore: wholeSize, openWhole).
struct BundleBlobs
{
    /// Size of the whole blob with this SHA-256, or nothing when the office does not hold it.
    std::function<std::optional<std::int64_t>(const std::string &sha256)> size{};
    /// The whole blob as a stream from its first byte, or null when it cannot be opened. Called
    /// while the zip is written, one blob at a time, so that a bundle of many photos never holds
    /// more than one of them open.
    std::function<StdioFile(const std::string &sha256)> open{};
};

/// Writes the bundle of `enterpriseId` to `out` (replaced whole: libzip writes a temporary file
/// beside it and renames). `createdAt` goes into bundle.json. Throws BundleError for an unknown
/// enterprise, one without an effective signed inspection, or a blob the office does not hold;
/// fp::Error when the file cannot be written.
BundleSummary writeEvidenceBundle(ReportStore &reports, PlanStore &plan, const BundleBlobs &blobs,
                                  const std::string &enterpriseId, const std::string &createdAt,
                                  const std::filesystem::path &out);

} // namespace fp
