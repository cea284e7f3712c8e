#include "models/taskstate.h"

#include <QCoreApplication>

namespace fp {

TaskState::State taskStateOf(const TaskSummary &summary)
{
    if (!summary.inspection_state)
        return TaskState::NotStarted;
    if (*summary.inspection_state == InspectionState::Draft)
        return TaskState::Draft;
    if (summary.review_state == ReviewState::Returned)
        return TaskState::Returned;
    if (summary.review_state == ReviewState::Accepted)
        return TaskState::Accepted;
    return summary.pending ? TaskState::Final : TaskState::Synced;
}

TaskRow makeTaskRow(TaskSummary summary, QDate today)
{
    TaskRow row;
    row.state = taskStateOf(summary);
    const QDate due = QDate::fromString(QString::fromStdString(summary.task.due), Qt::ISODate);
    row.daysLeft = due.isValid() ? static_cast<int>(today.daysTo(due)) : 0;
    // Only work still to do can be late; a final visit made after the due date is history.
    row.overdue =
        row.daysLeft < 0 && (row.state == TaskState::NotStarted || row.state == TaskState::Draft ||
                             row.state == TaskState::Returned);
    row.enterpriseName = QString::fromStdString(summary.enterprise_name);
    row.creditCode = QString::fromStdString(summary.credit_code);
    row.regionName = QString::fromStdString(summary.region_name);
    row.industry = QString::fromStdString(summary.industry);
    row.summary = std::move(summary);
    return row;
}

QString taskStateLabel(TaskState::State state)
{
    switch (state) {
    case TaskState::NotStarted:
        return QCoreApplication::translate("TaskState", "Not started");
    case TaskState::Draft:
        return QCoreApplication::translate("TaskState", "Draft");
    case TaskState::Final:
        return QCoreApplication::translate("TaskState", "Final, waiting to sync");
    case TaskState::Synced:
        return QCoreApplication::translate("TaskState", "Synced");
    case TaskState::Returned:
        return QCoreApplication::translate("TaskState", "Returned by the office");
    case TaskState::Accepted:
        return QCoreApplication::translate("TaskState", "Accepted by the office");
    }
    return {};
}

QString dueLabel(const TaskRow &row)
{
    const bool todo = row.state == TaskState::NotStarted || row.state == TaskState::Draft ||
                      row.state == TaskState::Returned;
    if (!todo)
        return QCoreApplication::translate("TaskState", "Due %1")
            .arg(QString::fromStdString(row.summary.task.due));
    if (row.overdue)
        return QCoreApplication::translate("TaskState", "Overdue by %n day(s)", nullptr,
                                           -row.daysLeft);
    if (row.daysLeft == 0)
        return QCoreApplication::translate("TaskState", "Due today");
    return QCoreApplication::translate("TaskState", "%n day(s) left", nullptr, row.daysLeft);
}

} // namespace fp
