#pragma once
// Where the elimination stands, computed from the plan, the inspections the office holds and
// the tasks: each enterprise's exit (core/exitstatus.h, from reviewed evidence), and the
// progress tables of the web page (by region, industry and phase, with overdue tasks, the
// inspections waiting for review and the resumed-production alerts).

#include "core/exitstatus.h"
#include "core/json.h"
#include "server/domain/officerecords.h"
#include "server/domain/webrecords.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// The exit of every enterprise that has planned items or inspections, by enterprise id: the
/// one derivation of core/exitstatus.h over the plan and the inspections the office holds,
/// as of `today`. Progress, the dossier, the map and every published list read it.
std::map<std::string, EnterpriseExit>
enterpriseExits(const std::vector<PlanListRow> &plan,
                const std::vector<OfficeInspection> &inspections, std::string_view today);

/// True when a final, not-returned inspection carried out `task`.
bool taskDone(const Task &task, const std::vector<OfficeInspection> &inspections);

/// The progress page: totals, by_region, by_industry, by_phase, overdue_tasks, pending_review
/// and alerts (复产) as of `today`,
/// from the plan (planList), every task and every inspection the office holds.
Json progressReport(const std::vector<PlanListRow> &plan, const std::vector<Task> &tasks,
                    const std::vector<OfficeInspection> &inspections, std::string_view today);

} // namespace fp
