#pragma once

#include "app/storebinding.h"
#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <string>

namespace fp {

class DeviceStore;

/// Base of the lists on the enterprise screen (equipment, cards, visits): binds the store and
/// the enterprise, and reloads the rows whenever either, the data or the language changes.
class EnterpriseListModel : public QAbstractListModel, public StoreBinding<EnterpriseListModel>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    QML_ANONYMOUS
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(
        QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    int rowCount(const QModelIndex &parent = {}) const override;

    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString &id);
    int count() const { return rowCount(); }
    Q_INVOKABLE void reload();

  Q_SIGNALS:
    void storeChanged();
    void enterpriseIdChanged();
    void countChanged();

  protected:
    explicit EnterpriseListModel(QObject *parent);

    /// The number of rows held.
    virtual int size() const = 0;
    /// Drops every row; called inside the model reset.
    virtual void clearRows() = 0;
    /// Reads the rows of `enterpriseId`; called inside the model reset, under the store lock.
    virtual void loadRows(DeviceStore &store, const std::string &enterpriseId) = 0;

  private:
    QString m_enterpriseId;
};

} // namespace fp
