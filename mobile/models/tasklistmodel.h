#pragma once

#include "models/storelistmodel.h"
#include "models/taskfilter.h"
#include "models/taskstate.h"

#include <QAbstractListModel>
#include <QDate>
#include <QPointer>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace fp {

/// The inspector's tasks: filtered by region, industry, visit kind, due date, state and a
/// search over name and credit code; grouped for ListView sections; counted at a glance.
class TaskListModel : public fp::StoreListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QDate today READ today WRITE setToday NOTIFY todayChanged)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY filterChanged)
    Q_PROPERTY(QString regionFilter READ regionFilter WRITE setRegionFilter NOTIFY filterChanged)
    Q_PROPERTY(
        QString industryFilter READ industryFilter WRITE setIndustryFilter NOTIFY filterChanged)
    Q_PROPERTY(int kindFilter READ kindFilter WRITE setKindFilter NOTIFY filterChanged)
    Q_PROPERTY(int stateFilter READ stateFilter WRITE setStateFilter NOTIFY filterChanged)
    Q_PROPERTY(int dueFilter READ dueFilter WRITE setDueFilter NOTIFY filterChanged)
    Q_PROPERTY(QString assignee READ assignee WRITE setAssignee NOTIFY filterChanged)
    Q_PROPERTY(GroupBy groupBy READ groupBy WRITE setGroupBy NOTIFY filterChanged)
    Q_PROPERTY(int count READ count NOTIFY countsChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY countsChanged)
    Q_PROPERTY(QVariantMap counts READ counts NOTIFY countsChanged)
    Q_PROPERTY(QStringList regions READ regions NOTIFY countsChanged)
    Q_PROPERTY(QStringList industries READ industries NOTIFY countsChanged)
    /// ComboBox models: "All regions" / "All industries" first, then the names.
    Q_PROPERTY(QStringList regionOptions READ regionOptions NOTIFY countsChanged)
    Q_PROPERTY(QStringList industryOptions READ industryOptions NOTIFY countsChanged)
    /// Index into the options (0: all).
    Q_PROPERTY(int regionIndex READ regionIndex WRITE setRegionIndex NOTIFY filterChanged)
    Q_PROPERTY(int industryIndex READ industryIndex WRITE setIndustryIndex NOTIFY filterChanged)
    Q_PROPERTY(int overdueCount READ overdueCount NOTIFY countsChanged)
    Q_PROPERTY(int notStartedCount READ notStartedCount NOTIFY countsChanged)
    Q_PROPERTY(int draftCount READ draftCount NOTIFY countsChanged)
    Q_PROPERTY(int finalCount READ finalCount NOTIFY countsChanged)
    Q_PROPERTY(int syncedCount READ syncedCount NOTIFY countsChanged)
    Q_PROPERTY(int returnedCount READ returnedCount NOTIFY countsChanged)
    Q_PROPERTY(int acceptedCount READ acceptedCount NOTIFY countsChanged)

  public:
    enum Role {
        TaskIdRole = Qt::UserRole + 1,
        EnterpriseIdRole,
        EnterpriseNameRole,
        CreditCodeRole,
        RegionNameRole,
        IndustryRole,
        VisitKindRole,
        VisitKindLabelRole,
        DueRole,
        DueLabelRole,
        OverdueRole,
        TaskStateRole,
        StateLabelRole,
        ReturnReasonRole,
        PendingRole,
        InspectionIdRole,
        SectionRole,
        DetailRole,
    };
    Q_ENUM(Role)
    enum GroupBy { NoGrouping, ByRegion, ByIndustry, ByKind, ByState, ByDue };
    Q_ENUM(GroupBy)

    explicit TaskListModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role) const override;

    QDate today() const { return m_today; }
    void setToday(QDate today);
    QString searchText() const { return m_filter.search; }
    void setSearchText(const QString &text);
    QString regionFilter() const { return m_filter.region; }
    void setRegionFilter(const QString &region);
    QString industryFilter() const { return m_filter.industry; }
    void setIndustryFilter(const QString &industry);
    int kindFilter() const { return m_filter.kind; }
    void setKindFilter(int kind);
    int stateFilter() const { return m_filter.state; }
    void setStateFilter(int state);
    int dueFilter() const { return m_filter.due; }
    void setDueFilter(int due);
    QString assignee() const { return m_filter.assignee; }
    void setAssignee(const QString &username);
    GroupBy groupBy() const { return m_groupBy; }
    void setGroupBy(GroupBy groupBy);

    int totalCount() const { return m_totalCount; }
    QVariantMap counts() const { return m_counts; }
    QStringList regions() const { return m_regions; }
    QStringList industries() const { return m_industries; }
    QStringList regionOptions() const;
    QStringList industryOptions() const;
    int regionIndex() const { return static_cast<int>(m_regions.indexOf(m_filter.region)) + 1; }
    void setRegionIndex(int index);
    int industryIndex() const
    {
        return static_cast<int>(m_industries.indexOf(m_filter.industry)) + 1;
    }
    void setIndustryIndex(int index);
    int overdueCount() const { return countOf("overdue"); }
    int notStartedCount() const { return countOf("notStarted"); }
    int draftCount() const { return countOf("draft"); }
    int finalCount() const { return countOf("final"); }
    int syncedCount() const { return countOf("synced"); }
    int returnedCount() const { return countOf("returned"); }
    int acceptedCount() const { return countOf("accepted"); }

    /// Clears every filter except the assignee.
    Q_INVOKABLE void clearFilters();
    /// Re-reads the store (also done on its change signals).
    Q_INVOKABLE void reload() override;

  Q_SIGNALS:
    void todayChanged();
    void filterChanged();
    void countsChanged();

  protected:
    int size() const override { return static_cast<int>(m_visible.size()); }

  private:
    template <typename T> void setFilterField(T &field, const T &value);
    int countOf(const char *key) const { return m_counts.value(QLatin1String(key)).toInt(); }
    void applyFilter();
    void updateCounts();
    QString sectionOf(const TaskRow &row) const;
    int sectionOrder(const TaskRow &row) const;

    QDate m_today = QDate::currentDate();
    TaskFilter m_filter;
    GroupBy m_groupBy = NoGrouping;
    std::vector<TaskRow> m_all;
    std::vector<int> m_visible; // indexes into m_all, in display order
    int m_totalCount = 0;
    QVariantMap m_counts;
    QStringList m_regions;
    QStringList m_industries;
};

} // namespace fp
