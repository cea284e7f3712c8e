// WebApi: on-site finds (issue 14 item 2; docs/web.md "On-site finds"): the items inspectors
// recorded on site outside the plan (漏报), open and decided, with the visit that found each
// (GET /api/v1/web/finds); confirming one into the plan or dismissing it with a reason
// (POST /api/v1/web/finds/confirm, /dismiss); and the report of them per region
// (GET /api/v1/web/finds/report[.csv|.json]).

#include "core/capacity.h"
#include "core/clock.h"
#include "core/planrules.h"
#include "core/validation.h"
#include "server/domain/apierror.h"
#include "server/http/httpreply.h"
#include "server/http/webhttp.h"
#include "server/planio/tablewriter.h"
#include "server/webapi/webapi.h"
#include "server/webapi/webjson.h"
#include "server/webapi/webroutes.h"

#include <httplib.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace fp {

namespace {

using httplib::Request;
using httplib::Response;

constexpr std::size_t kReasonLimit = 500; // characters of a dismissal's reason

/// One unlisted check in a final inspection the office holds, with its decision if any.
struct Find
{
    const OfficeInspection *visit = nullptr;
    const EquipmentCheck *check = nullptr;
    const SiteFindDecision *decision = nullptr;
};

bool returned(const OfficeInspection &o)
{
    return o.review && o.review->state == ReviewState::Returned;
}

/// Every find: the unlisted checks of final inspections that were neither returned nor amended
/// by another inspection the office holds, and every decided one whatever became of its visit.
std::vector<Find> collectFinds(const std::vector<OfficeInspection> &inspections,
                               const std::vector<SiteFindDecision> &decisions)
{
    std::map<std::string, const SiteFindDecision *> decided;
    for (const auto &d : decisions)
        decided[d.check_id] = &d;
    std::set<std::string> amended;
    for (const auto &o : inspections) {
        if (o.bundle.inspection.state == InspectionState::Final && o.bundle.inspection.amends_id)
            amended.insert(*o.bundle.inspection.amends_id);
    }
    std::vector<Find> out;
    for (const auto &o : inspections) {
        if (o.bundle.inspection.state != InspectionState::Final)
            continue;
        const bool live = !returned(o) && !amended.contains(o.bundle.inspection.id);
        for (const auto &c : o.bundle.checks) {
            if (!c.unlisted)
                continue;
            const auto d = decided.find(c.id);
            if (d == decided.end() && !live)
                continue;
            out.push_back(Find{&o, &c, d == decided.end() ? nullptr : d->second});
        }
    }
    return out;
}

struct Places
{
    std::map<std::string, Enterprise> enterprises;
    std::map<std::string, std::string> regions;

    [[nodiscard]] std::string regionOf(const std::string &enterpriseId) const
    {
        const auto e = enterprises.find(enterpriseId);
        if (e == enterprises.end())
            return {};
        const auto r = regions.find(e->second.region_id);
        return r == regions.end() ? std::string() : r->second;
    }
};

Json findJson(const Find &f, const Places &places)
{
    const Inspection &i = f.visit->bundle.inspection;
    const auto e = places.enterprises.find(i.enterprise_id);
    Json j{{"check_id", f.check->id},
           {"inspection_id", i.id},
           {"visit_kind", enumName(i.kind)},
           {"enterprise_id", i.enterprise_id},
           {"enterprise_name", e == places.enterprises.end() ? "" : e->second.name},
           {"credit_code", e == places.enterprises.end() ? "" : e->second.credit_code},
           {"region_name", places.regionOf(i.enterprise_id)},
           {"kind", f.check->unlisted->kind},
           {"spec", f.check->unlisted->spec},
           {"capacity", Json(f.check->unlisted->capacity)},
           {"finding", enumName(f.check->finding)},
           {"notes", f.check->notes},
           {"found_on", visitDate(i)},
           {"inspectors", i.inspectors},
           {"username", f.visit->username},
           {"review", f.visit->review ? enumName(f.visit->review->state) : "received"},
           {"state", f.decision ? f.decision->state : "open"},
           {"equipment_id", f.decision ? f.decision->equipment_id : ""},
           {"reason", f.decision ? f.decision->reason : ""},
           {"decided_at", f.decision ? f.decision->decided_at : ""},
           {"decided_by", f.decision ? f.decision->decided_by : ""}};
    return j;
}

/// The finds per region: {name, open, confirmed, dismissed, items, capacity: [{value, unit}]}
/// where items and capacity sum the confirmed finds (units as recorded on site: one each).
Json byRegion(const std::vector<Find> &finds, const Places &places)
{
    struct Row
    {
        int open = 0, confirmed = 0, dismissed = 0;
        CapacityTotals capacity;
    };
    std::map<std::string, Row> rows;
    for (const auto &f : finds) {
        Row &r = rows[places.regionOf(f.visit->bundle.inspection.enterprise_id)];
        if (!f.decision) {
            ++r.open;
        } else if (f.decision->state == "confirmed") {
            ++r.confirmed;
            r.capacity.add(f.check->unlisted->capacity);
        } else {
            ++r.dismissed;
        }
    }
    Json out = Json::array();
    for (const auto &[name, r] : rows)
        out.push_back(Json{{"name", name},
                           {"open", r.open},
                           {"confirmed", r.confirmed},
                           {"dismissed", r.dismissed},
                           {"capacity", r.capacity.list()}});
    return out;
}

std::string stateLabel(const Find &f)
{
    if (!f.decision)
        return "待确认";
    return f.decision->state == "confirmed" ? "已纳入计划" : "已排除";
}

/// The report as a table, by region, enterprise and the day found.
Table findsTable(std::vector<Find> finds, const Places &places)
{
    const auto key = [&](const Find &f) {
        const Inspection &i = f.visit->bundle.inspection;
        const auto e = places.enterprises.find(i.enterprise_id);
        return std::make_tuple(places.regionOf(i.enterprise_id),
                               e == places.enterprises.end() ? std::string() : e->second.name,
                               visitDate(i), f.check->id);
    };
    std::stable_sort(finds.begin(), finds.end(),
                     [&](const Find &a, const Find &b) { return key(a) < key(b); });
    Table t;
    t.title = "现场发现漏报设备";
    t.headers = {"属地",     "企业名称", "统一社会信用代码", "设备名称", "规格型号",
                 "产能",     "产能单位", "现场发现",         "发现日期", "检查编号",
                 "处理状态", "处理人",   "处理时间",         "说明"};
    for (const auto &f : finds) {
        const Json j = findJson(f, places);
        t.rows.push_back({j["region_name"].get<std::string>(),
                          j["enterprise_name"].get<std::string>(),
                          j["credit_code"].get<std::string>(), f.check->unlisted->kind,
                          f.check->unlisted->spec, f.check->unlisted->capacity.value,
                          f.check->unlisted->capacity.unit, std::string(enumName(f.check->finding)),
                          visitDate(f.visit->bundle.inspection), f.visit->bundle.inspection.id,
                          stateLabel(f), f.decision ? f.decision->decided_by : std::string(),
                          f.decision ? f.decision->decided_at : std::string(),
                          f.decision ? f.decision->reason : std::string()});
    }
    return t;
}

} // namespace

void WebApi::attachFinds(httplib::Server &server)
{
    const auto places = [this] {
        Places p;
        for (auto &e : m_stores.plan.listEnterprises())
            p.enterprises[e.id] = e;
        p.regions = regionNames(m_stores.plan);
        return p;
    };

    read(server, "/api/v1/web/finds",
         [this, places](const Request &, Response &res, const Caller &) {
             const auto inspections = m_stores.reports.officeInspections({});
             const auto decisions = m_stores.finds.findDecisions();
             const auto finds = collectFinds(inspections, decisions);
             const Places p = places();
             Json open = Json::array();
             Json decided = Json::array();
             for (const auto &f : finds)
                 (f.decision ? decided : open).push_back(findJson(f, p));
             replyJson(
                 res, 200,
                 Json{{"open", open}, {"decided", decided}, {"by_region", byRegion(finds, p)}});
         });

    read(server, "/api/v1/web/finds/report(?:\\.(csv|json))?",
         [this, places](const Request &req, Response &res, const Caller &) {
             const auto inspections = m_stores.reports.officeInspections({});
             const auto decisions = m_stores.finds.findDecisions();
             const auto finds = collectFinds(inspections, decisions);
             const Places p = places();
             const Table table = findsTable(finds, p);
             if (match(req, 1) != "csv") {
                 Json j = tableJson(table);
                 j["by_region"] = byRegion(finds, p);
                 replyJson(res, 200, j);
                 return;
             }
             res.set_header("Content-Disposition",
                            "attachment; filename=\"finds.csv\"; filename*=UTF-8''finds-" +
                                today(req) + ".csv");
             res.status = 200;
             res.set_content(tableToCsv(table), "text/csv; charset=utf-8");
         });

    // The find a body names: a final inspection the office holds and an unlisted check of it.
    const auto named = [this](const Json &j) {
        const std::string inspectionId = stringField(j, "inspection_id");
        const std::string checkId = stringField(j, "check_id");
        auto o = m_stores.reports.findOfficeInspection(inspectionId);
        if (!o || o->bundle.inspection.state != InspectionState::Final)
            throw ApiError(404, "not_found",
                           "request.inspection_id: the office holds no final inspection '" +
                               inspectionId + "'");
        if (returned(*o))
            throw ApiError(422, "rejected",
                           "request.inspection_id: the inspection was returned; its finds wait "
                           "for the corrected visit");
        const auto c = std::find_if(o->bundle.checks.begin(), o->bundle.checks.end(),
                                    [&](const EquipmentCheck &x) { return x.id == checkId; });
        if (c == o->bundle.checks.end() || !c->unlisted)
            throw ApiError(404, "not_found",
                           "request.check_id: the inspection records no unlisted item '" + checkId +
                               "'");
        for (const auto &d : m_stores.finds.findDecisions()) {
            if (d.check_id == checkId)
                throw ApiError(409, "conflict",
                               "request.check_id: the find was " + d.state + " already by " +
                                   d.decided_by + " at " + d.decided_at);
        }
        const EquipmentCheck check = *c;
        return std::make_pair(std::move(*o), check);
    };

    write(server, "POST", "/api/v1/web/finds/confirm", kFormLimit,
          [this, named](const Request &, Response &res, const Caller &caller,
                        const std::string &body) {
              const Json j = jsonObjectBody(body);
              const auto [visit, check] = named(j);
              const Inspection &i = visit.bundle.inspection;
              Equipment q;
              q.id = check.id;
              q.enterprise_id = i.enterprise_id;
              q.kind = check.unlisted->kind;
              q.spec = check.unlisted->spec;
              q.capacity = check.unlisted->capacity;
              q.count = 1;
              if (j.contains("count") && !j["count"].is_null()) {
                  if (!j["count"].is_number_integer() || j["count"].get<int>() < 1 ||
                      j["count"].get<int>() > 1000)
                      throw ApiError(400, "bad_request",
                                     "request.count: must be a whole number from 1 to 1000");
                  q.count = j["count"].get<int>();
              }
              q.action = j.contains("action") ? enumField<RequiredAction>(j, "action")
                                              : RequiredAction::Dismantle;
              q.plan_year = std::stoi(visitDate(i).substr(0, 4));
              if (j.contains("plan_year") && !j["plan_year"].is_null()) {
                  if (!j["plan_year"].is_number_integer() || j["plan_year"].get<int>() < 2000 ||
                      j["plan_year"].get<int>() > 2100)
                      throw ApiError(400, "bad_request",
                                     "request.plan_year: must be a year from 2000 to 2100");
                  q.plan_year = j["plan_year"].get<int>();
              }
              if (j.contains("dismantle_deadline") && !j["dismantle_deadline"].is_null() &&
                  j["dismantle_deadline"] != "")
                  q.dismantle_deadline = dateField(j, "dismantle_deadline");
              if (q.action == RequiredAction::SealThenDismantle && !q.dismantle_deadline)
                  throw ApiError(400, "bad_request",
                                 "request.dismantle_deadline: a seal-then-dismantle item needs "
                                 "its dismantling deadline");
              SiteFindDecision d;
              d.check_id = check.id;
              d.inspection_id = i.id;
              d.enterprise_id = i.enterprise_id;
              d.decided_at = formatTimestamp(m_clock.now());
              d.decided_by = caller.session.username;
              m_stores.finds.confirmFind(d, q);
              record(caller.session.username, "find.confirmed", check.id, q.kind + " " + q.spec,
                     Json{{"after", Json(q)}, {"inspection_id", i.id}}, i.enterprise_id);
              m_log("web: " + caller.session.username + " confirmed on-site find " + check.id +
                    " into the plan");
              replyJson(
                  res, 201,
                  Json{{"equipment", Json(q)}, {"inspection_id", i.id}, {"state", "confirmed"}});
          });

    write(server, "POST", "/api/v1/web/finds/dismiss", kFormLimit,
          [this, named](const Request &, Response &res, const Caller &caller,
                        const std::string &body) {
              const Json j = jsonObjectBody(body);
              const std::string reason = stringField(j, "reason");
              if (reason.find_first_not_of(" \t\r\n") == std::string::npos)
                  throw ApiError(400, "bad_request",
                                 "request.reason: say why the find is dismissed");
              if (utf8Length(reason) > kReasonLimit)
                  throw ApiError(400, "bad_request",
                                 "request.reason: at most " + std::to_string(kReasonLimit) +
                                     " characters");
              const auto [visit, check] = named(j);
              const Inspection &i = visit.bundle.inspection;
              SiteFindDecision d;
              d.check_id = check.id;
              d.inspection_id = i.id;
              d.enterprise_id = i.enterprise_id;
              d.reason = reason;
              d.decided_at = formatTimestamp(m_clock.now());
              d.decided_by = caller.session.username;
              m_stores.finds.dismissFind(d);
              record(caller.session.username, "find.dismissed", check.id, reason,
                     Json{{"inspection_id", i.id}, {"unlisted", Json(*check.unlisted)}},
                     i.enterprise_id);
              replyJson(res, 200,
                        Json{{"check_id", check.id}, {"state", "dismissed"}, {"reason", reason}});
          });
}

} // namespace fp
