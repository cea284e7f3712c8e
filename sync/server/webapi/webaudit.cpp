// WebApi: the push audit, the device changes the office refused and why, newest first, a page
// at a time (GET /api/v1/web/push-audit; docs/web.md).

#include "server/domain/apierror.h"
#include "server/http/httpreply.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <algorithm>
#include <cstdint>
#include <limits>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr int kAuditDefaultLimit = 50;
constexpr int kAuditMaxLimit = 200;
constexpr std::size_t kMaxCodeBytes = 40;

/// A rejection code as the push rules spell them (docs/protocol.md), or "" for every code.
bool isCodeText(const std::string &code)
{
    return code.size() <= kMaxCodeBytes && std::all_of(code.begin(), code.end(), [](char c) {
               return c == '_' || (c >= 'a' && c <= 'z');
           });
}

} // namespace

void WebApi::attachAudit(httplib::Server &server)
{
    read(server, "/api/v1/web/push-audit",
         [this](const Request &req, Response &res, const Caller &) {
             const std::string code = req.get_param_value("code");
             if (!isCodeText(code))
                 throw ApiError(
                     400, "bad_request",
                     "code: must be a rejection code like out_of_scope (a-z and _), not '" +
                         code.substr(0, kMaxCodeBytes) + "'");
             const int limit = int(intParam(req, "limit", 1, kAuditMaxLimit, kAuditDefaultLimit));
             const std::int64_t before =
                 intParam(req, "before", 1, std::numeric_limits<std::int64_t>::max(), 0);
             // One more than asked tells whether an older page exists.
             auto entries = m_stores.reports.rejectedPushes(code, before, limit + 1);
             const bool more = entries.size() > std::size_t(limit);
             if (more)
                 entries.resize(std::size_t(limit));
             Json out = Json::array();
             for (const auto &e : entries) {
                 out.push_back(Json{{"seq", e.seq},
                                    {"received_at", e.received_at},
                                    {"device_id", e.device_id},
                                    {"device_name", e.device_name},
                                    {"username", e.username},
                                    {"type", e.type},
                                    {"item_id", e.item_id},
                                    {"version", e.version},
                                    {"code", e.code},
                                    {"reason", e.reason},
                                    {"device_time", e.device_time},
                                    {"enterprise_id", e.enterprise_id},
                                    {"enterprise_name", e.enterprise_name}});
             }
             replyJson(res, 200,
                       Json{{"entries", out},
                            {"code", code},
                            {"limit", limit},
                            {"more", more},
                            {"next_before", more ? Json(entries.back().seq) : Json()}});
         });
}

} // namespace fp
