// WebApi: evidence photos and signatures, and the photos' thumbnails
// (GET /api/v1/web/blobs/<id>[/thumb]).

#include "protocol/blobpath.h"
#include "server/domain/apierror.h"
#include "server/thumbnails/thumbnail.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <cstdio>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

// A blob never changes (its name is its SHA-256), so neither does its thumbnail.
constexpr const char *kImmutable = "private, max-age=31536000, immutable";

/// 400 for an id that is not a SHA-256, 404 for a blob the office does not hold whole.
void requireBlob(const BlobStore &blobs, const std::string &id)
{
    if (!isValidBlobId(id))
        throw ApiError(400, "bad_blob_id",
                       "a blob id must be the blob's SHA-256 as 64 lowercase hex digits");
    if (!blobs.hasWhole(id))
        throw ApiError(404, "not_found", "the office does not hold blob " + id);
}

/// One of the decoding slots, held until the end of the scope.
class DecoderSlot
{
  public:
    explicit DecoderSlot(std::counting_semaphore<> &slots) : m_slots(slots) { m_slots.acquire(); }
    ~DecoderSlot() { m_slots.release(); }
    DecoderSlot(const DecoderSlot &) = delete;
    DecoderSlot &operator=(const DecoderSlot &) = delete;

  private:
    std::counting_semaphore<> &m_slots;
};

void replyJpeg(Response &res, std::string bytes)
{
    res.set_header("Cache-Control", kImmutable);
    res.status = 200;
    res.set_content(std::move(bytes), "image/jpeg");
}

} // namespace

void WebApi::attachBlobs(httplib::Server &server)
{
    read(server, "/api/v1/web/blobs/([^/]+)",
         [this](const Request &req, Response &res, const Caller &) {
             sendBlob(res, match(req, 1));
         });
    read(server, "/api/v1/web/blobs/([^/]+)/thumb",
         [this](const Request &req, Response &res, const Caller &) {
             sendThumbnail(res, match(req, 1));
         });
}

void WebApi::sendBlob(Response &res, const std::string &id)
{
    requireBlob(m_blobs, id);
    auto whole = m_blobs.readWhole(id);
    if (!whole)
        throw ApiError(404, "not_found", "the office does not hold blob " + id);
    std::string bytes = std::move(*whole);
    // Evidence is JPEG (photos) or PNG (signatures); anything else is offered as a download.
    std::string type = "application/octet-stream";
    if (looksLikeJpeg(bytes))
        type = "image/jpeg";
    else if (bytes.starts_with("\x89PNG"))
        type = "image/png";
    res.set_header("Cache-Control", kImmutable);
    res.status = 200;
    res.set_content(std::move(bytes), type);
}

void WebApi::sendThumbnail(Response &res, const std::string &id)
{
    requireBlob(m_blobs, id);
    if (auto cached = m_thumbs.find(id)) {
        replyJpeg(res, std::move(*cached));
        return;
    }
    std::string head(3, '\0');
    {
        const StdioFile in = m_blobs.openWhole(id);
        head.resize(in ? std::fread(head.data(), 1, head.size(), in.get()) : 0);
    }
    // A signature (PNG, small) or anything else that is not a JPEG: the blob itself.
    if (!looksLikeJpeg(head)) {
        sendBlob(res, id);
        return;
    }
    std::string jpeg;
    {
        const DecoderSlot slot(m_decoders);
        // Another request may have made it while this one waited.
        if (auto cached = m_thumbs.find(id)) {
            replyJpeg(res, std::move(*cached));
            return;
        }
        try {
            const StdioFile in = m_blobs.openWhole(id);
            if (!in)
                throw ApiError(404, "not_found", "the office does not hold blob " + id);
            jpeg = makeThumbnail(in.get());
        } catch (const ThumbnailError &e) {
            if (e.kind() == ThumbnailError::Kind::TooLarge)
                throw ApiError(422, "image_too_large",
                               "blob " + id + " has no thumbnail: " + e.what());
            throw ApiError(422, "bad_image", "blob " + id + " has no thumbnail: " + e.what());
        }
    }
    try {
        m_thumbs.store(id, jpeg);
    } catch (const Error &e) {
        // Served all the same; the next request makes it again.
        m_log(std::string("cannot cache a thumbnail: ") + e.what());
    }
    replyJpeg(res, std::move(jpeg));
}

} // namespace fp
