#pragma once
// A browser-like client of the office web API for the server tests: signs in, keeps the
// session cookie and CSRF token, and sends them the way the page does (libcurl underneath).

#include "httpclient.h"

#include <memory>
#include <string>
#include <vector>

namespace fp::test {

class WebClient
{
  public:
    explicit WebClient(std::string baseUrl)
        : m_http(std::make_unique<HttpClient>(std::move(baseUrl)))
    {
    }

    /// POST /api/v1/web/login; on 200 keeps the cookie and the CSRF token.
    HttpResult login(const std::string &username, const std::string &password,
                     const std::vector<std::string> &headers = {});
    HttpResult get(const std::string &path);
    /// A change with the session cookie and (unless `withCsrf` is false) the CSRF token.
    HttpResult send(const std::string &method, const std::string &path, const std::string &body,
                    const std::string &contentType = "application/json", bool withCsrf = true,
                    std::vector<std::string> headers = {});
    HttpResult postJson(const std::string &path, const std::string &json)
    {
        return send("POST", path, json);
    }

    const std::string &cookie() const { return m_cookie; }
    const std::string &csrf() const { return m_csrf; }
    void setCookie(std::string cookie) { m_cookie = std::move(cookie); }
    HttpClient &http() { return *m_http; }

  private:
    std::vector<std::string> sessionHeaders() const;

    std::unique_ptr<HttpClient> m_http; // movable, so tests can return signed-in clients
    std::string m_cookie;               // "fp_session=..."
    std::string m_csrf;
};

} // namespace fp::test
