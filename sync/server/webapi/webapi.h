#pragma once
// The office web page (DESIGN §6, docs/web.md): its static files and its JSON endpoints under
// /api/v1/web, for office and admin accounts signed in with a session cookie. Register it on
// the server before ApiServer, whose catch-all routes would otherwise answer first.

#include "core/clock.h"
#include "core/json.h"
#include "server/blobs/blobstore.h"
#include "server/domain/department.h"
#include "server/domain/signinthrottle.h"
#include "server/http/httplibfwd.h"
#include "server/storage/accountstore.h"
#include "server/storage/enterprisestore.h"
#include "server/storage/findstore.h"
#include "server/storage/journalstore.h"
#include "server/storage/planstore.h"
#include "server/storage/publicationstore.h"
#include "server/storage/reportstore.h"
#include "server/storage/reviewstore.h"
#include "server/storage/sessionstore.h"
#include "server/storage/tipoffstore.h"
#include "server/thumbnails/thumbnail.h"
#include "server/webapi/idempotency.h"
#include "server/webapi/websessions.h"

#include <chrono>
#include <filesystem>
#include <functional>
#include <semaphore>
#include <string>

namespace fp {

struct WebOptions
{
    std::chrono::seconds session_lifetime{8 * 3600}; // idle time until a session ends
    bool secure_cookie = false;                      // served over TLS: add Secure
    std::filesystem::path tmp;                       // XLSX exports, thumbnails being written
    std::filesystem::path thumbs;                    // the thumbnail cache (DataDir::thumbs)
};

/// The ports of the office's state the page's resources use.
struct WebStores
{
    AccountStore &accounts;
    PlanStore &plan;
    ReviewStore &reviews;
    ReportStore &reports;
    JournalStore &journal;
    EnterpriseStore &enterprises;
    FindStore &finds;
    TipoffStore &tipoffs;
    PublicationStore &publications;
    /// The page's sessions and idempotency keys (issue 18 item 1); none: the accounts store's,
    /// which every office store also is (SqliteOfficeStore, PgOfficeStore).
    SessionStore *sessions = nullptr;
};

class WebApi
{
  public:
    using Log = std::function<void(const std::string &)>;

    /// `throttle` slows password guessing; the device enrolment shares it.
    WebApi(WebStores stores, BlobStore &blobs, SignInThrottle &throttle, const Clock &clock,
           WebOptions options, Log log);
    /// Registers the page's files and endpoints on `server`.
    void attach(httplib::Server &server);

    /// The signed-in caller of a web request, with the department their account holds now
    /// (read at each request: an admin's change applies at once) and the regions they see.
    struct Caller
    {
        WebSessions::Session session;
        Department department = Department::None;
        OfficeReach reach{};

        Actor actor() const { return Actor{session.username, session.role, department}; }
    };

  private:
    using Handler =
        std::function<void(const httplib::Request &, httplib::Response &, const Caller &)>;
    using BodyHandler = std::function<void(const httplib::Request &, httplib::Response &,
                                           const Caller &, const std::string &body)>;
    /// A GET for signed-in staff.
    void read(httplib::Server &server, const std::string &pattern, Handler handler);
    /// A state-changing request (POST or DELETE): session, CSRF token and same origin checked,
    /// body read up to `limit` bytes.
    void write(httplib::Server &server, const std::string &method, const std::string &pattern,
               std::size_t limit, BodyHandler handler);
    Caller authenticate(const httplib::Request &req) const;

    /// The `today` query parameter (a date), else the clock's date.
    std::string today(const httplib::Request &req) const;

    // One file per resource, each attaching its own routes.
    // webapi.cpp: the page's files; webroutes.cpp: read, write, authenticate and today.
    // weblogin.cpp: sign-in, sign-out and the session.
    void attachLogin(httplib::Server &server);
    void login(const httplib::Request &req, httplib::Response &res, const std::string &body);
    void logout(const httplib::Request &req, httplib::Response &res);
    // webprogress.cpp
    void attachProgress(httplib::Server &server);
    // webenterprises.cpp: the list, each enterprise's dossier, and adding one outside the plan.
    void attachEnterprises(httplib::Server &server);
    Json dossier(const std::string &enterpriseId);
    /// Adds the enterprise a body describes (POST /enterprises' fields), journalled as
    /// `account`'s; its JSON with region_name. Tip-offs add a new enterprise through it too.
    Json addEnterpriseFrom(const Json &body, const std::string &account);
    // webinspections.cpp: the list, one inspection and its review.
    void attachInspections(httplib::Server &server);
    // weblists.cpp: the published lists and their export.
    void attachLists(httplib::Server &server);
    void sendList(httplib::Response &res, const std::string &name, const std::string &format,
                  const std::string &today);
    // webblobs.cpp: evidence and thumbnails.
    void attachBlobs(httplib::Server &server);
    void sendBlob(httplib::Response &res, const std::string &id);
    void sendThumbnail(httplib::Response &res, const std::string &id);
    // webplan.cpp: the plan import.
    void attachPlan(httplib::Server &server);
    // webtasks.cpp
    void attachTasks(httplib::Server &server);
    // webcards.cpp
    void attachCards(httplib::Server &server);
    // webaccounts.cpp: accounts, regions and devices.
    void attachAccounts(httplib::Server &server);
    // webaudit.cpp: the push audit.
    void attachAudit(httplib::Server &server);
    // webbundle.cpp: an enterprise's evidence bundle.
    void attachBundle(httplib::Server &server);
    // webjournal.cpp: the office journal, and record() that appends an action to it.
    void attachJournal(httplib::Server &server);
    void record(const std::string &account, std::string kind, std::string target,
                std::string summary, const Json &detail, std::string enterpriseId = {});
    // webfinds.cpp: on-site finds (漏报) into the plan, and their report by region.
    void attachFinds(httplib::Server &server);
    // webtipoffs.cpp: the tip-off register (举报), its tasks and closing visits.
    void attachTipoffs(httplib::Server &server);

    // webpublications.cpp: dated publications of the lists (issue 14 item 4).
    void attachPublications(httplib::Server &server);
    // webyearreport.cpp: the year-end report, progress exports, the slow-region threshold.
    void attachYearReport(httplib::Server &server);
    double slowRegionPercent();

    WebStores m_stores;
    BlobStore &m_blobs;
    SignInThrottle &m_throttle;
    const Clock &m_clock;
    WebOptions m_options;
    Log m_log;
    mutable WebSessions m_sessions;
    IdempotencyCache m_idempotency;
    ThumbnailCache m_thumbs;
    /// Photos being decoded at once (the machine's cores; more would only queue in memory).
    std::counting_semaphore<> m_decoders{2};
};

} // namespace fp
