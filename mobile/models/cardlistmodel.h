#pragma once

#include "core/types.h"

#include "models/enterpriselistmodel.h"

#include <QAbstractListModel>
#include <QDate>

#include <vector>

namespace fp {

/// An enterprise's yellow and red cards and emission-list entries, with their deadlines.
class CardListModel : public fp::EnterpriseListModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QDate today MEMBER m_today NOTIFY todayChanged)

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

    QVariant data(const QModelIndex &index, int role) const override;

  Q_SIGNALS:
    void todayChanged();

  protected:
    int size() const override { return static_cast<int>(m_cards.size()); }
    void clearRows() override { m_cards.clear(); }
    void loadRows(DeviceStore &store, const std::string &enterpriseId) override;

  private:
    QDate m_today = QDate::currentDate();
    std::vector<Card> m_cards;
};

} // namespace fp
