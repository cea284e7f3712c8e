#include "visitlistmodel.h"

#include "appstore.h"
#include "labels.h"
#include "languagenotifier.h"
#include "qtstrings.h"
#include "store/taskqueries.h"

#include <QDateTime>

#include <algorithm>

namespace fp {

VisitListModel::VisitListModel(QObject *parent) : QAbstractListModel(parent)
{
    connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, this,
            &VisitListModel::reload);
}

void VisitListModel::setStore(AppStore *store)
{
    if (m_store == store)
        return;
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        connect(m_store, &AppStore::refreshed, this, &VisitListModel::reload);
        connect(m_store, &AppStore::inspectionChanged, this, &VisitListModel::reload);
    }
    reload();
    Q_EMIT storeChanged();
}

void VisitListModel::setEnterpriseId(const QString &id)
{
    if (m_enterpriseId == id)
        return;
    m_enterpriseId = id;
    reload();
    Q_EMIT enterpriseIdChanged();
}

void VisitListModel::reload()
{
    std::vector<Row> rows;
    if (m_store && !m_enterpriseId.isEmpty()) {
        m_store->with([&](DeviceStore &s) {
            const auto pending = pendingInspectionIds(s.database());
            for (Inspection &i : s.inspectionsOf(ss(m_enterpriseId))) {
                Row row{std::move(i), false, std::nullopt};
                row.pending = std::find(pending.begin(), pending.end(), row.inspection.id) !=
                              pending.end();
                row.review = s.review(row.inspection.id);
                rows.push_back(std::move(row));
            }
        });
    }
    std::sort(rows.begin(), rows.end(),
              [](const Row &a, const Row &b) { return a.inspection.id > b.inspection.id; });
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    Q_EMIT countChanged();
}

QString VisitListModel::stateLabel(const Row &row) const
{
    if (row.inspection.state == InspectionState::Draft)
        return tr("Draft");
    if (row.review && row.review->state == ReviewState::Returned)
        return tr("Returned: %1").arg(qs(row.review->reason));
    if (row.review && row.review->state == ReviewState::Accepted)
        return tr("Accepted by the office");
    return row.pending ? tr("Final, waiting to sync") : tr("Final, synced");
}

int VisitListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant VisitListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case InspectionIdRole:
        return qs(row.inspection.id);
    case KindLabelRole:
        return labels::visitKind(row.inspection.kind);
    case StartedAtRole: {
        const auto t = QDateTime::fromString(qs(row.inspection.started_at), Qt::ISODateWithMs);
        return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    }
    case IsFinalRole:
        return row.inspection.state == InspectionState::Final;
    case StateLabelRole:
        return stateLabel(row);
    case IsCorrectionRole:
        return row.inspection.amends_id.has_value();
    default:
        return {};
    }
}

QHash<int, QByteArray> VisitListModel::roleNames() const
{
    return {
        {InspectionIdRole, "inspectionId"}, {KindLabelRole, "kindLabel"},
        {StartedAtRole, "startedAt"},       {IsFinalRole, "isFinal"},
        {StateLabelRole, "stateLabel"},     {IsCorrectionRole, "isCorrection"},
    };
}

} // namespace fp
