#pragma once

#include "store/taskqueries.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace fp {

class AppStore;

/// An enterprise's planned equipment, each item with the finding of the latest visit.
class EquipmentListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_MOC_INCLUDE("appstore.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        EquipmentIdRole = Qt::UserRole + 1,
        TitleRole,
        CapacityRole,
        LocationRole,
        PlanYearRole,
        ActionLabelRole,
        DeadlineRole,
        HasFindingRole,
        FindingRole,
        FindingLabelRole,
        FindingDateRole,
        FindingFinalRole,
        DetailRole,
    };
    Q_ENUM(Role)

    explicit EquipmentListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    AppStore *store() const { return m_store; }
    void setStore(AppStore *store);
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString &id);
    int count() const { return static_cast<int>(m_rows.size()); }
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void storeChanged();
    void enterpriseIdChanged();
    void countChanged();

private:
    struct Row
    {
        Equipment equipment;
        std::optional<LatestFinding> latest;
    };
    QPointer<AppStore> m_store;
    QString m_enterpriseId;
    std::vector<Row> m_rows;
};

} // namespace fp
