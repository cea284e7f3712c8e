#include "server/domain/progress.h"

#include <algorithm>
#include <array>

namespace fp {

namespace {

bool counts(const OfficeInspection &o)
{
    return o.bundle.inspection.state == InspectionState::Final &&
           !(o.review && o.review->state == ReviewState::Returned);
}

std::string visitDate(const Inspection &i)
{
    return i.finished_at.value_or(i.started_at).substr(0, 10);
}

/// Sums of one progress row: items are equipment units (台/条), capacity in 万吨/年.
struct Tally
{
    double items = 0, capacity = 0;
    double dismantled = 0, dismantled_capacity = 0;
    double sealed = 0, sealed_capacity = 0;
    double accepted = 0, accepted_capacity = 0;
    int enterprises = 0;

    void add(const Equipment &q, const ItemState *s)
    {
        items += q.count;
        capacity += q.capacity.value;
        if (!s)
            return;
        if (s->finding == "dismantled") {
            dismantled += q.count;
            dismantled_capacity += q.capacity.value;
        } else if (s->finding == "sealed") {
            sealed += q.count;
            sealed_capacity += q.capacity.value;
        }
        if (s->accepted) {
            accepted += q.count;
            accepted_capacity += q.capacity.value;
        }
    }
    Json json(const std::string &name) const
    {
        return Json{{"name", name},
                    {"enterprises", enterprises},
                    {"items", items},
                    {"capacity", capacity},
                    {"dismantled", dismantled},
                    {"dismantled_capacity", dismantled_capacity},
                    {"sealed", sealed},
                    {"sealed_capacity", sealed_capacity},
                    {"accepted", accepted},
                    {"accepted_capacity", accepted_capacity}};
    }
};

Json tallies(const std::map<std::string, Tally> &rows)
{
    Json out = Json::array();
    for (const auto &[name, t] : rows)
        out.push_back(t.json(name));
    return out;
}

} // namespace

std::map<std::string, ItemState> itemStates(const std::vector<OfficeInspection> &inspections)
{
    std::map<std::string, ItemState> out;
    std::map<std::string, std::string> latestWhen;
    for (const auto &o : inspections) {
        if (!counts(o))
            continue;
        const auto &insp = o.bundle.inspection;
        const std::string when = insp.finished_at.value_or(insp.started_at);
        const bool acceptedVisit = insp.kind == VisitKind::Acceptance && o.review &&
                                   o.review->state == ReviewState::Accepted && o.bundle.opinion &&
                                   o.bundle.opinion->verdict == Verdict::Pass;
        for (const auto &check : o.bundle.checks) {
            if (!check.equipment_id)
                continue;
            auto &state = out[*check.equipment_id];
            auto &seen = latestWhen[*check.equipment_id];
            if (seen.empty() || when >= seen) {
                seen = when;
                state.finding = std::string(enumName(check.finding));
                state.found_on = visitDate(insp);
            }
            if (acceptedVisit &&
                (check.finding == Finding::Dismantled || check.finding == Finding::Sealed))
                state.accepted = true;
        }
    }
    return out;
}

std::string exitStatus(const std::vector<Equipment> &items,
                       const std::map<std::string, ItemState> &states)
{
    int accepted = 0, dismantled = 0, started = 0;
    for (const auto &q : items) {
        const auto it = states.find(q.id);
        if (it == states.end())
            continue;
        accepted += it->second.accepted ? 1 : 0;
        dismantled += it->second.finding == "dismantled" ? 1 : 0;
        started += it->second.finding == "dismantled" || it->second.finding == "sealed" ? 1 : 0;
    }
    const int n = int(items.size());
    if (n > 0 && accepted == n)
        return "accepted";
    if (n > 0 && dismantled == n)
        return "done";
    return started > 0 ? "in_progress" : "pending";
}

bool taskDone(const Task &task, const std::vector<OfficeInspection> &inspections)
{
    return std::any_of(inspections.begin(), inspections.end(), [&](const OfficeInspection &o) {
        return counts(o) && o.bundle.inspection.task_id == task.id;
    });
}

Json progressReport(const std::vector<PlanListRow> &plan, const std::vector<Task> &tasks,
                    const std::vector<OfficeInspection> &inspections, std::string_view today)
{
    const auto states = itemStates(inspections);
    std::map<std::string, Tally> byRegion, byIndustry;
    Tally total;
    std::map<std::string, std::string> enterpriseNames;
    std::string lastEnterprise;
    for (const auto &row : plan) {
        const auto it = states.find(row.equipment.id);
        const ItemState *s = it == states.end() ? nullptr : &it->second;
        const std::string industry =
            row.enterprise.industry.empty() ? "其他" : row.enterprise.industry;
        const bool first = row.enterprise.id != lastEnterprise;
        for (Tally *t : {&byRegion[row.region_name], &byIndustry[industry], &total}) {
            t->add(row.equipment, s);
            t->enterprises += first ? 1 : 0;
        }
        lastEnterprise = row.enterprise.id;
        enterpriseNames[row.enterprise.id] = row.enterprise.name;
    }

    Json phases = Json::array();
    Json overdue = Json::array();
    std::map<VisitKind, std::array<int, 3>> perKind; // tasks, done, overdue
    for (const auto &task : tasks) {
        const bool done = taskDone(task, inspections);
        const bool late = !done && task.due < today;
        auto &k = perKind[task.kind];
        ++k[0];
        k[1] += done ? 1 : 0;
        k[2] += late ? 1 : 0;
        if (late) {
            overdue.push_back(Json{{"id", task.id},
                                   {"enterprise_id", task.enterprise_id},
                                   {"enterprise_name", enterpriseNames[task.enterprise_id]},
                                   {"kind", enumName(task.kind)},
                                   {"due", task.due},
                                   {"inspectors", task.inspectors}});
        }
    }
    for (const auto kind :
         {VisitKind::Survey, VisitKind::Exit, VisitKind::Acceptance, VisitKind::Recheck}) {
        const auto k = perKind[kind];
        int inspected = 0;
        for (const auto &o : inspections)
            inspected += counts(o) && o.bundle.inspection.kind == kind ? 1 : 0;
        phases.push_back(Json{{"kind", enumName(kind)},
                              {"tasks", k[0]},
                              {"done", k[1]},
                              {"overdue", k[2]},
                              {"inspections", inspected}});
    }
    return Json{{"today", std::string(today)},
                {"total", total.json("合计")},
                {"by_region", tallies(byRegion)},
                {"by_industry", tallies(byIndustry)},
                {"by_phase", phases},
                {"overdue_tasks", overdue}};
}

} // namespace fp
