#include "server/domain/progress.h"

#include "core/capacity.h"

#include <algorithm>
#include <array>
#include <optional>

namespace fp {

namespace {

bool counts(const OfficeInspection &o)
{
    return o.bundle.inspection.state == InspectionState::Final &&
           !(o.review && o.review->state == ReviewState::Returned);
}

/// Sums of one progress row: items are equipment units (台/条); capacity is kept per unit
/// (万吨/年, 万重量箱/年 ...) and never added across units.
struct Tally
{
    double items = 0, dismantled = 0, sealed = 0, accepted = 0, resumed = 0;
    CapacityTotals capacity, dismantled_capacity, sealed_capacity, accepted_capacity;
    int enterprises = 0;
    int pending_review = 0; // final inspections of these enterprises not yet reviewed

    void add(const Equipment &q, ItemStatus s)
    {
        items += q.count;
        capacity.add(q.capacity);
        if (s == ItemStatus::Dismantled || s == ItemStatus::Accepted) {
            dismantled += q.count;
            dismantled_capacity.add(q.capacity);
        } else if (s == ItemStatus::SealedPending) {
            sealed += q.count;
            sealed_capacity.add(q.capacity);
        } else if (s == ItemStatus::Resumed) {
            resumed += q.count;
        }
        if (s == ItemStatus::Accepted) {
            accepted += q.count;
            accepted_capacity.add(q.capacity);
        }
    }
    /// One entry per unit planned in this row: {unit, planned, dismantled, sealed, accepted}.
    [[nodiscard]] Json capacityJson() const
    {
        Json out = Json::array();
        for (const auto &[unit, planned] : capacity.byUnit()) {
            out.push_back(Json{{"unit", unit},
                               {"planned", planned},
                               {"dismantled", dismantled_capacity.of(unit)},
                               {"sealed", sealed_capacity.of(unit)},
                               {"accepted", accepted_capacity.of(unit)}});
        }
        return out;
    }
    [[nodiscard]] Json json(const std::string &name) const
    {
        return Json{{"name", name},
                    {"enterprises", enterprises},
                    {"items", items},
                    {"dismantled", dismantled},
                    {"sealed", sealed},
                    {"accepted", accepted},
                    {"resumed", resumed},
                    {"capacity", capacityJson()},
                    {"pending_review", pending_review}};
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

std::map<std::string, EnterpriseExit>
enterpriseExits(const std::vector<PlanListRow> &plan,
                const std::vector<OfficeInspection> &inspections, std::string_view today)
{
    std::map<std::string, std::vector<Equipment>> items;
    for (const auto &row : plan)
        items[row.enterprise.id].push_back(row.equipment);
    std::map<std::string, std::vector<VisitEvidence>> visits;
    for (const auto &o : inspections) {
        const auto review = o.review ? std::optional(o.review->state) : std::nullopt;
        visits[o.bundle.inspection.enterprise_id].push_back({&o.bundle, review});
        items.try_emplace(o.bundle.inspection.enterprise_id);
    }
    std::map<std::string, EnterpriseExit> out;
    for (const auto &[id, planned] : items)
        out.emplace(id, deriveExit(planned, visits[id], today));
    return out;
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
    const auto exits = enterpriseExits(plan, inspections, today);
    std::map<std::string, Tally> byRegion, byIndustry;
    Tally total;
    std::map<std::string, std::string> enterpriseNames;
    std::map<std::string, std::string> itemNames;
    std::string lastEnterprise;
    for (const auto &row : plan) {
        const EnterpriseExit &exit = exits.at(row.enterprise.id);
        const ItemStatus s = exit.items.at(row.equipment.id).status;
        const std::string industry =
            row.enterprise.industry.empty() ? "其他" : row.enterprise.industry;
        const bool first = row.enterprise.id != lastEnterprise;
        for (Tally *t : {&byRegion[row.region_name], &byIndustry[industry], &total}) {
            t->add(row.equipment, s);
            t->enterprises += first ? 1 : 0;
            t->pending_review += first ? int(exit.pending_review.size()) : 0;
        }
        lastEnterprise = row.enterprise.id;
        enterpriseNames[row.enterprise.id] = row.enterprise.name;
        itemNames[row.equipment.id] = row.equipment.kind + " " + row.equipment.spec;
    }
    // Resumed production (复产) is raised as soon as the visit arrives, before review.
    Json alerts = Json::array();
    int pendingReview = 0;
    for (const auto &[enterpriseId, exit] : exits) {
        pendingReview += int(exit.pending_review.size());
        for (const ResumedAlert &a : exit.alerts) {
            alerts.push_back(Json{{"enterprise_id", enterpriseId},
                                  {"enterprise_name", enterpriseNames[enterpriseId]},
                                  {"equipment_id", a.equipment_id},
                                  {"equipment", itemNames[a.equipment_id]},
                                  {"inspection_id", a.inspection_id},
                                  {"finding", enumName(a.finding)},
                                  {"found_on", a.found_on},
                                  {"reviewed", a.reviewed}});
        }
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
                {"overdue_tasks", overdue},
                {"pending_review", pendingReview},
                {"alerts", alerts}};
}

} // namespace fp
