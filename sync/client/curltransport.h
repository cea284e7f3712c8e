#pragma once
// The real transport: libcurl, one easy handle reused for every request so that the
// connection stays open (keep-alive, HTTP/1.1), TLS verification always on.

#include "curlhandle.h"
#include "transport.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace fp {

/// Where the office is and how patient to be with it.
struct TransportOptions
{
    std::string base_url; // "https://office.example.cn:8443", no trailing slash needed
    /// The office's own CA (PEM), added to nothing: it replaces the system's trust store.
    std::optional<std::filesystem::path> ca_file;
    std::chrono::milliseconds connect_timeout{10000};
    /// A transfer slower than this many bytes per second for low_speed_time is dropped: a
    /// dead mobile link otherwise hangs a request forever.
    long low_speed_limit = 32;
    std::chrono::seconds low_speed_time{30};
    /// The largest answer accepted (pull pages are far smaller).
    std::size_t max_response_bytes = std::size_t{64} << 20;
    /// Plain http is refused except to this machine (the token and password would cross the
    /// network in clear); a developer may allow it for a test office on a trusted LAN.
    bool allow_plain_http = false;
    /// Raised by another thread to stop; checked while a transfer runs, too.
    const std::atomic<bool> *cancel = nullptr;
};

/// Sends requests with libcurl on the calling thread.
class CurlTransport final : public Transport
{
  public:
    explicit CurlTransport(TransportOptions options);

    HttpResponse send(const HttpRequest &request) override;
    std::int64_t requestCount() const override { return m_requests; }

  private:
    struct Exchange;
    static std::size_t onWrite(char *data, std::size_t size, std::size_t count, void *userdata);
    static std::size_t onHeader(char *data, std::size_t size, std::size_t count, void *userdata);
    static int onProgress(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                          curl_off_t ulnow);
    bool cancelled() const;
    void setCommonOptions();

    TransportOptions m_options;
    bool m_loopback = false;
    CurlHandle m_curl;
    std::int64_t m_requests = 0;
    char m_errorText[CURL_ERROR_SIZE] = {};
};

} // namespace fp
