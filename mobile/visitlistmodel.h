#pragma once

#include "core/types.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace fp {

class AppStore;

/// The visits made to one enterprise on this tablet, newest first, with their sync and
/// review state, so a final visit can be opened (read-only) or corrected.
class VisitListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_MOC_INCLUDE("appstore.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        InspectionIdRole = Qt::UserRole + 1,
        KindLabelRole,
        StartedAtRole,
        IsFinalRole,
        StateLabelRole,
        IsCorrectionRole,
    };
    Q_ENUM(Role)

    explicit VisitListModel(QObject *parent = nullptr);

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
        Inspection inspection;
        bool pending = false;
        std::optional<Review> review;
    };
    QString stateLabel(const Row &row) const;

    QPointer<AppStore> m_store;
    QString m_enterpriseId;
    std::vector<Row> m_rows;
};

} // namespace fp
