#include "models/checklistmodel.h"

#include "app/appstore.h"
#include "models/rolenames.h"
#include "platform/positioning.h"
#include "platform/storeerror.h"
#include "text/labels.h"
#include "text/qtstrings.h"
#include "text/vocabulary.h"

namespace fp {

CheckListModel::CheckListModel(QObject *parent)
    : QAbstractListModel(parent), StoreBinding(OnRefresh | OnVisitChange)
{
    onLanguageChanged([this] {
        reload();
        if (count() > 0)
            Q_EMIT dataChanged(index(0), index(count() - 1));
    });
}

void CheckListModel::setInspectionId(const QString &id)
{
    if (rebind(m_inspectionId, id))
        Q_EMIT inspectionIdChanged();
}

void CheckListModel::reload()
{
    std::vector<CheckRow> rows;
    bool readOnly = true;
    if (m_store && !m_inspectionId.isEmpty()) {
        try {
            rows = m_store->with([&](DeviceStore &s) {
                const InspectionBundle b = s.bundle(ss(m_inspectionId));
                readOnly = b.inspection.state == InspectionState::Final;
                const auto planned = s.equipmentOf(b.inspection.enterprise_id);
                return buildCheckRows(b, planned, finaliseProblems(b, planned));
            });
        } catch (const std::exception &e) {
            Q_EMIT failed(storeErrorText(e));
        }
    }
    const bool sameKeys =
        rows.size() == m_rows.size() &&
        std::equal(rows.begin(), rows.end(), m_rows.begin(),
                   [](const auto &a, const auto &b) { return a.key() == b.key(); });
    if (sameKeys) {
        // Edits change lines in place, so a delegate that is being typed into stays alive.
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (rows[i] == m_rows[i])
                continue;
            m_rows[i] = std::move(rows[i]);
            const QModelIndex at = index(static_cast<int>(i));
            Q_EMIT dataChanged(at, at);
        }
    } else {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
        Q_EMIT countChanged();
    }
    if (readOnly != m_readOnly) {
        m_readOnly = readOnly;
        Q_EMIT readOnlyChanged();
    }
}

bool CheckListModel::write(const std::function<void(DeviceStore &)> &change)
{
    if (!m_store || m_inspectionId.isEmpty())
        return false;
    return writeVisit(m_inspectionId, change);
}

bool CheckListModel::editCheck(int row, const std::function<bool(EquipmentCheck &)> &edit)
{
    if (row < 0 || row >= count())
        return false;
    const CheckRow &line = m_rows[static_cast<std::size_t>(row)];
    EquipmentCheck check;
    if (line.check) {
        check = *line.check;
    } else {
        check.inspection_id = ss(m_inspectionId);
        check.equipment_id = line.equipment->id;
    }
    if (!edit(check))
        return false;
    if (m_positioning && m_positioning->current())
        check.position = m_positioning->current();
    check.checked_at.clear(); // the store stamps the time of this edit
    return write([&](DeviceStore &s) { s.saveCheck(check); });
}

bool CheckListModel::setFinding(int row, int finding)
{
    const auto value = enumFromInt<Finding>(finding);
    if (!value)
        return false;
    return editCheck(row, [&](EquipmentCheck &c) {
        c.finding = *value;
        return true;
    });
}

bool CheckListModel::setSealMeasure(int row, int measure, bool done)
{
    return editCheck(row, [&](EquipmentCheck &c) {
        switch (measure) {
        case Vocabulary::WaterCutMeasure:
            c.water_cut = done;
            return true;
        case Vocabulary::PowerCutMeasure:
            c.power_cut = done;
            return true;
        case Vocabulary::PowerUnitsRemovedMeasure:
            c.power_units_removed = done;
            return true;
        case Vocabulary::MainSealedMeasure:
            c.main_equipment_sealed = done;
            return true;
        default:
            return false;
        }
    });
}

bool CheckListModel::addSealNumber(int row, const QString &number)
{
    const std::string n = ss(number.trimmed());
    return editCheck(row, [&](EquipmentCheck &c) {
        if (n.empty() ||
            std::find(c.seal_numbers.begin(), c.seal_numbers.end(), n) != c.seal_numbers.end())
            return false;
        c.seal_numbers.push_back(n);
        return true;
    });
}

bool CheckListModel::removeSealNumber(int row, const QString &number)
{
    const std::string n = ss(number);
    return editCheck(row, [&](EquipmentCheck &c) { return std::erase(c.seal_numbers, n) > 0; });
}

bool CheckListModel::setNotes(int row, const QString &notes)
{
    const std::string n = ss(notes);
    return editCheck(row, [&](EquipmentCheck &c) {
        if (c.notes == n && !c.id.empty())
            return false;
        c.notes = n;
        return true;
    });
}

bool CheckListModel::addUnlisted(const QString &kind, const QString &spec, double capacity,
                                 const QString &unit, int finding)
{
    const auto value = enumFromInt<Finding>(finding);
    if (kind.trimmed().isEmpty() || !value) {
        Q_EMIT failed(tr("Enter at least the kind of equipment found."));
        return false;
    }
    EquipmentCheck c;
    c.inspection_id = ss(m_inspectionId);
    c.unlisted = UnlistedItem{ss(kind.trimmed()), ss(spec.trimmed()),
                              Capacity{capacity, ss(unit.trimmed())}};
    c.finding = *value;
    if (m_positioning)
        c.position = m_positioning->current();
    return write([&](DeviceStore &s) { s.saveCheck(c); });
}

bool CheckListModel::removeUnlisted(int row)
{
    if (row < 0 || row >= count())
        return false;
    const CheckRow &line = m_rows[static_cast<std::size_t>(row)];
    if (line.equipment || !line.check)
        return false;
    const std::string id = line.check->id;
    return write([&](DeviceStore &s) { s.removeCheck(id); });
}

int CheckListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant CheckListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CheckRow &row = m_rows[static_cast<std::size_t>(index.row())];
    const EquipmentCheck *c = row.check ? &*row.check : nullptr;
    switch (role) {
    case KeyRole:
        return row.key();
    case CheckIdRole:
        return c ? qs(c->id) : QString();
    case EquipmentIdRole:
        return row.equipment ? qs(row.equipment->id) : QString();
    case TitleRole:
        return row.numberedTitle(static_cast<std::size_t>(index.row()));
    case DetailRole:
        return row.detail();
    case UnlistedRole:
        return !row.equipment && c && c->unlisted.has_value();
    case HasFindingRole:
        return c != nullptr;
    case FindingRole:
        return c ? static_cast<int>(c->finding) : -1;
    case FindingLabelRole:
        return c ? labels::finding(c->finding) : tr("Not checked yet");
    case WaterCutRole:
        return c && c->water_cut;
    case PowerCutRole:
        return c && c->power_cut;
    case PowerUnitsRemovedRole:
        return c && c->power_units_removed;
    case MainEquipmentSealedRole:
        return c && c->main_equipment_sealed;
    case SealNumbersRole:
        return c ? qsList(c->seal_numbers) : QStringList();
    case NotesRole:
        return c ? qs(c->notes) : QString();
    case MissingRole:
        return row.missing;
    case PhotoCountRole:
        return row.photoCount;
    case RequiredTagsRole: {
        QVariantList tags;
        if (c && c->finding == Finding::Sealed)
            tags << int(Vocabulary::Seal) << int(Vocabulary::PowerCut);
        else if (c && c->finding == Finding::Dismantled)
            tags << int(Vocabulary::DismantledSite);
        return tags;
    }
    default:
        return {};
    }
}

QHash<int, QByteArray> CheckListModel::roleNames() const
{
    return roleNamesOf<Role>();
}

} // namespace fp
