#include "models/cardlistmodel.h"

#include "device/devicestore.h"
#include "text/labels.h"
#include "text/qtstrings.h"

namespace fp {

namespace {

/// The deadline that applies: the extension when one was granted, else rectify-by.
std::string deadlineOf(const Card &c)
{
    return c.extended_to.value_or(c.rectify_by.value_or(""));
}

} // namespace

CardListModel::CardListModel(QObject *parent) : EnterpriseListModel(parent)
{
    connect(this, &CardListModel::todayChanged, this, &CardListModel::reload);
}

void CardListModel::loadRows(DeviceStore &store, const std::string &enterpriseId)
{
    m_cards = store.cardsOf(enterpriseId);
}

QVariant CardListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Card &c = m_cards[static_cast<std::size_t>(index.row())];
    const QDate deadline = QDate::fromString(qs(deadlineOf(c)), Qt::ISODate);
    switch (role) {
    case CardIdRole:
        return qs(c.id);
    case LevelRole:
        return static_cast<int>(c.level);
    case LevelLabelRole:
        return labels::cardLevel(c.level);
    case StandardLabelRole:
        return labels::cardStandard(c.standard);
    case DepartmentRole:
        return qs(c.department);
    case IssuedOnRole:
        return qs(c.issued_on);
    case DeadlineRole:
        return qs(deadlineOf(c));
    case ExtendedRole:
        return c.extended_to.has_value();
    case StateLabelRole:
        return labels::cardState(c.state);
    case OpenRole:
        return c.state == CardState::Open;
    case OverdueRole:
        return c.state == CardState::Open && deadline.isValid() && deadline < m_today;
    default:
        return {};
    }
}

} // namespace fp
