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

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kReasonLimit = 500; // characters, as the page says

} // namespace

void WebApi::attachInspections(httplib::Server &server)
{
    read(server, "/api/v1/web/inspections",
         [this](const Request &req, Response &res, const Caller &) {
             const std::string wanted = req.get_param_value("review");
             if (!wanted.empty() && !enumFromString<ReviewState>(wanted))
                 throw ApiError(400, "bad_request",
                                "review: must be received, accepted or returned, not '" + wanted +
                                    "'");
             std::map<std::string, Enterprise> enterprises;
             for (auto &e : m_stores.plan.listEnterprises())
                 enterprises.emplace(e.id, std::move(e));
             std::map<std::string, std::vector<Equipment>> plan;
             for (auto &row : m_stores.reports.planList())
                 plan[row.enterprise.id].push_back(std::move(row.equipment));
             Json out = Json::array();
             for (const auto &o : m_stores.reports.officeInspections({})) {
                 if (!o.review || (!wanted.empty() && enumName(o.review->state) != wanted))
                     continue;
                 const std::string &enterprise = o.bundle.inspection.enterprise_id;
                 const auto e = enterprises.find(enterprise);
                 out.push_back(inspectionJson(o, e == enterprises.end() ? nullptr : &e->second,
                                              plan[enterprise]));
             }
             replyJson(res, 200, Json{{"inspections", out}});
         });

    read(server, "/api/v1/web/inspections/([^/]+)",
         [this](const Request &req, Response &res, const Caller &) {
             const auto o = m_stores.reports.findOfficeInspection(match(req, 1));
             if (!o)
                 throw ApiError(404, "not_found",
                                "the office holds no inspection with id '" + match(req, 1) + "'");
             const auto e = m_stores.plan.findEnterprise(o->bundle.inspection.enterprise_id);
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
