// WebApi: the tip-off register (举报, issue 14 item 3; docs/web.md "Tip-offs"): the list, open
// first (GET /api/v1/web/tipoffs); a new tip-off about an enterprise the office holds or a new
// one (POST /api/v1/web/tipoffs); the task that sends an inspector there
// (POST /api/v1/web/tipoffs/<id>/task); and closing it with the visit that followed and its
// finding (POST /api/v1/web/tipoffs/<id>/close). The reporter's contact reaches admins only.

#include "core/clock.h"
#include "core/ids.h"
#include "core/planrules.h"
#include "core/validation.h"
#include "server/domain/apierror.h"
#include "server/domain/progress.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <algorithm>
#include <array>
#include <map>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::array kChannels = {"phone", "letter", "web", "media"};
constexpr std::size_t kContentLimit = 2000; // characters of what was reported or found
constexpr std::size_t kContactLimit = 200;

/// A text member of at most `limit` characters; `required`: not blank.
std::string textField(const Json &j, const std::string &key, std::size_t limit, bool required)
{
    const auto it = j.find(key);
    std::string text;
    if (it != j.end() && !it->is_null())
        text = stringField(j, key, true);
    if (required && text.find_first_not_of(" \t\r\n") == std::string::npos)
        throw ApiError(400, "bad_request", "request." + key + ": must not be empty");
    if (utf8Length(text) > limit)
        throw ApiError(400, "bad_request",
                       "request." + key + ": at most " + std::to_string(limit) +
                           " characters, got " + std::to_string(utf8Length(text)));
    return text;
}

/// The first characters of `text` for the journal's one line, cut at a character boundary.
std::string shortText(const std::string &text)
{
    constexpr std::size_t kBytes = 120;
    if (text.size() <= kBytes)
        return text;
    std::size_t end = kBytes;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return text.substr(0, end) + "…";
}

bool hasUnlisted(const InspectionBundle &b)
{
    return std::any_of(b.checks.begin(), b.checks.end(),
                       [](const EquipmentCheck &c) { return c.unlisted.has_value(); });
}

bool counts(const OfficeInspection &o)
{
    return o.bundle.inspection.state == InspectionState::Final &&
           !(o.review && o.review->state == ReviewState::Returned);
}

/// The visit that followed `t`: the newest final, not returned inspection that carried out its
/// task; without one, the newest such visit to its enterprise that the office received after it
/// registered the tip-off and that took place on or after the day it was received (an inspector
/// on the spot need not wait for a task). Null when none.
const OfficeInspection *visitOf(const Tipoff &t, const std::vector<OfficeInspection> &inspections)
{
    const OfficeInspection *after = nullptr;
    for (const auto &o : inspections) { // newest receipt first
        if (!counts(o) || o.bundle.inspection.enterprise_id != t.enterprise_id)
            continue;
        if (!t.task_id.empty() && o.bundle.inspection.task_id == t.task_id)
            return &o;
        if (!after && o.received_at > t.added_at && visitDate(o.bundle.inspection) >= t.received_on)
            after = &o;
    }
    return after;
}

/// The tip-off with this id; ApiError 404 when there is none.
Tipoff existingTipoff(TipoffStore &store, const std::string &id)
{
    auto tipoff = store.findTipoff(id);
    if (!tipoff)
        throw ApiError(404, "not_found", "there is no tip-off with id '" + id + "'");
    return std::move(*tipoff);
}

} // namespace

void WebApi::attachTipoffs(httplib::Server &server)
{
    read(server, "/api/v1/web/tipoffs",
         [this](const Request &, Response &res, const Caller &caller) {
             std::map<std::string, Enterprise> enterprises;
             for (auto &e : m_stores.plan.listEnterprises())
                 enterprises[e.id] = e;
             const auto regions = regionNames(m_stores.plan);
             std::map<std::string, Task> tasks;
             for (auto &t : m_stores.plan.listTasks())
                 tasks[t.id] = t;
             const auto inspections = m_stores.reports.officeInspections({});
             const bool admin = caller.session.role == Role::Admin;
             Json out = Json::array();
             for (const auto &t : m_stores.tipoffs.listTipoffs()) {
                 const auto e = enterprises.find(t.enterprise_id);
                 Json j{
                     {"id", t.id},
                     {"received_on", t.received_on},
                     {"channel", t.channel},
                     {"content", t.content},
                     {"enterprise_id", t.enterprise_id},
                     {"enterprise_name", e == enterprises.end() ? "" : e->second.name},
                     {"credit_code", e == enterprises.end() ? "" : e->second.credit_code},
                     {"region_name", e == enterprises.end() ? "" : regions.at(e->second.region_id)},
                     {"has_contact", !t.reporter_contact.empty()},
                     {"state", t.closed_on.empty() ? "open" : "closed"},
                     {"inspection_id", t.inspection_id},
                     {"outcome", t.outcome},
                     {"unreported", t.unreported},
                     {"closed_on", t.closed_on},
                     {"added_at", t.added_at},
                     {"added_by", t.added_by}};
                 if (admin)
                     j["reporter_contact"] = t.reporter_contact;
                 const auto task = tasks.find(t.task_id);
                 if (task != tasks.end()) {
                     Json tj = Json(task->second);
                     tj["done"] = taskDone(task->second, inspections);
                     j["task"] = tj;
                 } else {
                     j["task"] = Json();
                 }
                 const OfficeInspection *visit =
                     t.closed_on.empty() ? visitOf(t, inspections) : nullptr;
                 j["visit"] = visit ? Json{{"id", visit->bundle.inspection.id},
                                           {"found_on", visitDate(visit->bundle.inspection)},
                                           {"unlisted", hasUnlisted(visit->bundle)}}
                                    : Json();
                 out.push_back(std::move(j));
             }
             replyJson(res, 200, Json{{"tipoffs", out}});
         });

    write(server, "POST", "/api/v1/web/tipoffs", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              const Json j = jsonObjectBody(body);
              Tipoff t;
              t.received_on = notFutureDateField(j, "received_on", formatDate(m_clock.now()));
              t.channel = stringField(j, "channel");
              if (std::find(kChannels.begin(), kChannels.end(), t.channel) == kChannels.end())
                  throw ApiError(400, "bad_request",
                                 "request.channel: must be phone, letter, web or media, not '" +
                                     t.channel.substr(0, 40) + "'");
              t.content = textField(j, "content", kContentLimit, true);
              t.reporter_contact = textField(j, "reporter_contact", kContactLimit, false);
              const bool known = j.contains("enterprise_id") && !j["enterprise_id"].is_null();
              const bool fresh = j.contains("enterprise") && !j["enterprise"].is_null();
              if (known == fresh)
                  throw ApiError(400, "bad_request",
                                 "request.enterprise_id: name an enterprise the office holds, or "
                                 "describe a new one in request.enterprise (one of the two)");
              if (known) {
                  t.enterprise_id = stringField(j, "enterprise_id");
                  requireEnterpriseField(m_stores.plan, t.enterprise_id);
              } else {
                  if (!j["enterprise"].is_object())
                      throw ApiError(400, "bad_request",
                                     "request.enterprise: must be an object like the "
                                     "enterprise form's");
                  try {
                      t.enterprise_id = addEnterpriseFrom(j["enterprise"], caller.session.username)
                                            .at("id")
                                            .get<std::string>();
                  } catch (const ApiError &e) {
                      std::string message = e.what();
                      if (message.rfind("request.", 0) == 0)
                          message.insert(8, "enterprise.");
                      throw ApiError(e.status(), e.code(), message);
                  }
              }
              t.id = newId(m_clock);
              t.added_at = formatTimestamp(m_clock.now());
              t.added_by = caller.session.username;
              m_stores.tipoffs.addTipoff(t);
              // The journal keeps whether a contact was given, never the contact itself.
              record(caller.session.username, "tipoff.added", t.id, shortText(t.content),
                     Json{{"received_on", t.received_on},
                          {"channel", t.channel},
                          {"has_contact", !t.reporter_contact.empty()}},
                     t.enterprise_id);
              replyJson(res, 201,
                        Json{{"id", t.id}, {"enterprise_id", t.enterprise_id}, {"state", "open"}});
          });

    write(server, "POST", "/api/v1/web/tipoffs/([^/]+)/task", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const std::string id = match(req, 1);
              const Tipoff tipoff = existingTipoff(m_stores.tipoffs, id);
              const Json j = jsonObjectBody(body);
              Task task;
              task.enterprise_id = tipoff.enterprise_id;
              task.kind = j.contains("kind") ? enumField<VisitKind>(j, "kind") : VisitKind::Survey;
              task.due = notPastDateField(j, "due", formatDate(m_clock.now()));
              task.inspectors = stringListField(j, "inspectors");
              task.id = newId(m_clock);
              m_stores.tipoffs.addTipoffTask(id, task);
              record(caller.session.username, "tipoff.tasked", id,
                     std::string(enumName(task.kind)) + " due " + task.due,
                     Json{{"task", Json(task)}}, task.enterprise_id);
              replyJson(res, 201, Json(task));
          });

    write(server, "POST", "/api/v1/web/tipoffs/([^/]+)/close", kFormLimit,
          [this](const Request &req, Response &res, const Caller &caller, const std::string &body) {
              const std::string id = match(req, 1);
              const Tipoff tipoff = existingTipoff(m_stores.tipoffs, id);
              const Json j = jsonObjectBody(body);
              const std::string inspectionId = stringField(j, "inspection_id");
              const std::string outcome = textField(j, "outcome", kContentLimit, true);
              bool unreported = false;
              if (j.contains("unreported") && !j["unreported"].is_null()) {
                  if (!j["unreported"].is_boolean())
                      throw ApiError(400, "bad_request",
                                     "request.unreported: must be true or false");
                  unreported = j["unreported"].get<bool>();
              }
              const auto visit = m_stores.reports.findOfficeInspection(inspectionId);
              if (!visit || visit->bundle.inspection.state != InspectionState::Final ||
                  visit->bundle.inspection.enterprise_id != tipoff.enterprise_id)
                  throw ApiError(404, "not_found",
                                 "request.inspection_id: the office holds no final visit '" +
                                     inspectionId + "' to the tip-off's enterprise");
              if (visit->review && visit->review->state == ReviewState::Returned)
                  throw ApiError(422, "rejected",
                                 "request.inspection_id: the visit was returned; close the "
                                 "tip-off with the corrected visit");
              if (visitDate(visit->bundle.inspection) < tipoff.received_on)
                  throw ApiError(
                      422, "rejected",
                      "request.inspection_id: the visit (" + visitDate(visit->bundle.inspection) +
                          ") came before the tip-off was received (" + tipoff.received_on + ")");
              // An item recorded on site outside the plan proves an unreported line (漏报).
              unreported = unreported || hasUnlisted(visit->bundle);
              const std::string day = formatDate(m_clock.now());
              m_stores.tipoffs.closeTipoff(id, inspectionId, outcome, unreported, day);
              record(caller.session.username, "tipoff.closed", id, shortText(outcome),
                     Json{{"inspection_id", inspectionId}, {"unreported", unreported}},
                     tipoff.enterprise_id);
              replyJson(res, 200,
                        Json{{"id", id},
                             {"state", "closed"},
                             {"inspection_id", inspectionId},
                             {"unreported", unreported},
                             {"closed_on", day}});
          });
}

} // namespace fp
