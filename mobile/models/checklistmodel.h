#pragma once

#include "app/storebinding.h"
#include "models/checkrow.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace fp {

class DeviceStore;
class Positioning;

/// The equipment lines of one visit: the enterprise's planned items and the items found on
/// site, each with its finding, seal checklist, seal numbers, notes and what is still missing.
/// Every edit is written to the store at once.
class CheckListModel : public QAbstractListModel, public StoreBinding<CheckListModel>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    Q_MOC_INCLUDE("platform/positioning.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(fp::Positioning *positioning MEMBER m_positioning NOTIFY positioningChanged)
    Q_PROPERTY(
        QString inspectionId READ inspectionId WRITE setInspectionId NOTIFY inspectionIdChanged)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY readOnlyChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

  public:
    enum Role {
        KeyRole = Qt::UserRole + 1,
        CheckIdRole,
        EquipmentIdRole,
        TitleRole,
        DetailRole,
        UnlistedRole,
        HasFindingRole,
        FindingRole,
        FindingLabelRole,
        WaterCutRole,
        PowerCutRole,
        PowerUnitsRemovedRole,
        MainEquipmentSealedRole,
        SealNumbersRole,
        NotesRole,
        MissingRole,
        PhotoCountRole,
        RequiredTagsRole,
    };
    Q_ENUM(Role)

    explicit CheckListModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    QString inspectionId() const { return m_inspectionId; }
    void setInspectionId(const QString &id);
    bool readOnly() const { return m_readOnly; }
    int count() const { return static_cast<int>(m_rows.size()); }

    /// Sets the finding of a line (creating its check on first use).
    Q_INVOKABLE bool setFinding(int row, int finding);
    /// Ticks or clears one of the four measures of a sealed item (Vocabulary::SealMeasure).
    Q_INVOKABLE bool setSealMeasure(int row, int measure, bool done);
    /// Adds a seal number; blank and duplicate numbers are refused.
    Q_INVOKABLE bool addSealNumber(int row, const QString &number);
    Q_INVOKABLE bool removeSealNumber(int row, const QString &number);
    Q_INVOKABLE bool setNotes(int row, const QString &notes);
    /// Records an item found on site that is not in the plan (漏报).
    Q_INVOKABLE bool addUnlisted(const QString &kind, const QString &spec, double capacity,
                                 const QString &unit, int finding);
    /// Removes an item found on site (planned lines cannot be removed), with its photos.
    Q_INVOKABLE bool removeUnlisted(int row);
    Q_INVOKABLE void reload();

  Q_SIGNALS:
    void storeChanged();
    void positioningChanged();
    void inspectionIdChanged();
    void readOnlyChanged();
    void countChanged();
    /// A change was refused; `message` says what to do.
    void failed(const QString &message);

  private:
    /// Applies `edit` to the line's check (a new one if it has none) and saves it.
    bool editCheck(int row, const std::function<bool(EquipmentCheck &)> &edit);
    bool write(const std::function<void(DeviceStore &)> &change);
    friend class StoreBinding<CheckListModel>;
    bool reloadsFor(const QString &inspectionId) const { return inspectionId == m_inspectionId; }

    QPointer<Positioning> m_positioning;
    QString m_inspectionId;
    bool m_readOnly = true;
    std::vector<CheckRow> m_rows;
};

} // namespace fp
