#pragma once

#include "app/storebinding.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace fp {

/// Base of the app's list models over the store: the `store` property and the reloads it
/// brings (StoreBinding), a flat list of size() rows, and the role names of the subclass's
/// Q_ENUM `Role` (roleNamesOf()).
class StoreListModel : public QAbstractListModel, public StoreBinding<StoreListModel>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    QML_ANONYMOUS
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)

  public:
    int rowCount(const QModelIndex &parent = {}) const final;
    QHash<int, QByteArray> roleNames() const final;
    /// The number of rows shown.
    int count() const { return size(); }
    /// Reads the rows again from the store.
    Q_INVOKABLE virtual void reload() = 0;

  Q_SIGNALS:
    void storeChanged();

  protected:
    /// `reloads`: StoreBinding's OnRefresh and OnVisitChange.
    StoreListModel(QObject *parent, unsigned reloads);

    /// The number of rows held.
    virtual int size() const = 0;
    /// Whether a saved change of the visit `inspectionId` concerns the rows: all do, unless
    /// the subclass says otherwise.
    virtual bool reloadsFor(const QString &inspectionId) const;

  private:
    friend class StoreBinding<StoreListModel>;
};

} // namespace fp
