#include "httpclient.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>

namespace fp::test {

namespace {

std::size_t onBody(char *data, std::size_t size, std::size_t n, void *user)
{
    static_cast<std::string *>(user)->append(data, size * n);
    return size * n;
}

std::size_t onHeader(char *data, std::size_t size, std::size_t n, void *user)
{
    auto *headers = static_cast<std::map<std::string, std::string> *>(user);
    std::string line(data, size * n);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = line.substr(0, colon);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return char(std::tolower(c)); });
        std::string value = line.substr(colon + 1);
        const auto b = value.find_first_not_of(" \t");
        const auto e = value.find_last_not_of(" \t\r\n");
        (*headers)[name] = b == std::string::npos ? std::string() : value.substr(b, e - b + 1);
    }
    return size * n;
}

struct SlistDeleter
{
    void operator()(curl_slist *l) const { curl_slist_free_all(l); }
};

} // namespace

struct HttpClient::Handle
{
    static bool globalInit()
    {
        // Once, before any thread makes a handle: curl_global_init is not thread-safe everywhere.
        static const bool done = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
        return done;
    }
    bool ready = globalInit();
    CURL *curl = curl_easy_init();
    ~Handle() { curl_easy_cleanup(curl); }
};

nlohmann::json HttpResult::json() const
{
    return nlohmann::json::parse(body, nullptr, false);
}

std::string HttpResult::header(const std::string &lowerName) const
{
    const auto it = headers.find(lowerName);
    return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::string baseUrl)
    : m_handle(std::make_unique<Handle>()), m_base(std::move(baseUrl))
{
}

HttpClient::~HttpClient() = default;

HttpResult HttpClient::request(const std::string &method, const std::string &path,
                               const std::string &body, const std::vector<std::string> &headers,
                               bool sendBody)
{
    CURL *c = m_handle->curl;
    curl_easy_reset(c);
    HttpResult r;
    const std::string url = m_base + path;
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
    if (!m_caFile.empty())
        curl_easy_setopt(c, CURLOPT_CAINFO, m_caFile.c_str());
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.headers);
    if (method == "HEAD") {
        curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    if (sendBody) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.size()));
    }
    std::unique_ptr<curl_slist, SlistDeleter> list;
    const auto add = [&list](const std::string &h) {
        list.reset(curl_slist_append(list.release(), h.c_str()));
    };
    add("Expect:");
    if (!sendBody)
        add("Content-Type:");
    if (!m_token.empty())
        add("Authorization: Bearer " + m_token);
    for (const auto &h : headers)
        add(h);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
        r.error = curl_easy_strerror(rc);
        return r;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    return r;
}

} // namespace fp::test

namespace fp::test {

namespace {
struct CutUpload
{
    const std::string *body;
    std::size_t sent = 0;
    std::size_t limit = 0;
};

std::size_t readCut(char *buffer, std::size_t size, std::size_t n, void *user)
{
    auto *u = static_cast<CutUpload *>(user);
    if (u->sent >= u->limit)
        return CURL_READFUNC_ABORT;
    const std::size_t chunk = std::min({size * n, u->limit - u->sent, u->body->size() - u->sent});
    std::memcpy(buffer, u->body->data() + u->sent, chunk);
    u->sent += chunk;
    return chunk;
}
} // namespace

HttpResult HttpClient::putCut(const std::string &path, const std::string &body,
                              std::size_t sendBytes)
{
    CURL *c = m_handle->curl;
    curl_easy_reset(c);
    HttpResult r;
    const std::string url = m_base + path;
    CutUpload upload{&body, 0, sendBytes};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, curl_off_t(body.size()));
    curl_easy_setopt(c, CURLOPT_READFUNCTION, readCut);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
    std::unique_ptr<curl_slist, SlistDeleter> list;
    list.reset(curl_slist_append(list.release(), "Expect:"));
    if (!m_token.empty())
        list.reset(curl_slist_append(list.release(), ("Authorization: Bearer " + m_token).c_str()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, list.get());
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        r.error = curl_easy_strerror(rc);
    else
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    return r;
}

} // namespace fp::test
