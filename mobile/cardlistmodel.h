#pragma once

#include "core/types.h"

#include <QAbstractListModel>
#include <QDate>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <vector>

namespace fp {

class AppStore;

/// An enterprise's yellow and red cards and emission-list entries, with their deadlines.
class CardListModel : public QAbstractListModel
{
    Q_OBJECT
    Q_MOC_INCLUDE("appstore.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    Q_PROPERTY(QDate today MEMBER m_today NOTIFY countChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role {
        CardIdRole = Qt::UserRole + 1,
        LevelRole,
        LevelLabelRole,
        StandardLabelRole,
        DepartmentRole,
        IssuedOnRole,
        DeadlineRole,
        ExtendedRole,
        StateLabelRole,
        OpenRole,
        OverdueRole,
    };
    Q_ENUM(Role)

    explicit CardListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    AppStore *store() const { return m_store; }
    void setStore(AppStore *store);
    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString &id);
    int count() const { return static_cast<int>(m_cards.size()); }
    Q_INVOKABLE void reload();

Q_SIGNALS:
    void storeChanged();
    void enterpriseIdChanged();
    void countChanged();

private:
    QPointer<AppStore> m_store;
    QString m_enterpriseId;
    QDate m_today = QDate::currentDate();
    std::vector<Card> m_cards;
};

} // namespace fp
