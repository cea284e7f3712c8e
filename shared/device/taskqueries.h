#pragma once
// Read-only queries the tablet's task list and enterprise screens need, each answered with a
// few statements however many enterprises the device holds (no query per row). DeviceStore
// answers these through its members; the functions here run on its connection.

#include "core/types.h"
#include "db/database.h"

#include <optional>
#include <string>
#include <vector>

namespace fp {

/// One assigned task as the task list shows it: the task, its enterprise and region, and
/// where the latest visit made for it stands (drafted, final, pushed, reviewed).
struct TaskSummary
{
    Task task;
    std::string enterprise_name; // empty when the enterprise row has not been pulled
    std::string credit_code;
    std::string region_id;
    std::string region_name;
    std::string industry;
    std::optional<std::string> inspection_id; // the latest visit made for this task
    std::optional<InspectionState> inspection_state;
    bool pending = false; // that visit still waits in the outbox
    std::optional<ReviewState> review_state;
    std::string review_reason;
};

/// The most recent finding recorded for one planned equipment item.
struct LatestFinding
{
    std::string equipment_id;
    Finding finding = Finding::Dismantled;
    std::string checked_at;
    std::string inspection_id;
    InspectionState inspection_state = InspectionState::Draft;
};

namespace queries {

/// Every task on the device with its latest visit, ordered by due date then enterprise name.
std::vector<TaskSummary> taskSummaries(Database &db);

/// For each planned item of `enterpriseId` that any visit checked, the finding of the latest
/// visit (visit ids are UUIDv7, so the largest id is the newest visit).
std::vector<LatestFinding> latestFindings(Database &db, const std::string &enterpriseId);

/// Ids of the visits that still wait in the outbox.
std::vector<std::string> pendingInspectionIds(Database &db);

} // namespace queries

} // namespace fp
