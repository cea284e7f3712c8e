#include "server/http/httpserver.h"

#include "core/error.h"

#include <httplib.h>

namespace fp {

HttpServer::HttpServer(const std::optional<std::string> &cert,
                       const std::optional<std::string> &key, std::size_t workers)
{
    if (cert)
        m_server = std::make_unique<httplib::SSLServer>(cert->c_str(), key->c_str());
    else
        m_server = std::make_unique<httplib::Server>();
    if (!m_server->is_valid())
        throw Error("cannot load the TLS certificate " + *cert + " or key " + *key);
    // A kept-alive connection holds a worker; cpp-httplib's default (about the core count)
    // would make the 100 devices of DESIGN §7 queue behind a handful of slow uploads.
    m_server->new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
}

HttpServer::~HttpServer() = default;

bool HttpServer::bindToPort(const std::string &host, int port)
{
    return m_server->bind_to_port(host, port);
}

int HttpServer::bindToAnyPort(const std::string &host)
{
    return m_server->bind_to_any_port(host);
}

bool HttpServer::listenAfterBind()
{
    return m_server->listen_after_bind();
}

bool HttpServer::isRunning() const
{
    return m_server->is_running();
}

void HttpServer::stop()
{
    m_server->stop();
}

} // namespace fp
