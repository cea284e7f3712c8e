#include "server/exchange/yearreport.h"

#include "server/domain/department.h"
#include "server/exchange/exporttext.h"

#include "core/capacity.h"
#include "core/planrules.h"
#include "server/domain/progress.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

namespace fp {

namespace {

constexpr int kJournalReadLimit = 1'000'000; // every card change of a year
constexpr double kPercent = 100;

std::string capacityText(const CapacityTotals &totals)
{
    std::vector<std::string> parts;
    for (const auto &[unit, value] : totals.byUnit())
        parts.push_back(formatNumber(value) + unit);
    return joined(parts, "；");
}

/// One enterprise that exited in the year.
struct Exited
{
    std::string region{}, name{}, code{}, industry{}, way{}, date{};
    std::set<CardStandard> standards{};
    std::vector<Equipment> items{};
    std::vector<std::string> item_dates{};
    double units = 0;
    CapacityTotals capacity{};
};

/// Sums of one group of exited enterprises (a region, an industry, a standard, a department).
struct Group
{
    int enterprises = 0;
    double units = 0;
    CapacityTotals capacity{};

    void add(const Exited &e)
    {
        ++enterprises;
        units += e.units;
        for (const auto &[unit, value] : e.capacity.byUnit())
            capacity.add(Capacity{value, unit});
    }
};

/// One row per group and capacity unit (a group without capacity: one row, unit empty).
Table groupTable(std::string title, std::vector<std::string> keyHeaders,
                 const std::map<std::vector<std::string>, Group> &groups)
{
    Table t{std::move(title), std::move(keyHeaders), {}};
    for (const char *h : {"退出企业数", "设备(台/条)", "产能", "产能单位"})
        t.headers.emplace_back(h);
    for (const auto &[key, g] : groups) {
        const auto row = [&](Cell capacity, std::string unit) {
            std::vector<Cell> r(key.begin(), key.end());
            r.insert(r.end(),
                     {double(g.enterprises), g.units, std::move(capacity), std::move(unit)});
            t.rows.push_back(std::move(r));
        };
        if (g.capacity.empty())
            row(std::string(), {});
        for (const auto &[unit, value] : g.capacity.byUnit())
            row(value, unit);
    }
    return t;
}

const Inspection *findInspection(const std::vector<OfficeInspection> &all, const std::string &id)
{
    for (const auto &o : all) {
        if (o.bundle.inspection.id == id)
            return &o.bundle.inspection;
    }
    return nullptr;
}

/// The enterprises that exited in `year`, in plan order, then those closed by law (a red card
/// of the year) that the plan does not show as exited.
std::vector<Exited> exitedIn(const std::string &year, const std::vector<PlanListRow> &plan,
                             const std::vector<OfficeInspection> &inspections,
                             const std::vector<CardListRow> &cards,
                             const std::map<std::string, EnterpriseExit> &exits)
{
    std::map<std::string, std::set<CardStandard>> standards;
    for (const auto &c : cards) {
        if (c.card.state != CardState::Withdrawn)
            standards[c.card.enterprise_id].insert(c.card.standard);
    }
    std::vector<std::string> order;
    std::map<std::string, std::vector<const PlanListRow *>> rows;
    for (const auto &r : plan) {
        if (!rows.contains(r.enterprise.id))
            order.push_back(r.enterprise.id);
        rows[r.enterprise.id].push_back(&r);
    }
    std::vector<Exited> out;
    std::set<std::string> taken;
    const auto fill = [&](Exited &e, const std::string &id, const std::string &fallbackDate) {
        e.standards = standards.contains(id) ? standards[id]
                                             : std::set<CardStandard>{CardStandard::Technology};
        const auto exit = exits.find(id);
        for (const PlanListRow *r : rows[id]) {
            e.items.push_back(r->equipment);
            std::string date = fallbackDate;
            if (exit != exits.end() && exit->second.items.contains(r->equipment.id))
                date = exit->second.items.at(r->equipment.id).found_on;
            e.item_dates.push_back(date.empty() ? fallbackDate : date);
            e.units += double(r->equipment.count);
            e.capacity.add(r->equipment.capacity);
        }
    };
    for (const auto &id : order) {
        const EnterpriseExit &exit = exits.at(id);
        std::string date;
        std::string way;
        if (exit.status == EnterpriseStatus::Accepted) {
            const Inspection *acceptance = findInspection(inspections, exit.accepted_by);
            date = acceptance ? visitDate(*acceptance) : "";
            way = "拆除并验收";
        } else if (exit.status == EnterpriseStatus::Dismantled) {
            for (const auto &[item, status] : exit.items)
                date = std::max(date, status.found_on);
            way = "已全部拆除(待验收)";
        }
        if (date.substr(0, 4) != year)
            continue;
        const PlanListRow &first = *rows[id].front();
        Exited e{first.region_name,
                 first.enterprise.name,
                 first.enterprise.credit_code,
                 first.enterprise.industry,
                 way,
                 date};
        fill(e, id, date);
        out.push_back(std::move(e));
        taken.insert(id);
    }
    for (const auto &c : cards) {
        if (c.card.level != CardLevel::Red || c.card.state == CardState::Withdrawn ||
            c.card.issued_on.substr(0, 4) != year || taken.contains(c.card.enterprise_id))
            continue;
        taken.insert(c.card.enterprise_id);
        Exited e;
        e.region = c.region_name;
        e.name = c.enterprise.name;
        e.code = c.enterprise.credit_code;
        e.industry = c.enterprise.industry;
        e.way = "依法关停";
        e.date = c.card.issued_on;
        fill(e, c.card.enterprise_id, c.card.issued_on);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<CardListRow> allCards(ReportStore &reports)
{
    std::vector<CardListRow> out;
    for (const auto level : {CardLevel::Yellow, CardLevel::Red, CardLevel::ExcessEmission,
                             CardLevel::SevereExcessEmission}) {
        auto cards = reports.cardList(level);
        out.insert(out.end(), cards.begin(), cards.end());
    }
    return out;
}

/// Distinct cards with a journal entry of `kind` in the year, by card id.
std::set<std::string> cardsJournalled(JournalStore &journal, const std::string &kind,
                                      const std::string &year)
{
    JournalFilter f;
    f.kind = kind;
    f.from = year + "-01-01";
    f.to = year + "-12-31";
    f.limit = kJournalReadLimit;
    std::set<std::string> out;
    for (const auto &e : journal.journal(f))
        out.insert(e.target);
    return out;
}

} // namespace

std::string responsibleDepartmentName(CardStandard standard)
{
    return std::string(departmentLabel(responsibleDepartment(standard)));
}

std::vector<Table> progressTables(ReportStore &reports, PlanStore &plan, std::string_view today)
{
    const Json p =
        progressReport(reports.planList(), plan.listTasks(), reports.officeInspections({}), today);
    std::vector<Table> out;
    for (const auto &[key, title, first] :
         {std::tuple{"by_region", "工作进度(按属地)", "属地"},
          std::tuple{"by_industry", "工作进度(按行业)", "行业"}}) {
        Table t{title,
                {first, "企业数", "计划设备(台/条)", "已拆除(台/条)", "已封存(台/条)",
                 "已验收(台/条)", "复产(台/条)", "完成率(%)", "待审核"},
                {}};
        for (const Json &row : p[key]) {
            const double items = row["items"].get<double>();
            const double done = row["dismantled"].get<double>();
            t.rows.push_back({row["name"].get<std::string>(), row["enterprises"].get<double>(),
                              items, done, row["sealed"].get<double>(),
                              row["accepted"].get<double>(), row["resumed"].get<double>(),
                              items > 0 ? std::round(done / items * kPercent * 10) / 10 : 0.0,
                              row["pending_review"].get<double>()});
        }
        out.push_back(std::move(t));
    }
    return out;
}

YearReport yearReport(ReportStore &reports, PlanStore &planStore, JournalStore &journal,
                      const std::vector<Tipoff> &tipoffs,
                      const std::vector<SiteFindDecision> &finds, int year, std::string_view today,
                      double slowPercent)
{
    YearReport report;
    report.year = year;
    report.today = std::string(today);
    report.slow_percent = slowPercent;
    const std::string y = std::to_string(year);

    const auto plan = reports.planList();
    const auto inspections = reports.officeInspections({});
    const auto tasks = planStore.listTasks();
    const auto cards = allCards(reports);
    const auto exits = enterpriseExits(plan, inspections, today);
    const auto exited = exitedIn(y, plan, inspections, cards, exits);

    // 已退出企业名单 and 设备清单.
    Table list{"已退出企业名单",
               {"序号", "属地", "企业名称", "统一社会信用代码", "行业", "退出方式", "退出日期",
                "不达标类别", "责任部门", "设备(台/条)", "产能"},
               {}};
    Table equipment{"设备清单",
                    {"序号", "属地", "企业名称", "设备名称", "规格型号", "数量(台/条)", "产能",
                     "产能单位", "退出方式", "日期"},
                    {}};
    std::map<std::vector<std::string>, Group> byRegion, byIndustry, byStandard, byDepartment;
    CapacityTotals exitedCapacity;
    for (const Exited &e : exited) {
        std::vector<std::string> standardNames;
        std::set<std::string> departments;
        for (const auto s : e.standards) {
            standardNames.push_back(standardLabel(s));
            departments.insert(responsibleDepartmentName(s));
            byStandard[{standardLabel(s), responsibleDepartmentName(s)}].add(e);
        }
        for (const auto &d : departments)
            byDepartment[{d}].add(e);
        byRegion[{e.region}].add(e);
        byIndustry[{e.industry.empty() ? "其他" : e.industry}].add(e);
        list.rows.push_back({double(list.rows.size() + 1), e.region, e.name, e.code, e.industry,
                             e.way, e.date, joined(standardNames, "、"),
                             joined({departments.begin(), departments.end()}, "、"), e.units,
                             capacityText(e.capacity)});
        for (std::size_t i = 0; i < e.items.size(); ++i) {
            const Equipment &q = e.items[i];
            equipment.rows.push_back({double(equipment.rows.size() + 1), e.region, e.name, q.kind,
                                      q.spec, double(q.count), q.capacity.value, q.capacity.unit,
                                      e.way, e.item_dates[i]});
            exitedCapacity.add(q.capacity);
        }
        report.exited_units += e.units;
    }
    report.exited_enterprises = int(exited.size());

    // 产能汇总: per unit, never added across units.
    CapacityTotals planned, dismantled;
    for (const auto &r : plan) {
        planned.add(r.equipment.capacity);
        const auto status = exits.at(r.enterprise.id).items.at(r.equipment.id).status;
        if (status == ItemStatus::Dismantled || status == ItemStatus::Accepted)
            dismantled.add(r.equipment.capacity);
    }
    Table capacity{"产能汇总", {"产能单位", "计划淘汰产能", "本年退出产能", "累计已拆除产能"}, {}};
    std::set<std::string> units;
    for (const auto *totals : {&planned, &exitedCapacity})
        for (const auto &[unit, value] : totals->byUnit())
            units.insert(unit);
    for (const auto &unit : units)
        capacity.rows.push_back(
            {unit, planned.of(unit), exitedCapacity.of(unit), dismantled.of(unit)});

    // 黄牌红牌: opened (issued in the year, not withdrawn), rectified, closed by law.
    const auto rectified = cardsJournalled(journal, "card.rectified", y);
    const auto closed = cardsJournalled(journal, "card.closed_by_law", y);
    Table cardTable{"黄牌红牌", {"类别", "本年挂牌", "本年整改", "本年依法关停"}, {}};
    for (const auto level : {CardLevel::Yellow, CardLevel::Red, CardLevel::ExcessEmission,
                             CardLevel::SevereExcessEmission}) {
        int opened = 0, fixed = 0, shut = 0;
        for (const auto &c : cards) {
            if (c.card.level != level)
                continue;
            opened +=
                c.card.issued_on.substr(0, 4) == y && c.card.state != CardState::Withdrawn ? 1 : 0;
            fixed += rectified.contains(c.card.id) ? 1 : 0;
            shut += closed.contains(c.card.id) ? 1 : 0;
        }
        cardTable.rows.push_back({levelLabel(level), double(opened), double(fixed), double(shut)});
        report.cards_opened += opened;
        report.cards_rectified += fixed;
        report.cards_closed += shut;
    }

    // 举报与现场发现: tip-offs received in the year (and how many proved an unreported line),
    // on-site finds the office decided in the year.
    int unreported = 0, dismissed = 0;
    for (const Tipoff &t : tipoffs) {
        if (t.received_on.substr(0, 4) != y)
            continue;
        ++report.tipoffs;
        if (t.unreported)
            ++unreported;
    }
    for (const SiteFindDecision &f : finds) {
        if (f.decided_at.substr(0, 4) != y)
            continue;
        if (f.state == "confirmed")
            ++report.onsite_finds;
        else
            ++dismissed;
    }
    Table tips{"举报与现场发现", {"项目", "数量", "说明"}, {}};
    tips.rows.push_back(
        {std::string("举报线索(本年受理)"), double(report.tipoffs),
         std::string("其中查实漏报/瞒报 ").append(std::to_string(unreported)).append(" 起")});
    tips.rows.push_back({std::string("现场发现漏报设备(本年确认)"), double(report.onsite_finds),
                         std::string("另排除 ").append(std::to_string(dismissed)).append(" 项")});

    // 逾期任务: due in the year, before today, not carried out.
    std::map<std::string, Enterprise> enterprises;
    for (const auto &e : planStore.listEnterprises())
        enterprises[e.id] = e;
    const auto regions = planStore.listRegions();
    const auto regionName = [&](const std::string &regionId) {
        for (const auto &r : regions) {
            if (r.id == regionId)
                return r.name;
        }
        return std::string();
    };
    Table overdue{"逾期任务", {"序号", "属地", "企业名称", "阶段", "期限", "核查人员"}, {}};
    for (const auto &t : tasks) {
        if (t.due.substr(0, 4) != y || t.due >= today || taskDone(t, inspections))
            continue;
        const auto e = enterprises.find(t.enterprise_id);
        overdue.rows.push_back({double(overdue.rows.size() + 1),
                                e == enterprises.end() ? "" : regionName(e->second.region_id),
                                e == enterprises.end() ? t.enterprise_id : e->second.name,
                                kindLabel(t.kind), t.due, joined(t.inspectors, "、")});
    }
    report.overdue_tasks = int(overdue.rows.size());

    // 进展缓慢属地: below the office's threshold of planned units dismantled.
    const std::vector<Table> progress = progressTables(reports, planStore, today);
    Table slow{
        "进展缓慢属地", {"属地", "计划设备(台/条)", "已拆除(台/条)", "完成率(%)", "阈值(%)"}, {}};
    for (const auto &row : progress.front().rows) {
        const double done = std::get<double>(row[7]);
        if (done < slowPercent)
            slow.rows.push_back({row[0], row[2], row[3], done, slowPercent});
    }
    report.slow_regions = int(slow.rows.size());

    Table summary{"年度汇总", {"项目", "数值"}, {}};
    const auto line = [&](const char *what, Cell value) {
        summary.rows.push_back({std::string(what), std::move(value)});
    };
    line("年度", y);
    line("统计截至", std::string(today));
    line("本年退出企业(家)", double(report.exited_enterprises));
    line("本年退出设备(台/条)", report.exited_units);
    line("本年退出产能", capacityText(exitedCapacity));
    line("本年挂牌(黄牌、红牌、超标排放)", double(report.cards_opened));
    line("本年整改", double(report.cards_rectified));
    line("本年依法关停", double(report.cards_closed));
    line("举报线索", double(report.tipoffs));
    line("现场发现漏报设备", double(report.onsite_finds));
    line("逾期任务", double(report.overdue_tasks));
    line("进展缓慢属地(完成率低于阈值)", double(report.slow_regions));
    line("进展缓慢阈值(%)", slowPercent);

    report.tables = {summary,
                     list,
                     equipment,
                     groupTable("按属地", {"属地"}, byRegion),
                     groupTable("按行业", {"行业"}, byIndustry),
                     groupTable("按标准", {"不达标类别", "责任部门"}, byStandard),
                     groupTable("按责任部门", {"责任部门"}, byDepartment),
                     capacity,
                     cardTable,
                     tips,
                     overdue,
                     slow};
    return report;
}

} // namespace fp
