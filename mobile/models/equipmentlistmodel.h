#pragma once

#include "device/taskqueries.h"
#include "models/enterpriselistmodel.h"

#include <optional>
#include <vector>

namespace fp {

/// An enterprise's planned equipment, each item with the finding of the latest visit.
class EquipmentListModel : public fp::EnterpriseListModel
{
    Q_OBJECT
    QML_ELEMENT

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

    QVariant data(const QModelIndex &index, int role) const override;

  protected:
    int size() const override { return static_cast<int>(m_rows.size()); }
    void clearRows() override { m_rows.clear(); }
    void loadRows(DeviceStore &store, const std::string &enterpriseId) override;

  private:
    struct Row
    {
        Equipment equipment;
        std::optional<LatestFinding> latest;
    };
    std::vector<Row> m_rows;
};

} // namespace fp
