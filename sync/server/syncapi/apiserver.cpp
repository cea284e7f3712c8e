#include "server/syncapi/apiserver.h"

#include "protocol/api.h"
#include "protocol/blobpath.h"
#include "protocol/contentrange.h"
#include "protocol/wirejson.h"
#include "server/domain/apierror.h"
#include "server/http/httpreply.h"

#include "db/database.h"

#include <sqlite3.h>

#include <arpa/inet.h>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>

namespace fp {

namespace {

using httplib::ContentReader;
using httplib::Request;
using httplib::Response;

template <typename T> T decodeBody(const std::string &body)
{
    return decode<T>(parseWireJson(body), "request");
}

void setUploadOffset(Response &res, std::int64_t offset)
{
    res.set_header(std::string(api::kUploadOffsetHeader), std::to_string(offset));
}

std::string blobIdOf(const Request &req)
{
    std::string id = req.matches.size() > 1 ? req.matches[1].str() : std::string();
    if (!isValidBlobId(id))
        throw ApiError(400, "bad_blob_id",
                       "a blob id must be the blob's SHA-256 as 64 lowercase hex digits");
    return id;
}

/// Runs `write`, turning a write the disk cannot take (no space, a quota, the file-size limit;
/// SQLite's SQLITE_FULL or a failed write) into `507 insufficient_storage`. What failed was
/// rolled back (SQLite) or never became visible (a blob is renamed into place only whole).
template <typename Write> auto storing(const ApiServer::Log &log, Write &&write)
{
    const auto refuse = [&log](const std::string &what) {
        log("storage full: " + what);
        return ApiError(507, "insufficient_storage",
                        "the office cannot store this now: its disk is full; nothing of this "
                        "request was kept, try again later");
    };
    try {
        return write();
    } catch (const StorageFullError &e) {
        throw refuse(e.what());
    } catch (const StoreError &e) {
        const int primary = e.code() & 0xff;
        if (primary == SQLITE_FULL || e.code() == SQLITE_IOERR_WRITE)
            throw refuse(e.what());
        throw;
    }
}

/// The address of a connected TCP socket's end, as "ADDR:PORT".
std::string endpointOf(const sockaddr_storage &sa)
{
    char text[INET6_ADDRSTRLEN] = {};
    int port = 0;
    if (sa.ss_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(&sa);
        ::inet_ntop(AF_INET, &in->sin_addr, text, sizeof text);
        port = ntohs(in->sin_port);
    } else if (sa.ss_family == AF_INET6) {
        const auto *in = reinterpret_cast<const sockaddr_in6 *>(&sa);
        ::inet_ntop(AF_INET6, &in->sin6_addr, text, sizeof text);
        port = ntohs(in->sin6_port);
    } else {
        return {};
    }
    return std::string(text).append(":").append(std::to_string(port));
}

/// cpp-httplib 0.11 writes no answer to a peer that has half-closed its side (it peeks before
/// each write and takes the FIN for a dead connection), so a client that sends a short body
/// and then shuts down its sending side would never see `400 incomplete_body`. On plain HTTP
/// the answer is written here, straight to the request's socket (found by its two endpoints),
/// and the sending side is shut down, so that cpp-httplib's own later write cannot add a
/// second answer. False when the socket was not found or took nothing.
bool answerOnSocket(const Request &req, const Response &res)
{
    const std::string local = req.local_addr + ":" + std::to_string(req.local_port);
    const std::string remote = req.remote_addr + ":" + std::to_string(req.remote_port);
    // Only `400 incomplete_body` is answered this way (cpp-httplib keeps its phrases private).
    std::string bytes = "HTTP/1.1 " + std::to_string(res.status) +
                        (res.status == 400 ? " Bad Request\r\n" : " Error\r\n");
    for (const auto &[name, value] : res.headers)
        bytes.append(name).append(": ").append(value).append("\r\n");
    bytes.append("Content-Length: ").append(std::to_string(res.body.size())).append("\r\n");
    bytes.append("\r\n").append(res.body);
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
        int fd = -1;
        try {
            fd = std::stoi(entry.path().filename().string());
        } catch (const std::exception &) {
            continue;
        }
        sockaddr_storage mine{};
        sockaddr_storage peer{};
        socklen_t mineLength = sizeof mine;
        socklen_t peerLength = sizeof peer;
        if (::getsockname(fd, reinterpret_cast<sockaddr *>(&mine), &mineLength) != 0 ||
            ::getpeername(fd, reinterpret_cast<sockaddr *>(&peer), &peerLength) != 0 ||
            endpointOf(mine) != local || endpointOf(peer) != remote)
            continue;
        const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        ::shutdown(fd, SHUT_WR);
        return sent > 0;
    }
    return false;
}

/// The known paths and their methods, for 404 versus 405.
bool isKnownPath(const std::string &path)
{
    return path == api::kEnrollPath || path == api::kPullPath || path == api::kPushPath ||
           path == api::kLogConsistencyPath || path == api::kLogInclusionPath ||
           path.starts_with(api::kBlobsPath);
}

} // namespace

ApiServer::ApiServer(SyncService &sync, BlobStore &blobs, ApiOptions options, Log log)
    : m_sync(sync), m_blobs(blobs), m_options(options), m_log(std::move(log))
{
}

void ApiServer::attach(httplib::Server &server)
{
    // Over TLS the answer cannot be written around the TLS stream (answerOnSocket).
    m_plainHttp = dynamic_cast<httplib::SSLServer *>(&server) == nullptr;
    // A write past a file-size limit (`ulimit -f`, systemd's LimitFSIZE=) must fail with
    // EFBIG and be answered 507, not kill the office with SIGXFSZ.
    std::signal(SIGXFSZ, SIG_IGN);
    const std::string blobPattern = std::string(api::kBlobsPath) + "(.*)";
    server.Post(std::string(api::kEnrollPath),
                [this](const Request &req, Response &res, const ContentReader &reader) {
                    enroll(req, res, reader);
                });
    server.Get(std::string(api::kPullPath),
               [this](const Request &req, Response &res) { pull(req, res); });
    for (const auto path : {api::kLogConsistencyPath, api::kLogInclusionPath})
        server.Get(std::string(path),
                   [this](const Request &req, Response &res) { logProof(req, res); });
    server.Post(std::string(api::kPushPath),
                [this](const Request &req, Response &res, const ContentReader &reader) {
                    push(req, res, reader);
                });
    server.Get(blobPattern, [this](const Request &req, Response &res) { headOrGetBlob(req, res); });
    server.Put(blobPattern, [this](const Request &req, Response &res, const ContentReader &reader) {
        putBlob(req, res, reader);
    });

    // Everything else: 405 on a known path, 404 elsewhere; bodies are drained first.
    const auto fallback = [](const Request &req, Response &res) {
        if (isKnownPath(req.path))
            replyError(res, 405, "method_not_allowed",
                       req.method + " is not allowed on " + req.path);
        else
            replyError(res, 404, "not_found", "there is no endpoint at " + req.path);
    };
    const auto fallbackWithBody = [fallback](const Request &req, Response &res,
                                             const ContentReader &reader) {
        try {
            drainBody(req, reader);
        } catch (const std::exception &) {
            // A malformed Content-Length: the answer is the same.
        }
        fallback(req, res);
    };
    server.Get(".*", fallback);
    server.Post(".*", fallbackWithBody);
    server.Put(".*", fallbackWithBody);
    server.Patch(".*", fallbackWithBody);
    server.Delete(".*", fallbackWithBody);
    server.Options(".*", fallback);

    // Errors raised inside cpp-httplib itself (bad request line, body over its own limit).
    server.set_error_handler([](const Request &req, Response &res) {
        if (res.body.empty() && req.method != "HEAD")
            replyError(res, res.status, errorCodeFor(res.status),
                       "the request was refused with HTTP status " + std::to_string(res.status));
    });
    server.set_exception_handler([this](const Request &, Response &res,
                                        const std::exception_ptr &ep) {
        std::string what = "unknown exception";
        try {
            if (ep)
                std::rethrow_exception(ep);
        } catch (const std::exception &e) {
            what = e.what();
        } catch (...) {
        }
        m_log("internal error: " + what);
        replyError(res, 500, "internal", "the server failed to handle this request; see its log");
    });
    server.set_logger([this](const Request &req, const Response &res) {
        m_log(req.remote_addr + " " + req.method + " " + req.path + " " +
              std::to_string(res.status) + " " + std::to_string(res.body.size()) + "B");
    });
    const auto bodyLimit =
        std::max<std::int64_t>(m_options.max_blob_bytes, std::int64_t(api::kMaxPushBodyBytes));
    server.set_payload_max_length(static_cast<std::size_t>(bodyLimit));
    // Headers and body go out in separate writes; without TCP_NODELAY Nagle's algorithm holds
    // the body back until the client's delayed ACK (~40 ms per small request).
    server.set_tcp_nodelay(true);
    server.set_read_timeout(m_options.io_timeout_s);
    server.set_write_timeout(m_options.io_timeout_s);
    server.set_keep_alive_timeout(m_options.keep_alive_timeout_s);
    server.set_keep_alive_max_count(static_cast<std::size_t>(m_options.keep_alive_max_requests));
}

void ApiServer::enroll(const Request &req, Response &res, const ContentReader &reader)
{
    replyGuarded(req, res, m_log, [&] {
        const auto request =
            decodeBody<EnrollRequest>(readBody(req, reader, api::kMaxSmallBodyBytes));
        replyJson(res, 200,
                  Json(storing(m_log, [&] { return m_sync.enroll(request, req.remote_addr); })));
    });
}

void ApiServer::pull(const Request &req, Response &res)
{
    replyGuarded(req, res, m_log, [&] {
        const Principal who = m_sync.authenticate(req.get_header_value("Authorization"));
        const auto page =
            m_sync.pull(who, req.get_param_value("cursor"), req.get_param_value("limit"));
        replyJson(res, 200, Json(page));
    });
}

void ApiServer::logProof(const Request &req, Response &res)
{
    replyGuarded(req, res, m_log, [&] {
        m_sync.authenticate(req.get_header_value("Authorization"));
        if (req.path == api::kLogConsistencyPath)
            replyJson(res, 200,
                      Json(m_sync.logConsistency(req.get_param_value("from"),
                                                 req.get_param_value("to"))));
        else
            replyJson(res, 200,
                      Json(m_sync.logInclusion(req.get_param_value("index"),
                                               req.get_param_value("size"))));
    });
}

void ApiServer::push(const Request &req, Response &res, const ContentReader &reader)
{
    replyGuarded(req, res, m_log, [&] {
        const Principal who = m_sync.authenticate(req.get_header_value("Authorization"));
        const auto request = decodeBody<PushRequest>(readBody(req, reader, api::kMaxPushBodyBytes));
        replyJson(res, 200, Json(storing(m_log, [&] { return m_sync.push(who, request); })));
    });
}

void ApiServer::headOrGetBlob(const Request &req, Response &res)
{
    replyGuarded(req, res, m_log, [&] {
        const Principal who = m_sync.authenticate(req.get_header_value("Authorization"));
        const std::string id = blobIdOf(req);
        if (req.method == "HEAD") {
            // An upload of this blob in flight (often one whose connection was just cut and
            // that is still writing out what it got) would make the offset stale at once: let
            // it finish first, for a bounded time.
            m_blobs.waitIdle(id, std::chrono::milliseconds(m_options.upload_lock_wait_ms));
        }
        const auto size = m_blobs.wholeSize(id);
        if (req.method == "HEAD") {
            res.status = size ? 200 : 404;
            setUploadOffset(res, size ? *size : m_blobs.partialSize(id));
            res.set_header("Content-Length", std::to_string(size.value_or(0)));
            return;
        }
        // Evidence leaves the office only to office staff: a tablet never needs to download it,
        // and a blob id alone says nothing about whose scope the photo belongs to.
        if (who.user.role == Role::Inspector)
            throw ApiError(403, "forbidden", "only office accounts may download blobs");
        if (!size)
            throw ApiError(404, "not_found", "the office does not hold blob " + id);
        StdioFile whole = m_blobs.openWhole(id);
        if (!whole)
            throw ApiError(404, "not_found", "the office does not hold blob " + id);
        const std::shared_ptr<std::FILE> file(std::move(whole));
        res.status = 200;
        res.set_content_provider(
            static_cast<std::size_t>(*size), "application/octet-stream",
            [file](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
                std::array<char, 1 << 16> buf{};
                if (std::fseek(file.get(), static_cast<long>(offset), SEEK_SET) != 0)
                    return false;
                const std::size_t n =
                    std::fread(buf.data(), 1, std::min(length, buf.size()), file.get());
                return n > 0 && sink.write(buf.data(), n);
            });
    });
}

void ApiServer::putBlob(const Request &req, Response &res, const ContentReader &reader)
{
    bool bodyCut = false;
    replyGuarded(req, res, m_log, [&] {
        m_sync.authenticate(req.get_header_value("Authorization"));
        const std::string id = blobIdOf(req);
        const auto length = declaredLength(req);
        if (!length)
            throw ApiError(411, "length_required", "a blob PUT needs a Content-Length header");
        ContentRange range{0, std::int64_t(*length) - 1, std::int64_t(*length)};
        const bool ranged = req.has_header("Content-Range");
        if (ranged) {
            const auto parsed = parseContentRange(req.get_header_value("Content-Range"));
            if (!parsed)
                throw ApiError(400, "bad_range", "Content-Range must read 'bytes START-END/TOTAL'");
            if (parsed->length() != std::int64_t(*length))
                throw ApiError(400, "bad_range",
                               "Content-Range covers " + std::to_string(parsed->length()) +
                                   " bytes but Content-Length is " + std::to_string(*length));
            range = *parsed;
        }
        if (range.total > m_options.max_blob_bytes) {
            throw ApiError(413, "too_large",
                           "the blob is " + std::to_string(range.total) +
                               " bytes; this office accepts at most " +
                               std::to_string(m_options.max_blob_bytes));
        }
        // A request whose connection was just cut may still be writing out what it got: wait
        // for it rather than refusing the resume that follows the cut at once.
        // The lock is a file in the shared tmp folder: a full disk can refuse it too (507, after
        // the body is read, so that the client sees the answer rather than a reset).
        auto lock = [&] {
            try {
                return storing(m_log, [&] {
                    return m_blobs.lockWithin(
                        id, std::chrono::milliseconds(m_options.upload_lock_wait_ms));
                });
            } catch (const ApiError &) {
                drainBody(req, reader);
                throw;
            }
        }();
        if (!lock) {
            drainBody(req, reader);
            setUploadOffset(res, m_blobs.partialSize(id));
            throw ApiError(409, "upload_busy",
                           "another request is uploading this blob now; ask HEAD for the offset "
                           "and continue after Retry-After seconds",
                           kBusyRetryAfterS);
        }
        if (const auto size = m_blobs.wholeSize(id)) {
            drainBody(req, reader);
            setUploadOffset(res, *size);
            replyJson(res, 200, Json{{"sha256", id}, {"size", *size}, {"complete", true}});
            return;
        }
        const std::int64_t offset = m_blobs.partialSize(id);
        if (ranged && range.start != offset) {
            drainBody(req, reader);
            setUploadOffset(res, offset);
            throw ApiError(409, "offset_mismatch",
                           "the office holds " + std::to_string(offset) +
                               " bytes of this blob; continue from there");
        }
        // Without Content-Range the body is the whole blob: start over. After a write the disk
        // cannot take, the rest of the body is read and dropped (so that the client sees the
        // answer rather than a reset) and the answer is 507.
        std::unique_ptr<BlobStore::PartialWriter> writer;
        std::exception_ptr writeFailed;
        std::int64_t received = 0;
        storing(m_log, [&] { writer = m_blobs.openPartial(id, !ranged); });
        const bool ok = range.length() == 0 || reader([&](const char *data, std::size_t size) {
                            if (received + std::int64_t(size) > range.length())
                                return false;
                            if (writeFailed)
                                return true;
                            try {
                                writer->write(data, size);
                            } catch (const std::exception &) {
                                writeFailed = std::current_exception();
                                return true;
                            }
                            received += std::int64_t(size);
                            return true;
                        });
        storing(m_log, [&] {
            if (writeFailed)
                std::rethrow_exception(writeFailed);
            writer->sync();
        });
        const std::int64_t held = range.start + received;
        setUploadOffset(res, held);
        if (!ok || received != range.length()) {
            bodyCut = true;
            throw ApiError(400, "incomplete_body",
                           "the body ended after " + std::to_string(received) + " of " +
                               std::to_string(range.length()) + " bytes");
        }
        if (held < range.total) {
            replyJson(res, 200, Json{{"sha256", id}, {"offset", held}, {"complete", false}});
            return;
        }
        if (!storing(m_log, [&] { return m_blobs.commit(id, writer->digest()); })) {
            setUploadOffset(res, 0);
            throw ApiError(422, "hash_mismatch",
                           "the uploaded bytes do not hash to " + id +
                               "; the partial upload was discarded, upload it again");
        }
        replyJson(res, 201, Json{{"sha256", id}, {"size", range.total}, {"complete", true}});
    });
    if (bodyCut && m_plainHttp && answerOnSocket(req, res))
        m_log("answered a cut upload of " + req.path + " on its half-closed connection");
}

} // namespace fp
