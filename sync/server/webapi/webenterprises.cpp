// WebApi: the enterprises of the plan with their exit status, one enterprise's dossier
// (GET /api/v1/web/enterprises and /api/v1/web/enterprises/<id>), and an enterprise the office
// adds outside the plan (POST /api/v1/web/enterprises; issue 14 item 1).

#include "core/capacity.h"
#include "core/ids.h"
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

constexpr std::size_t kFieldLimit = 200; // characters of a name, address, contact ...

/// An optional text member of a body: absent, null or "" is "", at most kFieldLimit characters.
std::string optionalText(const Json &body, const std::string &key)
{
    const auto it = body.find(key);
    if (it == body.end() || it->is_null() || (it->is_string() && it->get<std::string>().empty()))
        return {};
    std::string text = stringField(body, key);
    if (utf8Length(text) > kFieldLimit)
        throw ApiError(400, "bad_request",
                       "request." + key + ": at most " + std::to_string(kFieldLimit) +
                           " characters, got " + std::to_string(utf8Length(text)));
    return text;
}

/// The optional `location` of a body: {lat, lon[, accuracy_m]} in degrees (WGS84) and metres.
std::optional<Position> locationField(const Json &body)
{
    const auto it = body.find("location");
    if (it == body.end() || it->is_null())
        return std::nullopt;
    const auto number = [&](const char *key, double min, double max) -> std::optional<double> {
        const auto v = it->find(key);
        if (v == it->end() || v->is_null())
            return std::nullopt;
        if (!v->is_number() || v->get<double>() < min || v->get<double>() > max)
            throw ApiError(400, "bad_request",
                           std::string("request.location.").append(key) +
                               ": must be a number from " + std::to_string(int(min)) + " to " +
                               std::to_string(int(max)));
        return v->get<double>();
    };
    if (!it->is_object())
        throw ApiError(400, "bad_request",
                       "request.location: must be an object {lat, lon} or null");
    const auto lat = number("lat", -90, 90);
    const auto lon = number("lon", -180, 180);
    if (!lat || !lon)
        throw ApiError(400, "bad_request", "request.location: needs both lat and lon");
    return Position{*lat, *lon, number("accuracy_m", 0, 100000)};
}

} // namespace

void WebApi::attachEnterprises(httplib::Server &server)
{
    // An enterprise outside the plan: no planned equipment; cards, tasks and the tablets of its
    // region see it like any other.
    write(server, "POST", "/api/v1/web/enterprises", kFormLimit,
          [this](const Request &, Response &res, const Caller &caller, const std::string &body) {
              replyJson(res, 201, addEnterpriseFrom(jsonObjectBody(body), caller.session.username));
          });

    read(server, "/api/v1/web/enterprises",
         [this](const Request &, Response &res, const Caller &caller) {
             auto regions = regionNames(m_stores.plan);
             const auto inspections = m_stores.reports.officeInspections({});
             const auto plan = m_stores.reports.planList();
             const auto exits = enterpriseExits(plan, inspections, formatDate(m_clock.now()));
             std::map<std::string, std::vector<Equipment>> items;
             for (const auto &row : plan)
                 items[row.enterprise.id].push_back(row.equipment);
             std::map<std::string, std::vector<OfficeInspection>> visits;
             for (const auto &o : inspections)
                 visits[o.bundle.inspection.enterprise_id].push_back(o);
             Json out = Json::array();
             for (const auto &e : m_stores.plan.listEnterprises()) {
                 if (!caller.reach.seesRegion(e.region_id))
                     continue; // a town or zone office: its own regions' enterprises
                 const auto &mine = items[e.id];
                 CapacityTotals capacity;
                 for (const auto &q : mine)
                     capacity.add(q.capacity);
                 const auto position = enterprisePosition(e, visits[e.id]);
                 Json j = Json(e);
                 j["region_name"] = regions[e.region_id];
                 j["items"] = mine.size();
                 j["capacity"] = capacity.list(); // [{value, unit}], one per unit
                 const auto exit = exits.find(e.id);
                 j["status"] = exit == exits.end() ? "pending" : statusName(exit->second.status);
                 j["pending_review"] = exit == exits.end() ? 0 : exit->second.pending_review.size();
                 j["alerts"] = exit == exits.end() ? 0 : exit->second.alerts.size();
                 j["inspections"] = visits[e.id].size();
                 j["position"] = position ? Json(*position) : Json();
                 out.push_back(std::move(j));
             }
             replyJson(res, 200, Json{{"enterprises", out}});
         });

    read(server, "/api/v1/web/enterprises/([^/]+)",
         [this](const Request &req, Response &res, const Caller &caller) {
             if (const auto e = m_stores.plan.findEnterprise(match(req, 1)))
                 requireRegion(caller.reach, e->region_id, "the enterprise");
             replyJson(res, 200, dossier(match(req, 1)));
         });
}

Json WebApi::addEnterpriseFrom(const Json &j, const std::string &account)
{
    Enterprise e;
    e.credit_code = stringField(j, "credit_code");
    if (const auto why = creditCodeProblem(e.credit_code); !why.empty())
        throw ApiError(400, "bad_request", "request.credit_code: " + why);
    e.name = optionalText(j, "name");
    if (e.name.empty())
        throw ApiError(400, "bad_request", "request.name: the enterprise needs a name");
    const std::string regionName = stringField(j, "region");
    e.industry = optionalText(j, "industry");
    e.address = optionalText(j, "address");
    e.legal_representative = optionalText(j, "legal_representative");
    e.contact_phone = optionalText(j, "contact_phone");
    e.location = locationField(j);
    const auto region = m_stores.plan.findRegionByName(regionName);
    if (!region)
        throw ApiError(422, "rejected",
                       "request.region: there is no region named '" + regionName +
                           "'; import the plan first or check the spelling");
    if (const auto held = m_stores.plan.findEnterpriseByCode(e.credit_code))
        throw ApiError(409, "conflict",
                       "request.credit_code: " + e.credit_code + " is already the enterprise '" +
                           held->name + "'");
    e.region_id = region->id;
    e.id = newId(m_clock);
    m_stores.enterprises.addEnterprise(e);
    Json after = Json(e);
    after["region_name"] = region->name;
    record(account, "enterprise.added", e.id, e.name, Json{{"after", after}}, e.id);
    m_log("web: " + account + " added enterprise " + e.credit_code + " outside the plan");
    return after;
}

Json WebApi::dossier(const std::string &enterpriseId)
{
    const auto e = m_stores.plan.findEnterprise(enterpriseId);
    if (!e)
        throw ApiError(404, "not_found", "there is no enterprise with id '" + enterpriseId + "'");
    const auto visits = m_stores.reports.officeInspections(enterpriseId);
    const std::string day = formatDate(m_clock.now());
    std::vector<PlanListRow> plan;
    for (auto &row : m_stores.reports.planList()) {
        if (row.enterprise.id == enterpriseId)
            plan.push_back(std::move(row));
    }
    const EnterpriseExit exit = enterpriseExits(plan, visits, day)[enterpriseId];
    std::map<std::string, std::string> foundBy; // a find confirmed into the plan: its visit
    for (const auto &d : m_stores.finds.findDecisions()) {
        if (d.state == "confirmed")
            foundBy[d.equipment_id] = d.inspection_id;
    }
    Json equipment = Json::array();
    std::vector<Equipment> planned;
    std::string regionName;
    for (const auto &row : plan) {
        planned.push_back(row.equipment);
        regionName = row.region_name;
        Json j = Json(row.equipment);
        const ItemExit &item = exit.items.at(row.equipment.id);
        j["status"] = statusName(item.status);
        j["finding"] = item.finding ? enumName(*item.finding) : "";
        j["found_on"] = item.found_on;
        j["inspection_id"] = item.inspection_id;
        j["note"] = item.note;
        j["accepted"] = item.status == ItemStatus::Accepted;
        j["conditionally_accepted"] = item.conditionally_accepted;
        j["overdue"] = item.overdue;
        const auto found = foundBy.find(row.equipment.id);
        j["found_on_site"] = found == foundBy.end() ? "" : found->second;
        equipment.push_back(std::move(j));
    }
    if (regionName.empty())
        regionName = regionNames(m_stores.plan)[e->region_id];
    Json cards = Json::array();
    for (const auto level : {CardLevel::Yellow, CardLevel::Red, CardLevel::ExcessEmission,
                             CardLevel::SevereExcessEmission}) {
        for (const auto &row : m_stores.reports.cardList(level)) {
            if (row.card.enterprise_id == enterpriseId)
                cards.push_back(cardJson(row.card, day));
        }
    }
    Json tasks = Json::array();
    for (const auto &t : m_stores.plan.listTasks()) {
        if (t.enterprise_id != enterpriseId)
            continue;
        Json j = Json(t);
        j["done"] = taskDone(t, visits);
        tasks.push_back(std::move(j));
    }
    Json inspections = Json::array();
    for (const auto &o : visits)
        inspections.push_back(inspectionJson(o, &*e, planned));
    Json enterprise = Json(*e);
    enterprise["region_name"] = regionName;
    const auto position = enterprisePosition(*e, visits);
    enterprise["position"] = position ? Json(*position) : Json();
    Json alerts = Json::array();
    for (const ResumedAlert &a : exit.alerts)
        alerts.push_back(Json{{"equipment_id", a.equipment_id},
                              {"inspection_id", a.inspection_id},
                              {"finding", enumName(a.finding)},
                              {"found_on", a.found_on},
                              {"reviewed", a.reviewed}});
    return Json{{"enterprise", enterprise},
                {"status", statusName(exit.status)},
                {"accepted_by", exit.accepted_by},
                {"pending_review", exit.pending_review},
                {"alerts", alerts},
                {"equipment", equipment},
                {"cards", cards},
                {"tasks", tasks},
                {"inspections", inspections}};
}

} // namespace fp
