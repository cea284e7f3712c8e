#include "models/enterpriselistmodel.h"

#include "app/appstore.h"
#include "text/languagenotifier.h"
#include "text/qtstrings.h"

namespace fp {

EnterpriseListModel::EnterpriseListModel(QObject *parent) : QAbstractListModel(parent)
{
    connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, this,
            &EnterpriseListModel::reload);
}

int EnterpriseListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : size();
}

AppStore *EnterpriseListModel::store() const
{
    return m_store;
}

void EnterpriseListModel::setStore(AppStore *store)
{
    if (m_store == store)
        return;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        connect(m_store, &AppStore::refreshed, this, &EnterpriseListModel::reload);
        connect(m_store, &AppStore::inspectionChanged, this, &EnterpriseListModel::reload);
    }
    reload();
    Q_EMIT storeChanged();
}

void EnterpriseListModel::setEnterpriseId(const QString &id)
{
    if (m_enterpriseId == id)
        return;
    m_enterpriseId = id;
    reload();
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
