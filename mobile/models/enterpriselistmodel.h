#pragma once

#include "models/storelistmodel.h"

#include <QtQml/qqmlregistration.h>

#include <string>

namespace fp {

class DeviceStore;

/// Base of the lists on the enterprise screen (equipment, cards, visits): binds the store and
/// the enterprise, and reloads the rows whenever either, the data or the language changes.
class EnterpriseListModel : public fp::StoreListModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(
        QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString &id);
    Q_INVOKABLE void reload() override;

  Q_SIGNALS:
    void enterpriseIdChanged();
    void countChanged();

  protected:
    explicit EnterpriseListModel(QObject *parent);

    /// Drops every row; called inside the model reset.
    virtual void clearRows() = 0;
    /// Reads the rows of `enterpriseId`; called inside the model reset, under the store lock.
    virtual void loadRows(DeviceStore &store, const std::string &enterpriseId) = 0;

  private:
    QString m_enterpriseId;
};

} // namespace fp
