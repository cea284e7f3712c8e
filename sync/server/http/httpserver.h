#pragma once
// The HTTP or HTTPS server that `serve` runs, so that the command line needs no cpp-httplib:
// the two APIs attach their routes to server(), and the rest is binding, listening and
// stopping.

#include "server/http/httplibfwd.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace fp {

class HttpServer
{
  public:
    /// Plain HTTP, or HTTPS when `cert` and `key` (PEM files) are given; `workers` threads
    /// answer requests. Throws Error when the certificate or key cannot be loaded.
    HttpServer(const std::optional<std::string> &cert, const std::optional<std::string> &key,
               std::size_t workers);
    ~HttpServer();
    HttpServer(const HttpServer &) = delete;
    HttpServer &operator=(const HttpServer &) = delete;

    httplib::Server &server() { return *m_server; }

    /// False when `host`:`port` cannot be bound.
    bool bindToPort(const std::string &host, int port);
    /// Binds a free port of `host`: the port, or <= 0 on failure.
    int bindToAnyPort(const std::string &host);
    /// Serves until stop(); false when listening failed.
    bool listenAfterBind();
    bool isRunning() const;
    void stop();

  private:
    std::unique_ptr<httplib::Server> m_server;
};

} // namespace fp
