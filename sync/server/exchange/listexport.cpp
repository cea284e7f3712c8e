#include "server/exchange/listexport.h"

#include "core/capacity.h"
#include "core/planrules.h"
#include "server/domain/carddeadline.h"
#include "server/domain/progress.h"
#include "server/exchange/exporttext.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace fp {

namespace {

constexpr std::array<std::pair<std::string_view, PublishedList>, 7> kNames = {{
    {"plan", PublishedList::Plan},
    {"yellow", PublishedList::Yellow},
    {"red", PublishedList::Red},
    {"excess-emission", PublishedList::ExcessEmission},
    {"severe-excess-emission", PublishedList::SevereExcessEmission},
    {"completed", PublishedList::Completed},
    {"sealed", PublishedList::Sealed},
}};

std::string stateName(CardState s)
{
    switch (s) {
    case CardState::Open:
        return "未整改";
    case CardState::Rectified:
        return "已整改";
    case CardState::ClosedByLaw:
        return "依法关停";
    case CardState::Withdrawn:
        return "已撤回";
    }
    return {};
}

std::string actionName(RequiredAction a)
{
    return a == RequiredAction::Dismantle ? "拆除" : "封存后拆除";
}

Table planTable(ReportStore &store)
{
    Table t{"淘汰落后产能计划",
            {"序号", "属地", "企业名称", "统一社会信用代码", "行业", "设备名称", "规格型号",
             "数量(台/条)", "产能", "产能单位", "淘汰方式", "计划完成时间"},
            {}};
    for (const auto &r : store.planList()) {
        const auto &q = r.equipment;
        t.rows.push_back({double(t.rows.size() + 1), r.region_name, r.enterprise.name,
                          r.enterprise.credit_code, r.enterprise.industry, q.kind, q.spec,
                          double(q.count), q.capacity.value, q.capacity.unit, actionName(q.action),
                          q.dismantle_deadline.value_or("")});
    }
    return t;
}

Table yellowTable(ReportStore &store, std::string_view today)
{
    Table t{"黄牌企业名单",
            {"序号", "企业名称", "统一社会信用代码", "属地", "行业", "不达标类别", "发牌部门",
             "发牌日期", "整改期限", "延期至", "状态", "是否逾期"},
            {}};
    for (const auto &r : store.cardList(CardLevel::Yellow)) {
        const Card &c = r.card;
        if (c.state != CardState::Open)
            continue; // rectified cards leave the list; closure by law moves to the red list
        t.rows.push_back({double(t.rows.size() + 1), r.enterprise.name, r.enterprise.credit_code,
                          r.region_name, r.enterprise.industry, standardLabel(c.standard),
                          c.department, c.issued_on, c.rectify_by.value_or(""),
                          c.extended_to.value_or(""), stateName(c.state),
                          std::string(isCardOverdue(c, today) ? "逾期" : "否")});
    }
    return t;
}

Table levelTable(ReportStore &store, CardLevel level, std::string title)
{
    Table t{std::move(title),
            {"序号", "企业名称", "统一社会信用代码", "属地", "行业", "类别", "认定部门", "认定日期",
             "状态"},
            {}};
    for (const auto &r : store.cardList(level)) {
        const Card &c = r.card;
        if (c.state == CardState::Withdrawn)
            continue; // issued by mistake: kept in the card's history, never published
        t.rows.push_back({double(t.rows.size() + 1), r.enterprise.name, r.enterprise.credit_code,
                          r.region_name, r.enterprise.industry, standardLabel(c.standard),
                          c.department, c.issued_on, stateName(c.state)});
    }
    return t;
}

/// The plan grouped by enterprise, in plan order, with the exit of each (core/exitstatus.h).
struct PlanExits
{
    std::vector<std::string> order;
    std::map<std::string, std::vector<PlanListRow>> rows;
    std::vector<OfficeInspection> inspections;
    std::map<std::string, EnterpriseExit> exits;

    PlanExits(ReportStore &store, std::string_view today) : inspections(store.officeInspections({}))
    {
        const auto plan = store.planList();
        for (const auto &r : plan) {
            if (!rows.contains(r.enterprise.id))
                order.push_back(r.enterprise.id);
            rows[r.enterprise.id].push_back(r);
        }
        exits = enterpriseExits(plan, inspections, today);
    }

    const Inspection *inspection(const std::string &id) const
    {
        for (const auto &o : inspections) {
            if (o.bundle.inspection.id == id)
                return &o.bundle.inspection;
        }
        return nullptr;
    }

    const EquipmentCheck *check(const std::string &inspectionId,
                                const std::string &equipmentId) const
    {
        for (const auto &o : inspections) {
            if (o.bundle.inspection.id == inspectionId)
                return checkOf(o.bundle, equipmentId);
        }
        return nullptr;
    }
};

/// Enterprises whose every planned item an accepted acceptance visit covers (seed §二(三)),
/// one row per item.
Table completedTable(ReportStore &store, std::string_view today)
{
    Table t{"完成淘汰任务企业名单",
            {"序号", "属地", "企业名称", "统一社会信用代码", "行业", "设备名称", "规格型号",
             "数量(台/条)", "产能", "产能单位", "核查结果", "核查日期", "验收日期"},
            {}};
    const PlanExits plan(store, today);
    for (const auto &id : plan.order) {
        const EnterpriseExit &exit = plan.exits.at(id);
        if (exit.status != EnterpriseStatus::Accepted)
            continue;
        const Inspection *acceptance = plan.inspection(exit.accepted_by);
        const std::string acceptedOn = acceptance ? visitDate(*acceptance) : "";
        for (const auto &r : plan.rows.at(id)) {
            const auto &q = r.equipment;
            t.rows.push_back({double(t.rows.size() + 1), r.region_name, r.enterprise.name,
                              r.enterprise.credit_code, r.enterprise.industry, q.kind, q.spec,
                              double(q.count), q.capacity.value, q.capacity.unit,
                              std::string("已拆除"), exit.items.at(q.id).found_on, acceptedOn});
        }
    }
    return t;
}

/// Items sealed pending dismantling (seed §二(二)1: 公告, 接受社会监督, 并限时拆除), with the
/// seal numbers, the enterprise's public commitment and the dismantling deadline.
Table sealedTable(ReportStore &store, std::string_view today)
{
    Table t{"封存待拆除企业名单",
            {"序号", "属地", "企业名称", "统一社会信用代码", "行业", "设备名称", "规格型号",
             "数量(台/条)", "产能", "产能单位", "封存日期", "封条编号", "公开承诺", "限期拆除日期",
             "是否逾期"},
            {}};
    const PlanExits plan(store, today);
    for (const auto &id : plan.order) {
        const EnterpriseExit &exit = plan.exits.at(id);
        for (const auto &r : plan.rows.at(id)) {
            const auto &q = r.equipment;
            const ItemExit &item = exit.items.at(q.id);
            if (item.status != ItemStatus::SealedPending)
                continue;
            const EquipmentCheck *c = plan.check(item.inspection_id, q.id);
            t.rows.push_back({double(t.rows.size() + 1), r.region_name, r.enterprise.name,
                              r.enterprise.credit_code, r.enterprise.industry, q.kind, q.spec,
                              double(q.count), q.capacity.value, q.capacity.unit, item.found_on,
                              c ? joined(c->seal_numbers, "、") : std::string(),
                              "已承诺(" + item.found_on + ")", item.deadline.value_or(""),
                              std::string(item.overdue ? "逾期" : "否")});
        }
    }
    return t;
}

/// The red list (seed §二(二)2/4/5: 已依法关停退出 with 设备清单、产能): one row per card, with
/// the enterprise's planned equipment and its capacity by unit.
Table redTable(ReportStore &store)
{
    Table t{"红牌企业名单",
            {"序号", "企业名称", "统一社会信用代码", "属地", "行业", "类别", "认定部门", "认定日期",
             "设备清单", "产能", "状态"},
            {}};
    std::map<std::string, std::vector<Equipment>> items;
    for (const auto &r : store.planList())
        items[r.enterprise.id].push_back(r.equipment);
    for (const auto &r : store.cardList(CardLevel::Red)) {
        const Card &c = r.card;
        if (c.state == CardState::Withdrawn)
            continue; // issued by mistake: kept in the card's history, never published
        std::vector<std::string> names;
        CapacityTotals totals;
        for (const auto &q : items[c.enterprise_id]) {
            names.push_back(q.kind + (q.spec.empty() ? "" : " " + q.spec) + "×" +
                            std::to_string(q.count));
            totals.add(q.capacity);
        }
        std::vector<std::string> capacity;
        capacity.reserve(totals.byUnit().size());
        for (const auto &[unit, value] : totals.byUnit())
            capacity.push_back(formatNumber(value) + unit);
        t.rows.push_back({double(t.rows.size() + 1), r.enterprise.name, r.enterprise.credit_code,
                          r.region_name, r.enterprise.industry, standardLabel(c.standard),
                          c.department, c.issued_on, joined(names, "；"), joined(capacity, "；"),
                          std::string("已依法关停退出")});
    }
    return t;
}

} // namespace

std::optional<PublishedList> publishedListFromName(std::string_view name)
{
    for (const auto &[n, list] : kNames) {
        if (n == name)
            return list;
    }
    return std::nullopt;
}

std::string publishedListNames()
{
    std::string out;
    for (const auto &[n, list] : kNames) {
        if (!out.empty())
            out += ", ";
        out += n;
    }
    return out;
}

Table buildList(ReportStore &store, PublishedList list, std::string_view today)
{
    switch (list) {
    case PublishedList::Plan:
        return planTable(store);
    case PublishedList::Yellow:
        return yellowTable(store, today);
    case PublishedList::Red:
        return redTable(store);
    case PublishedList::ExcessEmission:
        return levelTable(store, CardLevel::ExcessEmission, "超标排放企业名单");
    case PublishedList::SevereExcessEmission:
        return levelTable(store, CardLevel::SevereExcessEmission, "严重超标排放企业名单");
    case PublishedList::Completed:
        return completedTable(store, today);
    case PublishedList::Sealed:
        return sealedTable(store, today);
    }
    return {};
}

} // namespace fp
