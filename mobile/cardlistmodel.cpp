#include "cardlistmodel.h"

#include "appstore.h"
#include "labels.h"
#include "languagenotifier.h"
#include "qtstrings.h"

namespace fp {

namespace {

/// The deadline that applies: the extension when one was granted, else rectify-by.
std::string deadlineOf(const Card &c)
{
    return c.extended_to.value_or(c.rectify_by.value_or(""));
}

} // namespace

CardListModel::CardListModel(QObject *parent) : QAbstractListModel(parent)
{
    connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, this,
            &CardListModel::reload);
}

void CardListModel::setStore(AppStore *store)
{
    if (m_store == store)
        return;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store)
        connect(m_store, &AppStore::refreshed, this, &CardListModel::reload);
    reload();
    Q_EMIT storeChanged();
}

void CardListModel::setEnterpriseId(const QString &id)
{
    if (m_enterpriseId == id)
        return;
    m_enterpriseId = id;
    reload();
    Q_EMIT enterpriseIdChanged();
}

void CardListModel::reload()
{
    std::vector<Card> cards;
    if (m_store && !m_enterpriseId.isEmpty())
        cards = m_store->with([&](DeviceStore &s) { return s.cardsOf(ss(m_enterpriseId)); });
    beginResetModel();
    m_cards = std::move(cards);
    endResetModel();
    Q_EMIT countChanged();
}

int CardListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
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

QHash<int, QByteArray> CardListModel::roleNames() const
{
    return {
        {CardIdRole, "cardId"},         {LevelRole, "level"},
        {LevelLabelRole, "levelLabel"}, {StandardLabelRole, "standardLabel"},
        {DepartmentRole, "department"}, {IssuedOnRole, "issuedOn"},
        {DeadlineRole, "deadline"},     {ExtendedRole, "extended"},
        {StateLabelRole, "stateLabel"}, {OpenRole, "open"},
        {OverdueRole, "overdue"},
    };
}

} // namespace fp
