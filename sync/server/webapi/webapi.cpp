#include "server/webapi/webapi.h"

#include "server/domain/apierror.h"
#include "server/http/webhttp.h"
#include "server/webapi/webassets.h"

#include <httplib.h>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

const WebAsset *findAsset(std::string_view path)
{
    for (const auto &a : webAssets()) {
        if (a.path == path)
            return &a;
    }
    return nullptr;
}

/// The store of the page's shared state: the one named, else the accounts store's own.
SessionStore &sessionStoreOf(const WebStores &stores)
{
    if (stores.sessions)
        return *stores.sessions;
    if (auto *own = dynamic_cast<SessionStore *>(&stores.accounts))
        return *own;
    throw Error("the office store keeps no web sessions (WebStores::sessions)");
}

} // namespace

WebApi::WebApi(WebStores stores, BlobStore &blobs, SignInThrottle &throttle, const Clock &clock,
               WebOptions options, Log log)
    : m_stores(stores), m_blobs(blobs), m_throttle(throttle), m_clock(clock),
      m_options(std::move(options)), m_log(std::move(log)),
      m_sessions(sessionStoreOf(stores), clock, m_options.session_lifetime),
      m_idempotency(sessionStoreOf(stores), clock), m_thumbs(m_options.thumbs, m_options.tmp)
{
}

void WebApi::attach(httplib::Server &server)
{
    const auto serveAsset = [this](const Request &req, Response &res, std::string_view path) {
        webGuarded(req, res, m_log, [&] {
            const WebAsset *asset = findAsset(path);
            if (!asset)
                throw ApiError(404, "not_found", "there is no file at " + req.path);
            res.status = 200;
            res.set_content(std::string(asset->bytes), std::string(webContentType(asset->path)));
        });
    };
    server.Get("/", [serveAsset](const Request &req, Response &res) {
        serveAsset(req, res, "index.html");
    });
    server.Get("/web/([a-z0-9-]+\\.[a-z]+)", [serveAsset](const Request &req, Response &res) {
        serveAsset(req, res, req.matches[1].str());
    });

    // In this order, each method's routes are registered as they always were.
    attachLogin(server);
    attachProgress(server);
    attachEnterprises(server);
    attachInspections(server);
    attachLists(server);
    attachBlobs(server);
    attachPlan(server);
    attachTasks(server);
    attachCards(server);
    attachAccounts(server);
    attachAudit(server);
    attachBundle(server);
    attachJournal(server);
    attachFinds(server);
    attachTipoffs(server);
    attachPublications(server);
    attachYearReport(server);
}

} // namespace fp
