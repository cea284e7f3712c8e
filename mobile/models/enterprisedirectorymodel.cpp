#include "models/enterprisedirectorymodel.h"

#include "app/appstore.h"
#include "text/qtstrings.h"

#include <QCollator>
#include <QLocale>

#include <algorithm>
#include <map>

namespace fp {

EnterpriseDirectoryModel::EnterpriseDirectoryModel(QObject *parent)
    : StoreListModel(parent, OnRefresh)
{
}

void EnterpriseDirectoryModel::setSearchText(const QString &text)
{
    if (m_searchText == text)
        return;
    m_searchText = text;
    beginResetModel();
    applySearch();
    endResetModel();
    Q_EMIT searchTextChanged();
    Q_EMIT countChanged();
}

void EnterpriseDirectoryModel::reload()
{
    std::vector<Entry> all;
    if (m_store) {
        m_store->with([&](DeviceStore &s) {
            std::map<std::string, QString> regionNames;
            for (const Region &r : s.regions())
                regionNames[r.id] = qs(r.name);
            std::map<std::string, int> taskCounts;
            for (const Task &t : s.tasks())
                ++taskCounts[t.enterprise_id];
            for (const Enterprise &e : s.enterprises()) {
                const auto tasks = taskCounts.find(e.id);
                all.push_back({qs(e.id), qs(e.name), qs(e.credit_code), regionNames[e.region_id],
                               qs(e.industry), tasks == taskCounts.end() ? 0 : tasks->second});
            }
        });
    }
    QCollator collator{QLocale(QLocale::Chinese, QLocale::China)};
    std::sort(all.begin(), all.end(), [&](const Entry &a, const Entry &b) {
        if (const int byRegion = collator.compare(a.regionName, b.regionName); byRegion != 0)
            return byRegion < 0;
        return collator.compare(a.name, b.name) < 0;
    });
    beginResetModel();
    m_all = std::move(all);
    applySearch();
    endResetModel();
    Q_EMIT countChanged();
}

void EnterpriseDirectoryModel::applySearch()
{
    m_shown.clear();
    const QString needle = m_searchText.trimmed();
    for (const Entry &e : m_all) {
        if (needle.isEmpty() || e.name.contains(needle, Qt::CaseInsensitive) ||
            e.creditCode.contains(needle, Qt::CaseInsensitive))
            m_shown.push_back(&e);
    }
}

QVariant EnterpriseDirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = *m_shown[static_cast<std::size_t>(index.row())];
    switch (role) {
    case EnterpriseIdRole:
        return e.id;
    case NameRole:
        return e.name;
    case CreditCodeRole:
        return e.creditCode;
    case RegionNameRole:
        return e.regionName;
    case IndustryRole:
        return e.industry;
    case TaskCountRole:
        return e.taskCount;
    default:
        return {};
    }
}

} // namespace fp
