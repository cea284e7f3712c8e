#pragma once

#include "models/taskstate.h"

#include <QString>

namespace fp {

/// What the inspector narrowed the task list to. Empty text and -1 mean "any".
struct TaskFilter
{
    QString search; // part of the enterprise name or credit code
    QString region; // region name
    QString industry;
    int kind = -1;  // Vocabulary::VisitKind
    int state = -1; // TaskState::State
    int due = TaskState::AnyDue;
    QString assignee; // username; tasks not assigned to them are hidden

    bool matches(const TaskRow &row) const;
};

} // namespace fp
