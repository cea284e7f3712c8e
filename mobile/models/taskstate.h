#pragma once
// Where a task stands for the inspector, derived from its latest visit and the office review.

#include "device/taskqueries.h"

#include <QDate>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace TaskState {
Q_NAMESPACE
QML_ELEMENT

enum State { NotStarted, Draft, Final, Synced, Returned, Accepted };
Q_ENUM_NS(State)
inline constexpr int kCount = 6;

/// Due filter of the task list.
enum Due { AnyDue, Overdue, DueSoon };
Q_ENUM_NS(Due)

} // namespace TaskState

namespace fp {

/// A task as the list holds it: the store's summary plus what the app derives from it.
struct TaskRow
{
    TaskSummary summary;
    // The summary's texts as QML reads them, converted once.
    QString enterpriseName;
    QString creditCode;
    QString regionName;
    QString industry;
    TaskState::State state = TaskState::NotStarted;
    int daysLeft = 0; // until the due date; negative when overdue
    bool overdue = false;
};

/// Final and waiting to sync, synced, reviewed: the office's word wins once it is there.
TaskState::State taskStateOf(const TaskSummary &summary);
TaskRow makeTaskRow(TaskSummary summary, QDate today);
/// Tasks within this many days of their due date count as "due soon".
inline constexpr int kDueSoonDays = 7;

QString taskStateLabel(TaskState::State state);
/// "Overdue by 3 days", "Due today", "5 days left".
QString dueLabel(const TaskRow &row);

} // namespace fp
