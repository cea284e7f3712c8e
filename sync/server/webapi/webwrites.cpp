// WebApi: the endpoints that change the office's state — review verdicts, plan import by
// upload, tasks, and yellow/red cards with their rectification. Each goes through the same
// store calls (and the same rules) as the matching CLI command.

#include "server/domain/apierror.h"
#include "server/domain/carddeadline.h"
#include "core/ids.h"
#include "core/validation.h"
#include "server/http/httpreply.h"
#include "server/exchange/planimport.h"
#include "protocol/api.h"
#include "server/webapi/webapi.h"
#include "server/http/webhttp.h"
#include "server/webapi/webjson.h"

#include <httplib.h>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kFormLimit = 64 * 1024;
constexpr std::size_t kPlanLimit = 16 * 1024 * 1024;
constexpr std::size_t kReasonLimit = 2000;

std::string match(const Request &req, std::size_t i)
{
    return req.matches.size() > i ? req.matches[i].str() : std::string();
}

std::string dateField(const Json &body, const std::string &key)
{
    const std::string date = stringField(body, key);
    if (!isValidDate(date))
        throw ApiError(400, "bad_request",
                       "request." + key + ": must be a date like 2017-10-31, not '" + date + "'");
    return date;
}

Card cardOrThrow(PlanStore &store, const std::string &id)
{
    if (auto card = store.findCard(id))
        return *card;
    throw ApiError(404, "not_found", "there is no card with id '" + id + "'");
}

} // namespace

void WebApi::attachWrites(httplib::Server &server)
{
    write(server, "POST", "/api/v1/web/inspections/([^/]+)/review", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const std::string id = match(req, 1);
              const std::string decision = stringField(j, "decision");
              std::string reason;
              ReviewState state = ReviewState::Accepted;
              if (decision == "return") {
                  state = ReviewState::Returned;
                  reason = stringField(j, "reason");
                  if (reason.size() > kReasonLimit)
                      throw ApiError(400, "bad_request",
                                     "request.reason: at most 2000 bytes, got " +
                                         std::to_string(reason.size()));
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
              m_stores.reviews.setReview(id, state, reason, formatTimestamp(m_clock.now()));
              m_log("web review: " + caller.session.username + " " + decision + "ed inspection " +
                    id);
              replyJson(res, 200, Json(*m_stores.reports.findOfficeInspection(id)->review));
          });

    // The plan sheet's bytes as the body (CSV in UTF-8, UTF-8 with BOM or GBK).
    write(server, "POST", "/api/v1/web/plan", kPlanLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              if (body.empty())
                  throw ApiError(400, "bad_request", "$: the plan sheet is empty");
              const bool skip = req.get_param_value("skip_bad_rows") == "1";
              const auto report = importPlanSheet(m_stores.plan, body, skip, m_clock);
              Json errors = Json::array();
              for (const auto &e : report.errors)
                  errors.push_back(
                      Json{{"line", e.line}, {"reason", e.reason}, {"text", describe(e)}});
              const auto &c = report.counts;
              Json j{{"imported", report.imported},
                     {"rows_read", report.rows_read},
                     {"errors", errors},
                     {"counts",
                      {{"regions_added", c.regions_added},
                       {"enterprises_added", c.enterprises_added},
                       {"enterprises_updated", c.enterprises_updated},
                       {"equipment_added", c.equipment_added},
                       {"equipment_updated", c.equipment_updated},
                       {"unchanged", c.unchanged}}}};
              if (!report.imported) {
                  j["error"] = "bad_rows";
                  j["message"] = std::to_string(report.errors.size()) +
                                 " bad row(s); nothing was imported (fix them, or import the "
                                 "good rows only)";
                  replyJson(res, 422, j);
                  return;
              }
              m_log("web plan import by " + caller.session.username + ": " +
                    std::to_string(report.rows_read) + " rows");
              replyJson(res, 200, j);
          });

    write(server, "POST", "/api/v1/web/tasks", kFormLimit,
          [this](const Request &, Response &res, const Caller &, const std::string &body) {
              const Json j = jsonObjectBody(body);
              Task task;
              task.enterprise_id = stringField(j, "enterprise_id");
              task.kind = enumField<VisitKind>(j, "kind");
              task.due = dateField(j, "due");
              task.inspectors = stringListField(j, "inspectors");
              if (!m_stores.plan.findEnterprise(task.enterprise_id))
                  throw ApiError(404, "not_found",
                                 "request.enterprise_id: there is no enterprise with id '" +
                                     task.enterprise_id + "'");
              task.id = newId(m_clock);
              m_stores.plan.addTask(task);
              replyJson(res, 201, Json(task));
          });
    write(server, "DELETE", "/api/v1/web/tasks/([^/]+)", kFormLimit,
          [this](const Request &req, Response &res, const Caller &, const std::string &) {
              m_stores.plan.removeTask(match(req, 1));
              replyJson(res, 200, Json{{"removed", match(req, 1)}});
          });

    write(server, "POST", "/api/v1/web/cards", kFormLimit,
          [this](const Request &, Response &res, const Caller &, const std::string &body) {
              const Json j = jsonObjectBody(body);
              Card card;
              card.enterprise_id = stringField(j, "enterprise_id");
              card.standard = enumField<CardStandard>(j, "standard");
              card.level = enumField<CardLevel>(j, "level");
              card.department = stringField(j, "department");
              card.issued_on = dateField(j, "issued_on");
              if (!m_stores.plan.findEnterprise(card.enterprise_id))
                  throw ApiError(404, "not_found",
                                 "request.enterprise_id: there is no enterprise with id '" +
                                     card.enterprise_id + "'");
              card.id = newId(m_clock);
              card = issueCard(card);
              m_stores.plan.addCard(card);
              replyJson(res, 201, cardJson(card, formatDate(m_clock.now())));
          });
    write(server, "POST", "/api/v1/web/cards/([^/]+)/extend", kFormLimit,
          [this](const Request &req, Response &res, const Caller &, const std::string &body) {
              const Json j = jsonObjectBody(body);
              const Card card = extendCard(cardOrThrow(m_stores.plan, match(req, 1)), dateField(j, "to"));
              m_stores.plan.updateCard(card);
              replyJson(res, 200, cardJson(card, formatDate(m_clock.now())));
          });
    write(server, "POST", "/api/v1/web/cards/([^/]+)/state", kFormLimit,
          [this](const Request &req, Response &res, const Caller &, const std::string &body) {
              const Json j = jsonObjectBody(body);
              Card card = cardOrThrow(m_stores.plan, match(req, 1));
              card.state = enumField<CardState>(j, "state");
              m_stores.plan.updateCard(card);
              replyJson(res, 200, cardJson(card, formatDate(m_clock.now())));
          });
}

} // namespace fp
