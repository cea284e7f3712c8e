#pragma once

#include "core/types.h"

#include "models/enterpriselistmodel.h"

#include <QAbstractListModel>

#include <optional>
#include <vector>

namespace fp {

/// The visits made to one enterprise on this tablet, newest first, with their sync and
/// review state, so a final visit can be opened (read-only) or corrected.
class VisitListModel : public fp::EnterpriseListModel
{
    Q_OBJECT
    QML_ELEMENT

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

    QVariant data(const QModelIndex &index, int role) const override;

  protected:
    int size() const override { return static_cast<int>(m_rows.size()); }
    void clearRows() override { m_rows.clear(); }
    void loadRows(DeviceStore &store, const std::string &enterpriseId) override;

  private:
    struct Row
    {
        Inspection inspection;
        bool pending = false;
        std::optional<Review> review;
    };
    QString stateLabel(const Row &row) const;

    std::vector<Row> m_rows;
};

} // namespace fp
