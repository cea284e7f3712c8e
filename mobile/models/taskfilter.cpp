#include "models/taskfilter.h"

#include "text/qtstrings.h"

#include <algorithm>

namespace fp {

bool TaskFilter::matches(const TaskRow &row) const
{
    const TaskSummary &s = row.summary;
    if (!region.isEmpty() && row.regionName != region)
        return false;
    if (!industry.isEmpty() && row.industry != industry)
        return false;
    if (kind >= 0 && static_cast<int>(s.task.kind) != kind)
        return false;
    if (state >= 0 && static_cast<int>(row.state) != state)
        return false;
    if (due == TaskState::Overdue && !row.overdue)
        return false;
    if (due == TaskState::DueSoon &&
        (row.overdue || row.daysLeft < 0 || row.daysLeft > kDueSoonDays ||
         (row.state != TaskState::NotStarted && row.state != TaskState::Draft &&
          row.state != TaskState::Returned)))
        return false;
    if (!assignee.isEmpty()) {
        const std::string me = ss(assignee);
        const auto &who = s.task.inspectors;
        if (std::find(who.begin(), who.end(), me) == who.end())
            return false;
    }
    const QString needle = search.trimmed();
    if (!needle.isEmpty()) {
        const bool inName = row.enterpriseName.contains(needle, Qt::CaseInsensitive);
        const bool inCode = row.creditCode.contains(needle, Qt::CaseInsensitive);
        if (!inName && !inCode)
            return false;
    }
    return true;
}

} // namespace fp
