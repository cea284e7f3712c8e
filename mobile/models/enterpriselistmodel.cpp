#include "models/enterpriselistmodel.h"

#include "app/appstore.h"
#include "text/qtstrings.h"

namespace fp {

EnterpriseListModel::EnterpriseListModel(QObject *parent)
    : StoreListModel(parent, OnRefresh | OnVisitChange)
{
    onLanguageChanged(&StoreListModel::reload);
}

void EnterpriseListModel::setEnterpriseId(const QString &id)
{
    if (rebind(m_enterpriseId, id))
        Q_EMIT enterpriseIdChanged();
}

void EnterpriseListModel::reload()
{
    beginResetModel();
    clearRows();
    try {
        if (m_store && !m_enterpriseId.isEmpty())
            m_store->with([&](DeviceStore &s) { loadRows(s, ss(m_enterpriseId)); });
    } catch (...) {
        // A view must never be left inside a reset: show nothing, and let the caller report.
        clearRows();
        endResetModel();
        Q_EMIT countChanged();
        throw;
    }
    endResetModel();
    Q_EMIT countChanged();
}

} // namespace fp
