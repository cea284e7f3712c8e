// WebApi: the office journal, who did what, newest first, a page at a time, filtered by
// account, kind, day and enterprise (GET /api/v1/web/journal; docs/web.md); and record(), which
// the page's changes call to journal what they did.

#include "core/clock.h"
#include "core/validation.h"
#include "server/domain/apierror.h"
#include "server/http/httpreply.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <algorithm>
#include <limits>
#include <map>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr int kJournalDefaultLimit = 50;
constexpr int kJournalMaxLimit = 200;
constexpr std::size_t kMaxKindBytes = 40;
constexpr std::size_t kMaxAccountBytes = 200;

/// A kind as the journal spells them (journalstore.h): a-z, _ and dots.
bool isKindText(const std::string &kind)
{
    return kind.size() <= kMaxKindBytes && std::all_of(kind.begin(), kind.end(), [](char c) {
               return c == '_' || c == '.' || (c >= 'a' && c <= 'z');
           });
}

std::string dateParam(const Request &req, const std::string &name)
{
    const std::string date = req.get_param_value(name);
    if (!date.empty() && !isValidDate(date))
        throw ApiError(400, "bad_request",
                       name + ": must be a date like 2017-10-31, not '" + date.substr(0, 40) + "'");
    return date;
}

Json detailJson(const std::string &text)
{
    Json j = Json::parse(text, nullptr, false);
    return j.is_discarded() ? Json(text) : j;
}

} // namespace

void WebApi::record(const std::string &account, std::string kind, std::string target,
                    std::string summary, const Json &detail, std::string enterpriseId)
{
    m_stores.journal.appendJournal(JournalEntry{
        0, formatTimestamp(m_clock.now()), account, std::move(kind), std::move(target),
        std::move(enterpriseId), std::move(summary), detail.is_null() ? "{}" : detail.dump()});
}

void WebApi::attachJournal(httplib::Server &server)
{
    read(server, "/api/v1/web/journal", [this](const Request &req, Response &res, const Caller &) {
        JournalFilter filter;
        filter.account = req.get_param_value("account");
        if (filter.account.size() > kMaxAccountBytes)
            throw ApiError(400, "bad_request",
                           "account: at most " + std::to_string(kMaxAccountBytes) + " bytes");
        filter.kind = req.get_param_value("kind");
        if (!isKindText(filter.kind))
            throw ApiError(400, "bad_request",
                           "kind: must be a kind like card or card.issued (a-z, _ and .), not '" +
                               filter.kind.substr(0, kMaxKindBytes) + "'");
        filter.from = dateParam(req, "from");
        filter.to = dateParam(req, "to");
        if (!filter.from.empty() && !filter.to.empty() && filter.to < filter.from)
            throw ApiError(400, "bad_request",
                           "to: the last day (" + filter.to + ") is before the first (" +
                               filter.from + ")");
        filter.enterprise_id = req.get_param_value("enterprise");
        if (filter.enterprise_id.size() > kMaxAccountBytes)
            throw ApiError(400, "bad_request",
                           "enterprise: at most " + std::to_string(kMaxAccountBytes) + " bytes");
        const int limit = int(intParam(req, "limit", 1, kJournalMaxLimit, kJournalDefaultLimit));
        filter.before = intParam(req, "before", 1, std::numeric_limits<std::int64_t>::max(), 0);
        filter.limit = limit + 1; // one more than asked tells whether an older page exists
        auto entries = m_stores.journal.journal(filter);
        const bool more = entries.size() > std::size_t(limit);
        if (more)
            entries.resize(std::size_t(limit));
        std::map<std::string, std::string> names; // enterprise id -> name, for the page
        if (std::any_of(entries.begin(), entries.end(),
                        [](const JournalEntry &e) { return !e.enterprise_id.empty(); })) {
            for (const auto &e : m_stores.plan.listEnterprises())
                names[e.id] = e.name;
        }
        Json out = Json::array();
        for (const auto &e : entries) {
            const auto name = names.find(e.enterprise_id);
            out.push_back(Json{{"seq", e.seq},
                               {"at", e.at},
                               {"account", e.account},
                               {"kind", e.kind},
                               {"target", e.target},
                               {"enterprise_id", e.enterprise_id},
                               {"enterprise_name", name == names.end() ? "" : name->second},
                               {"summary", e.summary},
                               {"detail", detailJson(e.detail)}});
        }
        replyJson(res, 200,
                  Json{{"entries", out},
                       {"limit", limit},
                       {"more", more},
                       {"next_before", more ? Json(entries.back().seq) : Json()}});
    });
}

} // namespace fp
