#pragma once
// Where the elimination stands, computed from the plan, the inspections the office holds and
// the tasks: each planned item's latest verified state, each enterprise's exit status, and the
// progress tables of the web page (by region, industry and phase, with overdue tasks).

#include "core/json.h"
#include "server/domain/officerecords.h"
#include "server/domain/webrecords.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// One planned item as the evidence shows it.
struct ItemState
{
    std::string finding;   // latest finding of a final, not-returned inspection; "" if none
    std::string found_on;  // date of that inspection
    bool accepted = false; // checked by an acceptance visit the office accepted with a pass
};

/// Latest state of every equipment item that final, not-returned inspections checked.
std::map<std::string, ItemState> itemStates(const std::vector<OfficeInspection> &inspections);

/// "accepted" (every item accepted), "done" (every item dismantled), "in_progress" (some item
/// dismantled or sealed) or "pending".
std::string exitStatus(const std::vector<Equipment> &items,
                       const std::map<std::string, ItemState> &states);

/// True when a final, not-returned inspection carried out `task`.
bool taskDone(const Task &task, const std::vector<OfficeInspection> &inspections);

/// The progress page: totals, by_region, by_industry, by_phase and overdue_tasks as of `today`,
/// from the plan (planList), every task and every inspection the office holds.
Json progressReport(const std::vector<PlanListRow> &plan, const std::vector<Task> &tasks,
                    const std::vector<OfficeInspection> &inspections, std::string_view today);

} // namespace fp
