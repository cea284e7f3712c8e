// WebApi: the received inspections, one inspection, and the office's review verdict on it
// (GET /api/v1/web/inspections[/<id>], POST /api/v1/web/inspections/<id>/review).

#include "core/validation.h"
#include "server/domain/apierror.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webjson.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <algorithm>
#include <limits>
#include <map>
#include <set>

namespace fp {

namespace {

constexpr std::int64_t kMaxPerPage = 200;

/// An optional date query parameter (YYYY-MM-DD), "" when absent; 400 when malformed.
std::string optionalDateParam(const httplib::Request &req, const std::string &name)
{
    std::string date = req.get_param_value(name);
    if (!date.empty() && !isValidDate(date))
        throw ApiError(400, "bad_request",
                       name + ": must be a date like 2017-10-31, not '" + date.substr(0, 40) + "'");
    return date;
}

using httplib::Request;
using httplib::Response;

constexpr std::size_t kReasonLimit = 500; // characters, as the page says

} // namespace

void WebApi::attachInspections(httplib::Server &server)
{
    read(server, "/api/v1/web/inspections",
         [this](const Request &req, Response &res, const Caller &caller) {
             const std::string wanted = req.get_param_value("review");
             if (!wanted.empty() && !enumFromString<ReviewState>(wanted))
                 throw ApiError(400, "bad_request",
                                "review: must be received, accepted or returned, not '" + wanted +
                                    "'");
             // Filters and a page of the list (issue 16 item 8): region, the day the visit
             // started (from/to, inclusive), `per_page` inspections from `page` (1-based).
             const std::string region = req.get_param_value("region");
             const std::string from = optionalDateParam(req, "from");
             const std::string to = optionalDateParam(req, "to");
             const auto perPage = intParam(req, "per_page", 1, kMaxPerPage, 0); // 0: all
             const auto page = intParam(req, "page", 1, std::numeric_limits<int>::max(), 1);
             std::map<std::string, Enterprise> enterprises;
             for (auto &e : m_stores.plan.listEnterprises())
                 enterprises.emplace(e.id, std::move(e));
             std::vector<OfficeInspection> matching;
             for (auto &o : m_stores.reports.officeInspections({})) {
                 if (!o.review || (!wanted.empty() && enumName(o.review->state) != wanted))
                     continue;
                 const auto e = enterprises.find(o.bundle.inspection.enterprise_id);
                 if (!region.empty() && (e == enterprises.end() || e->second.region_id != region))
                     continue;
                 // A town or zone office reviews its own regions only (issue 14 item 7).
                 if (!caller.reach.everything &&
                     (e == enterprises.end() || !caller.reach.seesRegion(e->second.region_id)))
                     continue;
                 const std::string day = o.bundle.inspection.started_at.substr(0, 10);
                 if ((!from.empty() && day < from) || (!to.empty() && day > to))
                     continue;
                 matching.push_back(std::move(o));
             }
             const std::size_t total = matching.size();
             std::size_t first = 0;
             std::size_t last = total;
             if (perPage > 0) {
                 first = std::min(total, std::size_t(page - 1) * std::size_t(perPage));
                 last = std::min(total, first + std::size_t(perPage));
             }
             // The planned equipment of the enterprises on this page, in the same answer: the
             // page names each check's item without fetching every dossier.
             std::set<std::string> onPage;
             for (std::size_t i = first; i < last; ++i)
                 onPage.insert(matching[i].bundle.inspection.enterprise_id);
             std::map<std::string, std::vector<Equipment>> plan;
             Json equipment = Json::object();
             for (auto &row : m_stores.reports.planList()) {
                 if (!onPage.contains(row.enterprise.id))
                     continue;
                 equipment[row.equipment.id] = Json(row.equipment);
                 plan[row.enterprise.id].push_back(std::move(row.equipment));
             }
             Json out = Json::array();
             for (std::size_t i = first; i < last; ++i) {
                 const OfficeInspection &o = matching[i];
                 const std::string &enterprise = o.bundle.inspection.enterprise_id;
                 const auto e = enterprises.find(enterprise);
                 out.push_back(inspectionJson(o, e == enterprises.end() ? nullptr : &e->second,
                                              plan[enterprise]));
             }
             Json regions = Json::array();
             for (const auto &[id, name] : regionNames(m_stores.plan)) {
                 if (caller.reach.seesRegion(id))
                     regions.push_back(Json{{"id", id}, {"name", name}});
             }
             replyJson(res, 200,
                       Json{{"inspections", out},
                            {"total", total},
                            {"page", page},
                            {"per_page", perPage > 0 ? Json(perPage) : Json()},
                            {"equipment", equipment},
                            {"regions", regions}});
         });

    read(server, "/api/v1/web/inspections/([^/]+)",
         [this](const Request &req, Response &res, const Caller &caller) {
             const auto o = m_stores.reports.findOfficeInspection(match(req, 1));
             if (!o)
                 throw ApiError(404, "not_found",
                                "the office holds no inspection with id '" + match(req, 1) + "'");
             const auto e = m_stores.plan.findEnterprise(o->bundle.inspection.enterprise_id);
             requireRegion(caller.reach, e ? e->region_id : std::string(), "the inspection");
             std::vector<Equipment> planned;
             for (auto &row : m_stores.reports.planList()) {
                 if (row.enterprise.id == o->bundle.inspection.enterprise_id)
                     planned.push_back(std::move(row.equipment));
             }
             replyJson(res, 200, inspectionJson(*o, e ? &*e : nullptr, planned));
         });

    write(server, "POST", "/api/v1/web/inspections/([^/]+)/review", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const std::string id = match(req, 1);
              const std::string decision = stringField(j, "decision");
              const auto expected = expectedVersionField(j);
              std::string reason;
              ReviewState state = ReviewState::Accepted;
              if (decision == "return") {
                  state = ReviewState::Returned;
                  reason = stringField(j, "reason");
                  if (utf8Length(reason) > kReasonLimit)
                      throw ApiError(400, "bad_request",
                                     "request.reason: at most " + std::to_string(kReasonLimit) +
                                         " characters, got " + std::to_string(utf8Length(reason)));
              } else if (decision != "accept") {
                  throw ApiError(400, "bad_request",
                                 "request.decision: must be accept or return, not '" + decision +
                                     "'");
              }
              const auto held = m_stores.reports.findOfficeInspection(id);
              if (!held || !held->review)
                  throw ApiError(404, "not_found",
                                 "the office has received no final inspection with id '" + id +
                                     "'");
              const auto e = m_stores.plan.findEnterprise(held->bundle.inspection.enterprise_id);
              requireRegion(caller.reach, e ? e->region_id : std::string(), "the inspection");
              // Made against the version the page showed: a decision another clerk made since
              // answers 409 stale (webroutes.cpp) with who made it and when.
              m_stores.reviews.setReview(id, state, reason, formatTimestamp(m_clock.now()),
                                         caller.session.username, expected);
              m_log("web review: " + caller.session.username + " " + decision + "ed inspection " +
                    id);
              replyJson(res, 200, Json(*m_stores.reports.findOfficeInspection(id)->review));
          });
}

} // namespace fp
