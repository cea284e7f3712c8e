#include "models/equipmentlistmodel.h"

#include "device/devicestore.h"
#include "models/checkrow.h"
#include "text/labels.h"
#include "text/qtstrings.h"

#include <QLocale>

namespace fp {

EquipmentListModel::EquipmentListModel(QObject *parent) : EnterpriseListModel(parent) {}

void EquipmentListModel::loadRows(DeviceStore &store, const std::string &enterpriseId)
{
    const auto latest = store.latestFindings(enterpriseId);
    for (Equipment &e : store.equipmentOf(enterpriseId)) {
        Row row{std::move(e), std::nullopt};
        for (const LatestFinding &f : latest) {
            if (f.equipment_id == row.equipment.id)
                row.latest = f;
        }
        m_rows.push_back(std::move(row));
    }
}

QVariant EquipmentListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    const Equipment &e = row.equipment;
    switch (role) {
    case EquipmentIdRole:
        return qs(e.id);
    case TitleRole:
        return equipmentTitle(e);
    case CapacityRole:
        return QStringLiteral("%1 %2").arg(QLocale().toString(e.capacity.value, 'g', 6),
                                           qs(e.capacity.unit));
    case LocationRole:
        return qs(e.location_in_plant);
    case PlanYearRole:
        return e.plan_year;
    case ActionLabelRole:
        return labels::requiredAction(e.action);
    case DeadlineRole:
        return qs(e.dismantle_deadline.value_or(""));
    case HasFindingRole:
        return row.latest.has_value();
    case FindingRole:
        return row.latest ? static_cast<int>(row.latest->finding) : -1;
    case FindingLabelRole:
        return row.latest ? labels::finding(row.latest->finding) : tr("Not checked yet");
    case FindingDateRole:
        return row.latest ? qs(row.latest->checked_at.substr(0, 10)) : QString();
    case FindingFinalRole:
        return row.latest && row.latest->inspection_state == InspectionState::Final;
    case DetailRole: {
        QString action = tr("Plan %1: %2").arg(e.plan_year).arg(labels::requiredAction(e.action));
        if (e.dismantle_deadline)
            action = tr("%1 by %2").arg(action, qs(*e.dismantle_deadline));
        QStringList parts{
            tr("Capacity %1 %2")
                .arg(QLocale().toString(e.capacity.value, 'g', 6), qs(e.capacity.unit)),
            qs(e.location_in_plant), action};
        parts.removeAll(QString());
        return parts.join(QStringLiteral("  ·  "));
    }
    default:
        return {};
    }
}

} // namespace fp
