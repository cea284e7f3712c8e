#pragma once
// A Transport that answers from a test's function instead of the network, and records every
// request: for unit tests of the engine's decisions (the integration tests use real libcurl).

#include "client/syncerror.h"
#include "client/transport.h"

#include <functional>
#include <vector>

namespace fp::test {

/// Answers each request with `respond`; a respond that throws NetworkError simulates a cut.
class FakeTransport final : public Transport
{
  public:
    using Responder = std::function<HttpResponse(const HttpRequest &)>;

    explicit FakeTransport(Responder respond) : m_respond(std::move(respond)) {}

    HttpResponse send(const HttpRequest &request) override
    {
        m_sent.push_back(request);
        return m_respond(request);
    }
    std::int64_t requestCount() const override { return std::int64_t(m_sent.size()); }

    const std::vector<HttpRequest> &sent() const { return m_sent; }
    void setResponder(Responder respond) { m_respond = std::move(respond); }

  private:
    Responder m_respond;
    std::vector<HttpRequest> m_sent;
};

inline HttpResponse jsonResponse(int status, const std::string &body)
{
    HttpResponse r;
    r.status = status;
    r.headers["content-type"] = "application/json";
    r.body = body;
    return r;
}

} // namespace fp::test
