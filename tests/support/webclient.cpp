#include "webclient.h"

namespace fp::test {

HttpResult WebClient::login(const std::string &username, const std::string &password,
                            const std::vector<std::string> &headers)
{
    const nlohmann::json body{{"username", username}, {"password", password}};
    std::vector<std::string> all{"Content-Type: application/json"};
    all.insert(all.end(), headers.begin(), headers.end());
    HttpResult r = m_http->request("POST", "/api/v1/web/login", body.dump(), all, true);
    if (r.status == 200) {
        const std::string setCookie = r.header("set-cookie");
        m_cookie = setCookie.substr(0, setCookie.find(';'));
        m_csrf = r.json().value("csrf_token", "");
    }
    return r;
}

std::vector<std::string> WebClient::sessionHeaders() const
{
    std::vector<std::string> h;
    if (!m_cookie.empty())
        h.push_back("Cookie: " + m_cookie);
    return h;
}

HttpResult WebClient::get(const std::string &path)
{
    return m_http->request("GET", path, {}, sessionHeaders());
}

HttpResult WebClient::send(const std::string &method, const std::string &path,
                           const std::string &body, const std::string &contentType, bool withCsrf,
                           std::vector<std::string> headers)
{
    auto h = sessionHeaders();
    h.push_back("Content-Type: " + contentType);
    if (withCsrf)
        h.push_back("X-CSRF-Token: " + m_csrf);
    h.insert(h.end(), headers.begin(), headers.end());
    return m_http->request(method, path, body, h, true);
}

} // namespace fp::test
