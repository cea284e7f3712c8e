#pragma once

#include "models/storelistmodel.h"
#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace fp {

/// Every enterprise the tablet holds, task or not, searchable by name or credit code: the way
/// to an ad-hoc visit after a tip-off about a plant nobody was assigned.
class EnterpriseDirectoryModel : public fp::StoreListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalCount READ totalCount NOTIFY countChanged)

  public:
    enum Role {
        EnterpriseIdRole = Qt::UserRole + 1,
        NameRole,
        CreditCodeRole,
        RegionNameRole,
        IndustryRole,
        TaskCountRole,
    };
    Q_ENUM(Role)

    explicit EnterpriseDirectoryModel(QObject *parent = nullptr);

    QVariant data(const QModelIndex &index, int role) const override;

    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    int totalCount() const { return static_cast<int>(m_all.size()); }
    Q_INVOKABLE void reload() override;

  Q_SIGNALS:
    void searchTextChanged();
    void countChanged();

  protected:
    int size() const override { return static_cast<int>(m_shown.size()); }

  private:
    struct Entry
    {
        QString id;
        QString name;
        QString creditCode;
        QString regionName;
        QString industry;
        int taskCount = 0;
    };
    void applySearch();

    QString m_searchText;
    std::vector<Entry> m_all;           // region, then name in Chinese collation order
    std::vector<const Entry *> m_shown; // the entries matching the search
};

} // namespace fp
