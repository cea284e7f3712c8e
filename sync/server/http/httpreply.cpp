#include "server/http/httpreply.h"

#include "protocol/errorbody.h"
#include "server/domain/apierror.h"

#include <cctype>
#include <charconv>

namespace fp {

void replyJson(httplib::Response &res, int status, const Json &body)
{
    res.status = status;
    // Replace, don't throw on, invalid UTF-8: error messages may quote the client's bad bytes.
    res.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace), "application/json");
}

namespace {

/// RFC 5987 percent-encoding for a Content-Disposition filename*.
std::string percentEncode(const std::string &text)
{
    static const char *hex = "0123456789ABCDEF";
    std::string out;
    for (const unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_') {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

} // namespace

void replyAttachment(httplib::Response &res, const std::string &bytes, const std::string &type,
                     const std::string &asciiName, const std::string &fileName)
{
    res.set_header("Content-Disposition", "attachment; filename=\"" + asciiName +
                                              "\"; filename*=UTF-8''" + percentEncode(fileName));
    res.status = 200;
    res.set_content(bytes, type);
}

void replyGuarded(const httplib::Request &req, httplib::Response &res,
                  const std::function<void(const std::string &)> &log,
                  const std::function<void()> &body)
{
    try {
        body();
    } catch (const ApiError &e) {
        replyError(res, e.status(), e.code(), e.what());
        if (e.retryAfter() > 0)
            res.set_header("Retry-After", std::to_string(e.retryAfter()));
    } catch (const DecodeError &e) {
        replyError(res, 400, "bad_request", e.what());
    } catch (const ValidationError &e) {
        replyError(res, 400, "bad_request", e.what());
    } catch (const std::exception &e) {
        log(std::string("internal error: ") + e.what());
        replyError(res, 500, "internal", "the server failed to handle this request; see its log");
    }
    if (res.status >= 400 && hasBody(req))
        res.set_header("Connection", "close");
}

void replyError(httplib::Response &res, int status, const std::string &code,
                const std::string &message)
{
    replyJson(res, status, Json(ErrorBody{code, message}));
}

std::string errorCodeFor(int status)
{
    switch (status) {
    case 400:
        return "bad_request";
    case 401:
        return "unauthorized";
    case 403:
        return "forbidden";
    case 404:
        return "not_found";
    case 405:
        return "method_not_allowed";
    case 409:
        return "conflict";
    case 411:
        return "length_required";
    case 413:
        return "too_large";
    case 414:
        return "uri_too_long";
    case 416:
        return "bad_range";
    case 422:
        return "unprocessable";
    default:
        return status >= 500 ? "internal" : "error";
    }
}

std::optional<std::size_t> declaredLength(const httplib::Request &req)
{
    if (!req.has_header("Content-Length"))
        return std::nullopt;
    const std::string text = req.get_header_value("Content-Length");
    std::size_t n = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || ptr != text.data() + text.size())
        throw ApiError(400, "bad_request", "Content-Length: '" + text + "' is not a number");
    return n;
}

std::string readBody(const httplib::Request &req, const httplib::ContentReader &reader,
                     std::size_t limit)
{
    const auto tooLarge = [limit] {
        return ApiError(413, "too_large",
                        "the request body is larger than " + std::to_string(limit) + " bytes");
    };
    if (const auto n = declaredLength(req); n && *n > limit)
        throw tooLarge();
    std::string body;
    if (!hasBody(req))
        return body;
    bool overflow = false;
    reader([&](const char *data, std::size_t size) {
        if (body.size() + size > limit) {
            overflow = true;
            return false;
        }
        body.append(data, size);
        return true;
    });
    if (overflow)
        throw tooLarge();
    return body;
}

bool hasBody(const httplib::Request &req)
{
    if (req.get_header_value("Transfer-Encoding").find("chunked") != std::string::npos)
        return true;
    try {
        const auto n = declaredLength(req);
        return n && *n > 0;
    } catch (const std::exception &) {
        return true; // a malformed length: assume the worst
    }
}

void drainBody(const httplib::Request &req, const httplib::ContentReader &reader)
{
    if (hasBody(req))
        reader([](const char *, std::size_t) { return true; });
}

} // namespace fp
