#include "curltransport.h"

#include "curlheaders.h"
#include "syncerror.h"
#include "uploadbody.h"

#include <algorithm>
#include <cctype>

namespace fp {

namespace {

constexpr const char *kUserAgent = "fieldproof-sync/1";

std::string lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string trim(std::string_view text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

/// "http(s)://HOST[:PORT]..." -> HOST, lowercase, brackets of an IPv6 literal kept.
std::string hostOf(const std::string &url)
{
    const auto scheme = url.find("://");
    const std::size_t start = scheme == std::string::npos ? 0 : scheme + 3;
    std::size_t end = url.find_first_of("/?#", start);
    if (end == std::string::npos)
        end = url.size();
    std::string authority = url.substr(start, end - start);
    if (const auto at = authority.rfind('@'); at != std::string::npos)
        authority.erase(0, at + 1);
    if (!authority.empty() && authority.front() == '[')
        return lowercase(authority.substr(0, authority.find(']') + 1));
    return lowercase(authority.substr(0, authority.find(':')));
}

} // namespace

struct CurlTransport::Exchange
{
    const CurlTransport *transport = nullptr;
    const HttpRequest *request = nullptr;
    HttpResponse response;
    bool tooLarge = false;
    std::int64_t reportedSent = -1;
};

CurlTransport::CurlTransport(TransportOptions options) : m_options(std::move(options))
{
    while (!m_options.base_url.empty() && m_options.base_url.back() == '/')
        m_options.base_url.pop_back();
    const std::string scheme =
        lowercase(m_options.base_url.substr(0, m_options.base_url.find("://")));
    const std::string host = hostOf(m_options.base_url);
    m_loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]";
    if (scheme != "https" && scheme != "http")
        throw SyncError("the server address '" + m_options.base_url +
                        "' must start with https:// (or http:// for this machine)");
    if (scheme == "http" && !m_loopback && !m_options.allow_plain_http)
        throw SyncError("refusing to send the device token in clear text to " + host +
                        "; use an https:// address (plain http is only for this machine)");
}

bool CurlTransport::cancelled() const
{
    return m_options.cancel && m_options.cancel->load(std::memory_order_relaxed);
}

void CurlTransport::setCommonOptions()
{
    CURL *c = m_curl.get();
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); // the app runs this on a worker thread
    curl_easy_setopt(c, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, long(m_options.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, m_options.low_speed_limit);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, long(m_options.low_speed_time.count()));
    // Verification stays on whatever the caller says; only the trust anchor may change.
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (m_options.ca_file)
        curl_easy_setopt(c, CURLOPT_CAINFO, m_options.ca_file->c_str());
    if (m_loopback)
        curl_easy_setopt(c, CURLOPT_NOPROXY, "*"); // a proxy can never reach our own loopback
    curl_easy_setopt(c, CURLOPT_USERAGENT, kUserAgent);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, m_errorText);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &CurlTransport::onProgress);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &CurlTransport::onWrite);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &CurlTransport::onHeader);
}

HttpResponse CurlTransport::send(const HttpRequest &request)
{
    if (cancelled())
        throw SyncCancelled();
    CURL *c = m_curl.get();
    curl_easy_reset(c); // forgets the options of the last request, keeps its open connection
    setCommonOptions();
    m_errorText[0] = '\0';

    Exchange exchange;
    exchange.transport = this;
    exchange.request = &request;
    const std::string url = m_options.base_url + request.target;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &exchange);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &exchange);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &exchange);

    CurlHeaders headers;
    headers.add("Expect:"); // no 100-continue round trip before each body (libcurl 7.88)
    for (const auto &[name, value] : request.headers)
        headers.add(name + ": " + value);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());

    std::optional<UploadBody> upload;
    if (request.method == "GET") {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else if (request.file) {
        upload.emplace(*request.file);
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, &UploadBody::read);
        curl_easy_setopt(c, CURLOPT_READDATA, &*upload);
        curl_easy_setopt(c, CURLOPT_SEEKFUNCTION, &UploadBody::seek);
        curl_easy_setopt(c, CURLOPT_SEEKDATA, &*upload);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(request.file->length));
        if (request.method != "PUT")
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    } else {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
        if (request.method != "POST")
            curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }

    ++m_requests;
    const CURLcode rc = curl_easy_perform(c);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, nullptr); // the list dies with this scope

    if (rc == CURLE_ABORTED_BY_CALLBACK && cancelled())
        throw SyncCancelled();
    if (exchange.tooLarge)
        throw NetworkError("the office server's answer to " + request.method + " " +
                           request.target + " is larger than " +
                           std::to_string(m_options.max_response_bytes) + " bytes");
    if (rc != CURLE_OK) {
        const std::string detail = m_errorText[0] ? m_errorText : curl_easy_strerror(rc);
        if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE ||
            rc == CURLE_SSL_ISSUER_ERROR)
            throw TlsError("the office server at " + m_options.base_url +
                           " has a certificate this device does not trust: " + detail);
        throw NetworkError("no answer from the office server at " + m_options.base_url + " (" +
                           request.method + " " + request.target + "): " + detail);
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    exchange.response.status = static_cast<int>(status);
    return std::move(exchange.response);
}

std::size_t CurlTransport::onWrite(char *data, std::size_t size, std::size_t count, void *userdata)
{
    auto *ex = static_cast<Exchange *>(userdata);
    const std::size_t n = size * count;
    if (ex->response.body.size() + n > ex->transport->m_options.max_response_bytes) {
        ex->tooLarge = true;
        return 0; // makes libcurl stop with CURLE_WRITE_ERROR
    }
    ex->response.body.append(data, n);
    return n;
}

std::size_t CurlTransport::onHeader(char *data, std::size_t size, std::size_t count, void *userdata)
{
    auto *ex = static_cast<Exchange *>(userdata);
    const std::string_view line(data, size * count);
    if (line.starts_with("HTTP/")) {
        ex->response.headers.clear(); // a new status line: an interim 1xx answer came first
    } else if (const auto colon = line.find(':'); colon != std::string_view::npos) {
        ex->response.headers[lowercase(trim(line.substr(0, colon)))] = trim(line.substr(colon + 1));
    }
    return size * count;
}

int CurlTransport::onProgress(void *userdata, curl_off_t, curl_off_t, curl_off_t, curl_off_t ulnow)
{
    auto *ex = static_cast<Exchange *>(userdata);
    if (ex->transport->cancelled())
        return 1; // aborts the transfer with CURLE_ABORTED_BY_CALLBACK
    if (ex->request->upload_progress && ulnow != ex->reportedSent) {
        ex->reportedSent = ulnow;
        ex->request->upload_progress(static_cast<std::int64_t>(ulnow));
    }
    return 0;
}

} // namespace fp
