#include "models/tasklistmodel.h"

#include "app/appstore.h"
#include "text/labels.h"
#include "text/qtstrings.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <array>

namespace fp {

TaskListModel::TaskListModel(QObject *parent) : StoreListModel(parent, OnRefresh | OnVisitChange)
{
    onLanguageChanged([this] {
        if (!m_visible.empty())
            Q_EMIT dataChanged(index(0), index(count() - 1));
        Q_EMIT countsChanged(); // the "All ..." options
    });
    updateCounts();
}

void TaskListModel::setToday(QDate today)
{
    if (m_today == today)
        return;
    m_today = today;
    reload();
    Q_EMIT todayChanged();
}

template <typename T> void TaskListModel::setFilterField(T &field, const T &value)
{
    if (field == value)
        return;
    field = value;
    applyFilter();
    Q_EMIT filterChanged();
}

void TaskListModel::setSearchText(const QString &text)
{
    setFilterField(m_filter.search, text);
}
void TaskListModel::setRegionFilter(const QString &r)
{
    setFilterField(m_filter.region, r);
}
void TaskListModel::setIndustryFilter(const QString &i)
{
    setFilterField(m_filter.industry, i);
}
void TaskListModel::setKindFilter(int kind)
{
    setFilterField(m_filter.kind, kind);
}
void TaskListModel::setStateFilter(int state)
{
    setFilterField(m_filter.state, state);
}
void TaskListModel::setDueFilter(int due)
{
    setFilterField(m_filter.due, due);
}
void TaskListModel::setAssignee(const QString &u)
{
    if (m_filter.assignee == u)
        return;
    m_filter.assignee = u;
    updateCounts();
    applyFilter();
    Q_EMIT filterChanged();
}
void TaskListModel::setGroupBy(GroupBy g)
{
    setFilterField(m_groupBy, g);
}

QStringList TaskListModel::regionOptions() const
{
    return QStringList{tr("All regions")} + m_regions;
}

QStringList TaskListModel::industryOptions() const
{
    return QStringList{tr("All industries")} + m_industries;
}

void TaskListModel::setRegionIndex(int index)
{
    setRegionFilter(index > 0 && index <= m_regions.size() ? m_regions.at(index - 1) : QString());
}

void TaskListModel::setIndustryIndex(int index)
{
    setIndustryFilter(index > 0 && index <= m_industries.size() ? m_industries.at(index - 1)
                                                                : QString());
}

void TaskListModel::clearFilters()
{
    TaskFilter cleared;
    cleared.assignee = m_filter.assignee;
    m_filter = cleared;
    applyFilter();
    Q_EMIT filterChanged();
}

void TaskListModel::reload()
{
    std::vector<TaskSummary> summaries;
    if (m_store)
        summaries = m_store->with([](DeviceStore &s) { return s.taskSummaries(); });
    m_all.clear();
    m_all.reserve(summaries.size());
    for (TaskSummary &s : summaries)
        m_all.push_back(makeTaskRow(std::move(s), m_today));
    updateCounts();
    applyFilter();
}

void TaskListModel::updateCounts()
{
    std::array<int, TaskState::kCount> byState{};
    int overdue = 0;
    int dueSoon = 0;
    int total = 0;
    QSet<QString> regions;
    QSet<QString> industries;
    TaskFilter mine;
    mine.assignee = m_filter.assignee;
    TaskFilter soon = mine;
    soon.due = TaskState::DueSoon;
    for (const TaskRow &row : m_all) {
        if (!mine.matches(row))
            continue;
        ++total;
        ++byState.at(static_cast<std::size_t>(row.state));
        overdue += row.overdue ? 1 : 0;
        dueSoon += soon.matches(row) ? 1 : 0;
        if (!row.regionName.isEmpty())
            regions.insert(row.regionName);
        if (!row.industry.isEmpty())
            industries.insert(row.industry);
    }
    m_totalCount = total;
    m_counts = QVariantMap{
        {QStringLiteral("notStarted"), byState[TaskState::NotStarted]},
        {QStringLiteral("draft"), byState[TaskState::Draft]},
        {QStringLiteral("final"), byState[TaskState::Final]},
        {QStringLiteral("synced"), byState[TaskState::Synced]},
        {QStringLiteral("returned"), byState[TaskState::Returned]},
        {QStringLiteral("accepted"), byState[TaskState::Accepted]},
        {QStringLiteral("overdue"), overdue},
        {QStringLiteral("dueSoon"), dueSoon},
    };
    m_regions = QStringList(regions.begin(), regions.end());
    m_regions.sort();
    m_industries = QStringList(industries.begin(), industries.end());
    m_industries.sort();
}

int TaskListModel::sectionOrder(const TaskRow &row) const
{
    switch (m_groupBy) {
    case ByKind:
        return static_cast<int>(row.summary.task.kind);
    case ByState:
        return static_cast<int>(row.state);
    case ByDue:
        if (row.overdue)
            return 0;
        return row.daysLeft >= 0 && row.daysLeft <= kDueSoonDays ? 1 : 2;
    default:
        return 0;
    }
}

QString TaskListModel::sectionOf(const TaskRow &row) const
{
    switch (m_groupBy) {
    case NoGrouping:
        return {};
    case ByRegion:
        return row.regionName;
    case ByIndustry:
        return row.industry;
    case ByKind:
        return labels::visitKind(row.summary.task.kind);
    case ByState:
        return taskStateLabel(row.state);
    case ByDue: {
        static constexpr std::array<const char *, 3> names = {
            QT_TRANSLATE_NOOP("TaskListModel", "Overdue"),
            QT_TRANSLATE_NOOP("TaskListModel", "Due within a week"),
            QT_TRANSLATE_NOOP("TaskListModel", "Later or done")};
        return QCoreApplication::translate("TaskListModel",
                                           names.at(static_cast<std::size_t>(sectionOrder(row))));
    }
    }
    return {};
}

void TaskListModel::applyFilter()
{
    std::vector<int> visible;
    for (int i = 0; i < static_cast<int>(m_all.size()); ++i) {
        if (m_filter.matches(m_all[static_cast<std::size_t>(i)]))
            visible.push_back(i);
    }
    // Overdue work first, then by due date; grouped rows stay together for ListView sections.
    const bool textGroups = m_groupBy == ByRegion || m_groupBy == ByIndustry;
    std::stable_sort(visible.begin(), visible.end(), [this, textGroups](int a, int b) {
        const TaskRow &x = m_all[static_cast<std::size_t>(a)];
        const TaskRow &y = m_all[static_cast<std::size_t>(b)];
        if (textGroups) {
            const QString sx = sectionOf(x);
            const QString sy = sectionOf(y);
            if (sx != sy)
                return QString::localeAwareCompare(sx, sy) < 0;
        } else if (sectionOrder(x) != sectionOrder(y)) {
            return sectionOrder(x) < sectionOrder(y);
        }
        if (x.overdue != y.overdue)
            return x.overdue;
        return x.daysLeft < y.daysLeft;
    });
    const bool sameRows = visible.size() == m_visible.size() &&
                          std::equal(visible.begin(), visible.end(), m_visible.begin());
    if (sameRows && !visible.empty()) {
        Q_EMIT dataChanged(index(0), index(count() - 1));
    } else if (!sameRows) {
        beginResetModel();
        m_visible = std::move(visible);
        endResetModel();
    }
    Q_EMIT countsChanged();
}

QVariant TaskListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TaskRow &row =
        m_all[static_cast<std::size_t>(m_visible[static_cast<std::size_t>(index.row())])];
    const TaskSummary &s = row.summary;
    switch (role) {
    case TaskIdRole:
        return qs(s.task.id);
    case EnterpriseIdRole:
        return qs(s.task.enterprise_id);
    case EnterpriseNameRole:
        return row.enterpriseName.isEmpty() ? tr("(enterprise not synced yet)")
                                            : row.enterpriseName;
    case CreditCodeRole:
        return row.creditCode;
    case RegionNameRole:
        return row.regionName;
    case IndustryRole:
        return row.industry;
    case VisitKindRole:
        return static_cast<int>(s.task.kind);
    case VisitKindLabelRole:
        return labels::visitKind(s.task.kind);
    case DueRole:
        return qs(s.task.due);
    case DueLabelRole:
        return dueLabel(row);
    case OverdueRole:
        return row.overdue;
    case TaskStateRole:
        return static_cast<int>(row.state);
    case StateLabelRole:
        return taskStateLabel(row.state);
    case ReturnReasonRole:
        return row.state == TaskState::Returned ? qs(s.review_reason) : QString();
    case PendingRole:
        return s.pending;
    case InspectionIdRole:
        return qs(s.inspection_id.value_or(""));
    case SectionRole:
        return sectionOf(row);
    case DetailRole: {
        QStringList parts{row.creditCode, row.regionName, row.industry};
        parts.removeAll(QString());
        return parts.join(QStringLiteral("  ·  "));
    }
    default:
        return {};
    }
}

} // namespace fp
