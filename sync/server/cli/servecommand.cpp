// fieldproof-server serve: the HTTP(S) endpoint until SIGTERM or SIGINT.

#include "cli/args.h"
#include "protocol/api.h"
#include "server/cli/clicommands.h"
#include "server/http/httpserver.h"
#include "server/syncapi/apiserver.h"
#include "server/webapi/webapi.h"

#include <atomic>
#include <charconv>
#include <chrono>
#include <csignal>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

#include <pthread.h>
#include <unistd.h>

namespace fp {

namespace {

constexpr std::size_t kWorkerThreads = 32;
constexpr int kDefaultDatabasePool = 4;

/// The web options of `serve`: --session-seconds N (idle lifetime, 1-604800 s; default 8 h;
/// short ones let tests see expiry), Secure cookies under TLS, XLSX exports under the data
/// directory's tmp/ and the thumbnail cache in its thumbs/.
WebOptions webOptions(const CliArgs &args, bool tls, const DataDir &data)
{
    WebOptions o;
    o.secure_cookie = tls;
    o.tmp = data.tmp();
    o.thumbs = data.thumbs();
    if (const auto text = args.value("session-seconds")) {
        int s = 0;
        const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), s);
        if (ec != std::errc() || ptr != text->data() + text->size() || s < 1 || s > 604800)
            throw UsageError("--session-seconds must be a whole number of seconds (1-604800), "
                             "not '" +
                             *text + "'");
        o.session_lifetime = std::chrono::seconds(s);
    }
    return o;
}

struct ListenAddress
{
    std::string host;
    int port = 0;
};

ListenAddress parseListen(const std::string &text)
{
    const auto colon = text.rfind(':');
    ListenAddress a;
    if (colon == std::string::npos || colon == 0)
        throw UsageError("--listen must be HOST:PORT, e.g. 127.0.0.1:8080, not '" + text + "'");
    a.host = text.substr(0, colon);
    if (a.host.size() > 2 && a.host.front() == '[' && a.host.back() == ']')
        a.host = a.host.substr(1, a.host.size() - 2); // [::1]:8080
    const std::string port = text.substr(colon + 1);
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), a.port);
    if (ec != std::errc() || ptr != port.data() + port.size() || a.port < 0 || a.port > 65535)
        throw UsageError("--listen port must be 0-65535 (0: any free port), not '" + port + "'");
    return a;
}

std::int64_t maxBlobBytes(const CliArgs &args)
{
    const auto text = args.value("max-blob-mb");
    if (!text)
        return api::kDefaultMaxBlobBytes;
    int mb = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), mb);
    if (ec != std::errc() || ptr != text->data() + text->size() || mb < 1 || mb > 1024 * 1024)
        throw UsageError("--max-blob-mb must be a whole number of megabytes, not '" + *text + "'");
    return std::int64_t(mb) * 1024 * 1024;
}

/// --database-pool N: connections to PostgreSQL per server (1-100; default 4). Each request
/// holds one while it reads or writes the office database; more let a server's requests reach
/// the database at once, and PostgreSQL's max_connections must cover every server's N.
int databasePool(const CliArgs &args)
{
    const auto text = args.value("database-pool");
    if (!text)
        return kDefaultDatabasePool;
    if (!databaseOption(args))
        throw UsageError("--database-pool is for an office on PostgreSQL (--database or "
                         "FIELDPROOF_DATABASE); the SQLite office.db has no connection pool");
    int n = 0;
    const auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
    if (ec != std::errc() || ptr != text->data() + text->size() || n < 1 || n > 100)
        throw UsageError("--database-pool must be a whole number of connections (1-100), not '" +
                         *text + "'");
    return n;
}

int ioTimeoutSeconds(const CliArgs &args)
{
    const std::string text = args.valueOr("io-timeout-s", "30");
    int s = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), s);
    if (ec != std::errc() || ptr != text.data() + text.size() || s < 1 || s > 3600)
        throw UsageError("--io-timeout-s must be a whole number of seconds (1-3600), not '" + text +
                         "'");
    return s;
}

} // namespace

int serveCommand(const std::vector<std::string> &all, CliContext &ctx)
{
    const CliArgs args(all, {"data", "database", "listen", "tls-cert", "tls-key", "max-blob-mb",
                             "io-timeout-s", "session-seconds", "database-pool"});
    args.noPositionals();
    const ListenAddress listen = parseListen(args.valueOr("listen", "127.0.0.1:8080"));
    const auto cert = args.value("tls-cert");
    const auto key = args.value("tls-key");
    if (cert.has_value() != key.has_value())
        throw UsageError("--tls-cert and --tls-key go together");
    ApiOptions options;
    options.max_blob_bytes = maxBlobBytes(args);
    options.io_timeout_s = ioTimeoutSeconds(args);
    const int pool = databasePool(args);

    // Block the stop signals before any thread starts, so that only sigwait() below sees them.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGTERM);
    sigaddset(&stopSignals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);

    std::mutex logMutex;
    const auto log = [&](const std::string &line) {
        std::lock_guard lock(logMutex);
        ctx.err << formatTimestamp(ctx.clock.now()) << ' ' << line << std::endl;
    };

    auto data = openData(args, pool);
    FolderBlobStore blobs(data.dir.blobs(), data.dir.tmp());
    // One throttle for both doors: guesses at the office page and at enrolment add up, and
    // with every other server on the same database (the failures live there).
    SignInThrottle throttle(*data.store, ctx.clock);
    SyncService sync(*data.store, *data.store, *data.store, blobs, throttle, ctx.clock, log);
    ApiServer api(sync, blobs, options, log);
    OfficeStore &store = *data.store;
    WebApi web(WebStores{store, store, store, store, store, store, store, store, store, &store},
               blobs, throttle, ctx.clock, webOptions(args, cert.has_value(), data.dir), log);

    HttpServer server(cert, key, kWorkerThreads);
    web.attach(server.server()); // before the API's catch-all routes
    api.attach(server.server());

    int port = listen.port;
    if (port == 0)
        port = server.bindToAnyPort(listen.host);
    else if (!server.bindToPort(listen.host, port))
        port = -1;
    if (port <= 0)
        throw Error("cannot listen on " + listen.host + ":" + std::to_string(listen.port) +
                    " (in use, or not an address of this machine)");

    ctx.out << "listening on " << (cert ? "https" : "http") << "://" << listen.host << ":" << port
            << " with data in " << data.dir.root.string() << std::endl;

    std::atomic<bool> listenEnded{false};
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stopSignals, &sig);
        log(std::string("stopping on ") + (sig == SIGINT ? "SIGINT" : "SIGTERM"));
        // cpp-httplib's stop() does nothing until listen_after_bind() has marked the server
        // running, so a signal that lands right after "listening on" must wait for that.
        while (!listenEnded && !server.isRunning())
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        server.stop();
    });
    const bool ok = server.listenAfterBind();
    listenEnded = true;
    // If listening ended on its own, wake the waiter with a signal only it can receive.
    kill(getpid(), SIGTERM);
    waiter.join();
    log("stopped");
    return ok ? 0 : 1;
}

} // namespace fp
