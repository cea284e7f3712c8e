#pragma once
// An independent HTTP client for the server's API tests: libcurl directly, one easy handle per
// client (so requests reuse a kept-alive connection, as a device would), every call bounded.

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace fp::test {

struct HttpResult
{
    long status = 0;   // 0 when the transfer failed
    std::string error; // libcurl's message when it failed
    std::string body;
    std::map<std::string, std::string> headers; // names lower-cased
    nlohmann::json json() const;                // parsed body, or null when not JSON
    std::string header(const std::string &lowerName) const;
};

class HttpClient
{
  public:
    explicit HttpClient(std::string baseUrl);
    ~HttpClient();
    HttpClient(const HttpClient &) = delete;
    HttpClient &operator=(const HttpClient &) = delete;

    void setToken(std::string token) { m_token = std::move(token); }
    /// Trust this CA (PEM) for https URLs; verification always stays on.
    void setCaFile(std::string file) { m_caFile = std::move(file); }

    /// Any method; `headers` are "Name: value" lines added to the default ones (Authorization
    /// when a token is set, an empty Expect:). The path is sent exactly as given.
    HttpResult request(const std::string &method, const std::string &path,
                       const std::string &body = {}, const std::vector<std::string> &headers = {},
                       bool sendBody = false);

    HttpResult get(const std::string &path) { return request("GET", path); }
    HttpResult head(const std::string &path) { return request("HEAD", path); }
    HttpResult postJson(const std::string &path, const std::string &json)
    {
        return request("POST", path, json, {"Content-Type: application/json"}, true);
    }
    HttpResult put(const std::string &path, const std::string &body,
                   const std::vector<std::string> &headers = {})
    {
        return request("PUT", path, body, headers, true);
    }

    /// A PUT of `body` (Content-Length: its full size) that stops after `sendBytes` bytes and
    /// drops the connection, like a tablet losing signal mid-upload.
    HttpResult putCut(const std::string &path, const std::string &body, std::size_t sendBytes);

  private:
    struct Handle;
    std::unique_ptr<Handle> m_handle;
    std::string m_base;
    std::string m_token;
    std::string m_caFile;
};

} // namespace fp::test
