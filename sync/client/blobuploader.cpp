#include "blobuploader.h"

#include "protocol/api.h"
#include "protocol/blobpath.h"
#include "protocol/contentrange.h"
#include "protocol/headervalues.h"
#include "syncerror.h"

#include <system_error>

namespace fp {

namespace {
// Each round is a HEAD and a PUT; a round that ends without the blob whole is a cut or a
// refusal. Far more rounds than any retry policy allows failures, yet still a bound.
constexpr int kMaxRounds = 200;
} // namespace

BlobUploader::BlobUploader(ApiClient &api, const PhotoStore &photos, SyncReport &report,
                           std::function<void(std::int64_t)> onBytes)
    : m_api(api), m_photos(photos), m_report(report), m_onBytes(std::move(onBytes))
{
}

std::int64_t BlobUploader::serverOffset(const HttpResponse &head, std::int64_t size) const
{
    const auto text = head.header(std::string(api::kUploadOffsetHeader));
    if (!text)
        return 0;
    const auto offset = parseWholeNumber(*text, 0, size);
    if (!offset)
        throw SyncError("the office server reported an impossible upload offset '" + *text +
                        "' for a file of " + std::to_string(size) + " bytes");
    return *offset;
}

HttpResponse BlobUploader::askHeld(const std::string &target)
{
    HttpRequest head;
    head.method = "HEAD";
    head.target = target;
    const HttpResponse held = m_api.send(head);
    ++m_report.blobs_checked;
    return held;
}

BlobUploader::Outcome BlobUploader::ensure(const std::string &sha256)
{
    const std::filesystem::path file = m_photos.pathOf(sha256);
    std::error_code ec;
    const auto size = static_cast<std::int64_t>(std::filesystem::file_size(file, ec));
    const std::string target = blobUrlPath(sha256);
    if (ec || size <= 0) {
        // Freed once a verified backup of the office held it (issue 17), and offered again to
        // an office restored from that backup: the office holds it, nothing is missing.
        if (askHeld(target).status == 200) {
            ++m_report.blobs_present;
            return Outcome::Present;
        }
        return Outcome::MissingOnDevice;
    }

    int failed = 0;
    std::int64_t lastOffset = -1;
    bool restarted = false;
    bool resumed = false;
    std::int64_t credited = 0; // bytes of this blob already reported as done
    const auto credit = [&](std::int64_t done) {
        if (done > credited)
            m_onBytes(done - credited);
        credited = std::max(credited, done);
    };
    for (int round = 0; round < kMaxRounds; ++round) {
        const HttpResponse held = askHeld(target);
        if (held.status == 200) {
            credit(size);
            if (round == 0) {
                ++m_report.blobs_present;
                return Outcome::Present;
            }
            ++m_report.blobs_uploaded; // our last PUT completed but its answer was lost
            return Outcome::Uploaded;
        }
        if (held.status != 404)
            ApiClient::requireSuccess(held, "a blob check");
        std::int64_t offset = serverOffset(held, size);
        // All bytes held but never accepted (the office stopped before its hash check): a
        // range cannot say "zero more bytes", so send the whole file without one, which the
        // office takes as a fresh start.
        const bool ranged = offset < size;
        if (!ranged)
            offset = 0;
        if (offset > lastOffset && lastOffset >= 0)
            failed = 0; // the last cut still moved the upload forward
        credit(offset); // what the office holds of it counts as done
        if (offset > 0 && !resumed) {
            resumed = true; // counted once per blob, however many rounds it takes
            ++m_report.blobs_resumed;
        }
        lastOffset = offset;

        HttpRequest put;
        put.method = "PUT";
        put.target = target;
        put.headers["Content-Type"] = "application/octet-stream";
        if (ranged)
            put.headers["Content-Range"] = formatContentRange(ContentRange{offset, size - 1, size});
        put.file = FileSlice{file, offset, size - offset};
        std::int64_t sent = 0;
        put.upload_progress = [&](std::int64_t n) {
            sent = n;
            credit(offset + n);
        };
        AttemptOutcome outcome;
        try {
            const HttpResponse r = m_api.sendOnce(put);
            m_report.blob_bytes_sent += sent;
            outcome = AttemptOutcome{r.status, retryAfterSeconds(r)};
            if (r.status >= 200 && r.status <= 299) {
                if (r.header(std::string(api::kUploadOffsetHeader)) && serverOffset(r, size) < size)
                    continue; // the office kept only part of it: ask again and resume
                ++m_report.blobs_uploaded;
                credit(size);
                return Outcome::Uploaded;
            }
            const bool busy = r.status == 409 && r.body.find("upload_busy") != std::string::npos;
            if (r.status == 409 && !busy)
                continue; // the office holds a different amount: ask again and resume there
            if (r.status == 422 && offset > 0 && !restarted) {
                // The office dropped a partial copy that did not hash right; the bytes it
                // held came from an older run, so one fresh upload is worth a try.
                restarted = true;
                continue;
            }
            if (busy) // still busy with an earlier, cut request for this blob: wait as for 503
                outcome.http_status = 503;
            else if (!isTransient(outcome))
                ApiClient::requireSuccess(r, "a blob upload");
        } catch (const NetworkError &) {
            m_report.blob_bytes_sent += sent;
        }
        if (!m_api.backOff(++failed, outcome))
            throw NetworkError("the upload of " + sha256 + " kept failing; try again later");
    }
    throw NetworkError("the upload of " + sha256 + " did not finish after " +
                       std::to_string(kMaxRounds) + " attempts; try again later");
}

} // namespace fp
