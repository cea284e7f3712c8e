#include "models/visitlistmodel.h"

#include "device/devicestore.h"
#include "device/taskqueries.h"
#include "text/labels.h"
#include "text/qtstrings.h"

#include <QDateTime>

#include <algorithm>

namespace fp {

VisitListModel::VisitListModel(QObject *parent) : EnterpriseListModel(parent) {}

void VisitListModel::loadRows(DeviceStore &store, const std::string &enterpriseId)
{
    const auto pending = store.pendingInspectionIds();
    for (Inspection &i : store.inspectionsOf(enterpriseId)) {
        Row row{std::move(i), false, std::nullopt};
        row.pending = std::find(pending.begin(), pending.end(), row.inspection.id) != pending.end();
        row.review = store.review(row.inspection.id);
        m_rows.push_back(std::move(row));
    }
    std::sort(m_rows.begin(), m_rows.end(),
              [](const Row &a, const Row &b) { return a.inspection.id > b.inspection.id; });
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

} // namespace fp
