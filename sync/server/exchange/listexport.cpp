#include "server/exchange/listexport.h"

#include "server/domain/carddeadline.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace fp {

namespace {

constexpr std::array<std::pair<std::string_view, PublishedList>, 6> kNames = {{
    {"plan", PublishedList::Plan},
    {"yellow", PublishedList::Yellow},
    {"red", PublishedList::Red},
    {"excess-emission", PublishedList::ExcessEmission},
    {"severe-excess-emission", PublishedList::SevereExcessEmission},
    {"completed", PublishedList::Completed},
}};

std::string standardName(CardStandard s)
{
    switch (s) {
    case CardStandard::Energy:
        return "能耗";
    case CardStandard::Environment:
        return "环保";
    case CardStandard::Quality:
        return "质量";
    case CardStandard::Safety:
        return "安全";
    case CardStandard::Technology:
        return "技术(淘汰类)";
    }
    return {};
}

std::string stateName(CardState s)
{
    switch (s) {
    case CardState::Open:
        return "未整改";
    case CardState::Rectified:
        return "已整改";
    case CardState::ClosedByLaw:
        return "依法关停";
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
             "数量(台/条)", "产能(万吨/年)", "淘汰方式", "计划完成时间"},
            {}};
    for (const auto &r : store.planList()) {
        const auto &q = r.equipment;
        t.rows.push_back({double(t.rows.size() + 1), r.region_name, r.enterprise.name,
                          r.enterprise.credit_code, r.enterprise.industry, q.kind, q.spec,
                          double(q.count), q.capacity.value, actionName(q.action),
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
        t.rows.push_back({double(t.rows.size() + 1), r.enterprise.name, r.enterprise.credit_code,
                          r.region_name, r.enterprise.industry, standardName(c.standard),
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
        t.rows.push_back({double(t.rows.size() + 1), r.enterprise.name, r.enterprise.credit_code,
                          r.region_name, r.enterprise.industry, standardName(c.standard),
                          c.department, c.issued_on, stateName(c.state)});
    }
    return t;
}

/// Enterprises whose every planned item was found dismantled by its latest final inspection
/// (a returned inspection does not count), one row per item.
Table completedTable(ReportStore &store)
{
    Table t{"完成淘汰任务企业名单",
            {"序号", "属地", "企业名称", "统一社会信用代码", "行业", "设备名称", "规格型号",
             "数量(台/条)", "产能(万吨/年)", "核查结果", "核查日期"},
            {}};
    struct Latest
    {
        std::string when;
        Finding finding = Finding::Missing;
    };
    std::map<std::string, Latest> latest; // equipment id -> latest final finding
    for (const auto &ri : store.finalInspections()) {
        if (ri.review == ReviewState::Returned)
            continue;
        const auto &insp = ri.bundle.inspection;
        const std::string when = insp.finished_at.value_or(insp.started_at);
        for (const auto &check : ri.bundle.checks) {
            if (!check.equipment_id)
                continue;
            auto &l = latest[*check.equipment_id];
            if (l.when.empty() || when >= l.when)
                l = Latest{when, check.finding};
        }
    }
    std::map<std::string, std::vector<PlanListRow>> byEnterprise;
    std::vector<std::string> order;
    for (auto &r : store.planList()) {
        if (!byEnterprise.contains(r.enterprise.id))
            order.push_back(r.enterprise.id);
        byEnterprise[r.enterprise.id].push_back(std::move(r));
    }
    for (const auto &id : order) {
        const auto &rows = byEnterprise[id];
        const bool done = std::all_of(rows.begin(), rows.end(), [&](const PlanListRow &r) {
            const auto it = latest.find(r.equipment.id);
            return it != latest.end() && it->second.finding == Finding::Dismantled;
        });
        if (!done)
            continue;
        for (const auto &r : rows) {
            const auto &q = r.equipment;
            t.rows.push_back({double(t.rows.size() + 1), r.region_name, r.enterprise.name,
                              r.enterprise.credit_code, r.enterprise.industry, q.kind, q.spec,
                              double(q.count), q.capacity.value, std::string("已拆除"),
                              latest[q.id].when.substr(0, 10)});
        }
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
        return levelTable(store, CardLevel::Red, "红牌企业名单");
    case PublishedList::ExcessEmission:
        return levelTable(store, CardLevel::ExcessEmission, "超标排放企业名单");
    case PublishedList::SevereExcessEmission:
        return levelTable(store, CardLevel::SevereExcessEmission, "严重超标排放企业名单");
    case PublishedList::Completed:
        return completedTable(store);
    }
    return {};
}

} // namespace fp
