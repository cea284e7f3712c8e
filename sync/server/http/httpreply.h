#pragma once
// Small helpers for answering with JSON and reading bounded bodies through cpp-httplib.

#include "core/json.h"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <httplib.h>

namespace fp {

void replyJson(httplib::Response &res, int status, const Json &body);
/// {"error": code, "message": message} with `status`.
void replyError(httplib::Response &res, int status, const std::string &code,
                const std::string &message);
/// 200 with `bytes` of `type` as a download: `fileName` (UTF-8, RFC 5987 filename*) for
/// browsers, `asciiName` as the plain filename for clients that read only that.
void replyAttachment(httplib::Response &res, const std::string &bytes, const std::string &type,
                     const std::string &asciiName, const std::string &fileName);
/// The default `error` code for a status (400 bad_request, 404 not_found ...).
std::string errorCodeFor(int status);

/// Runs a handler and turns every exception into a JSON error: the server never dies of a
/// request and never answers without a body saying why (ApiError: its status; DecodeError and
/// ValidationError: 400; anything else: 500, logged). A refused request with a body may have
/// left some of it unread; "Connection: close" keeps the next request from being parsed out of
/// those bytes (cpp-httplib would otherwise read on from the same stream).
void replyGuarded(const httplib::Request &req, httplib::Response &res,
                  const std::function<void(const std::string &)> &log,
                  const std::function<void()> &body);

/// The declared Content-Length, or nothing when absent; throws ApiError 400 when malformed.
std::optional<std::size_t> declaredLength(const httplib::Request &req);
/// Reads the whole body through `reader`, refusing (ApiError 413) more than `limit` bytes,
/// before reading when Content-Length already says so.
std::string readBody(const httplib::Request &req, const httplib::ContentReader &reader,
                     std::size_t limit);
/// Reads and drops the rest of a body, so that a kept-alive connection stays in step.
void drainBody(const httplib::Request &req, const httplib::ContentReader &reader);
/// True when the request announces a body (Content-Length > 0 or chunked). Reading a body
/// that was not announced would wait for the connection to close.
bool hasBody(const httplib::Request &req);

} // namespace fp
