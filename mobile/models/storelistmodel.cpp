#include "models/storelistmodel.h"

#include "models/rolenames.h"

namespace fp {

StoreListModel::StoreListModel(QObject *parent, unsigned reloads)
    : QAbstractListModel(parent), StoreBinding(reloads)
{
}

int StoreListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : size();
}

QHash<int, QByteArray> StoreListModel::roleNames() const
{
    return roleNamesOf(*metaObject());
}

bool StoreListModel::reloadsFor(const QString &) const
{
    return true;
}

} // namespace fp
