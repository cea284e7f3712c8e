#include "device/taskqueries.h"

#include "core/json.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace fp::queries {

namespace {

template <typename E> std::optional<E> optEnum(const Statement &s, int column)
{
    if (s.isNull(column))
        return std::nullopt;
    return enumFromString<E>(s.text(column));
}

struct Visit
{
    std::string id;
    InspectionState state = InspectionState::Draft;
};

/// The newest visit of every task that has one.
std::unordered_map<std::string, Visit> latestVisitPerTask(Database &db)
{
    std::unordered_map<std::string, Visit> latest;
    Statement s(db, "SELECT task_id, id, state FROM inspections WHERE task_id IS NOT NULL");
    while (s.step()) {
        Visit v{s.text(1), optEnum<InspectionState>(s, 2).value_or(InspectionState::Draft)};
        auto [it, inserted] = latest.try_emplace(s.text(0), v);
        if (!inserted && it->second.id < v.id)
            it->second = v;
    }
    return latest;
}

} // namespace

std::vector<std::string> pendingInspectionIds(Database &db)
{
    std::vector<std::string> ids;
    Statement s(db, "SELECT item_id FROM outbox WHERE item_type = 'inspection'");
    while (s.step())
        ids.push_back(s.text(0));
    return ids;
}

std::vector<TaskSummary> taskSummaries(Database &db)
{
    const auto latest = latestVisitPerTask(db);
    const auto pendingList = pendingInspectionIds(db);
    const std::unordered_set<std::string> pending(pendingList.begin(), pendingList.end());
    std::unordered_map<std::string, std::pair<ReviewState, std::string>> reviews;
    {
        Statement s(db, "SELECT inspection_id, state, reason FROM reviews");
        while (s.step()) {
            if (auto state = optEnum<ReviewState>(s, 1))
                reviews.emplace(s.text(0), std::make_pair(*state, s.text(2)));
        }
    }

    std::vector<TaskSummary> out;
    Statement s(db, "SELECT t.id, t.enterprise_id, t.kind, t.due, t.inspectors, e.name, "
                    "e.credit_code, e.region_id, r.name, e.industry FROM tasks t "
                    "LEFT JOIN enterprises e ON e.id = t.enterprise_id "
                    "LEFT JOIN regions r ON r.id = e.region_id "
                    "ORDER BY t.due, e.name, t.id");
    while (s.step()) {
        TaskSummary t;
        t.task.id = s.text(0);
        t.task.enterprise_id = s.text(1);
        t.task.kind = optEnum<VisitKind>(s, 2).value_or(VisitKind::Survey);
        t.task.due = s.text(3);
        t.task.inspectors = parseJson(s.text(4)).get<std::vector<std::string>>();
        t.enterprise_name = s.optText(5).value_or("");
        t.credit_code = s.optText(6).value_or("");
        t.region_id = s.optText(7).value_or("");
        t.region_name = s.optText(8).value_or("");
        t.industry = s.optText(9).value_or("");
        if (auto it = latest.find(t.task.id); it != latest.end()) {
            t.inspection_id = it->second.id;
            t.inspection_state = it->second.state;
            t.pending = pending.contains(it->second.id);
            if (auto r = reviews.find(it->second.id); r != reviews.end()) {
                t.review_state = r->second.first;
                t.review_reason = r->second.second;
            }
        }
        out.push_back(std::move(t));
    }
    return out;
}

std::vector<LatestFinding> latestFindings(Database &db, const std::string &enterpriseId)
{
    std::unordered_map<std::string, LatestFinding> latest;
    Statement s(db, "SELECT c.equipment_id, c.finding, c.checked_at, i.id, i.state "
                    "FROM equipment_checks c JOIN inspections i ON i.id = c.inspection_id "
                    "WHERE i.enterprise_id = ? AND c.equipment_id IS NOT NULL");
    s.bind(1, enterpriseId);
    while (s.step()) {
        const auto finding = optEnum<Finding>(s, 1);
        if (!finding)
            continue;
        LatestFinding f{s.text(0), *finding, s.text(2), s.text(3),
                        optEnum<InspectionState>(s, 4).value_or(InspectionState::Draft)};
        auto [it, inserted] = latest.try_emplace(f.equipment_id, f);
        if (!inserted && it->second.inspection_id < f.inspection_id)
            it->second = f;
    }
    std::vector<LatestFinding> out;
    out.reserve(latest.size());
    for (auto &[id, f] : latest)
        out.push_back(std::move(f));
    std::sort(out.begin(), out.end(),
              [](const auto &a, const auto &b) { return a.equipment_id < b.equipment_id; });
    return out;
}

} // namespace fp::queries
