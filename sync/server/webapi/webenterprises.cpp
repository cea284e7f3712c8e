// WebApi: the enterprises of the plan with their exit status, and one enterprise's dossier
// (GET /api/v1/web/enterprises and /api/v1/web/enterprises/<id>).

#include "server/domain/apierror.h"
#include "server/http/httpreply.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webjson.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

std::map<std::string, std::string> regionNames(PlanStore &store)
{
    std::map<std::string, std::string> out;
    for (const auto &r : store.listRegions())
        out[r.id] = r.name;
    return out;
}

} // namespace

void WebApi::attachEnterprises(httplib::Server &server)
{
    read(server, "/api/v1/web/enterprises", [this](const Request &, Response &res, const Caller &) {
        auto regions = regionNames(m_stores.plan);
        const auto inspections = m_stores.reports.officeInspections({});
        const auto states = itemStates(inspections);
        std::map<std::string, std::vector<Equipment>> items;
        for (auto &row : m_stores.reports.planList())
            items[row.enterprise.id].push_back(std::move(row.equipment));
        std::map<std::string, std::vector<OfficeInspection>> visits;
        for (const auto &o : inspections)
            visits[o.bundle.inspection.enterprise_id].push_back(o);
        Json out = Json::array();
        for (const auto &e : m_stores.plan.listEnterprises()) {
            const auto &mine = items[e.id];
            double capacity = 0;
            for (const auto &q : mine)
                capacity += q.capacity.value;
            const auto position = enterprisePosition(e, visits[e.id]);
            Json j = Json(e);
            j["region_name"] = regions[e.region_id];
            j["items"] = mine.size();
            j["capacity"] = capacity;
            j["status"] = exitStatus(mine, states);
            j["inspections"] = visits[e.id].size();
            j["position"] = position ? Json(*position) : Json();
            out.push_back(std::move(j));
        }
        replyJson(res, 200, Json{{"enterprises", out}});
    });

    read(server, "/api/v1/web/enterprises/([^/]+)",
         [this](const Request &req, Response &res, const Caller &) {
             replyJson(res, 200, dossier(match(req, 1)));
         });
}

Json WebApi::dossier(const std::string &enterpriseId)
{
    const auto e = m_stores.plan.findEnterprise(enterpriseId);
    if (!e)
        throw ApiError(404, "not_found", "there is no enterprise with id '" + enterpriseId + "'");
    const auto visits = m_stores.reports.officeInspections(enterpriseId);
    const auto states = itemStates(visits);
    const std::string day = formatDate(m_clock.now());
    Json equipment = Json::array();
    std::vector<Equipment> items;
    std::string regionName;
    for (const auto &row : m_stores.reports.planList()) {
        if (row.enterprise.id != enterpriseId)
            continue;
        regionName = row.region_name;
        Json j = Json(row.equipment);
        const auto it = states.find(row.equipment.id);
        j["finding"] = it == states.end() ? "" : it->second.finding;
        j["found_on"] = it == states.end() ? "" : it->second.found_on;
        j["accepted"] = it != states.end() && it->second.accepted;
        equipment.push_back(std::move(j));
        items.push_back(row.equipment);
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
        inspections.push_back(inspectionJson(o, e->name));
    Json enterprise = Json(*e);
    enterprise["region_name"] = regionName;
    const auto position = enterprisePosition(*e, visits);
    enterprise["position"] = position ? Json(*position) : Json();
    return Json{{"enterprise", enterprise}, {"status", exitStatus(items, states)},
                {"equipment", equipment},   {"cards", cards},
                {"tasks", tasks},           {"inspections", inspections}};
}

} // namespace fp
