#pragma once

#include "app/storebinding.h"
#include "core/types.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <functional>

namespace fp {

class DeviceStore;
class Positioning;

/// One site visit as a whole: who was there, notes, position, what evidence is still missing,
/// and the two state changes — finalise (then read-only) and correct (an amending draft).
class VisitController : public QObject, public StoreBinding<VisitController>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    Q_MOC_INCLUDE("platform/positioning.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(fp::Positioning *positioning MEMBER m_positioning NOTIFY positioningChanged)
    Q_PROPERTY(
        QString inspectionId READ inspectionId WRITE setInspectionId NOTIFY inspectionIdChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QString enterpriseId READ enterpriseId NOTIFY changed)
    Q_PROPERTY(QString enterpriseName READ enterpriseName NOTIFY changed)
    Q_PROPERTY(QString taskId READ taskId NOTIFY changed)
    Q_PROPERTY(int kind READ kind NOTIFY changed)
    Q_PROPERTY(QString kindLabel READ kindLabel NOTIFY changed)
    Q_PROPERTY(bool isAcceptance READ isAcceptance NOTIFY changed)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY changed)
    Q_PROPERTY(QString stateLabel READ stateLabel NOTIFY changed)
    Q_PROPERTY(QString startedAt READ startedAt NOTIFY changed)
    Q_PROPERTY(QString amendsId READ amendsId NOTIFY changed)
    Q_PROPERTY(QString correctionId READ correctionId NOTIFY changed)
    Q_PROPERTY(QString returnReason READ returnReason NOTIFY changed)
    Q_PROPERTY(QString representative READ representative WRITE setRepresentative NOTIFY changed)
    Q_PROPERTY(QString inspectors READ inspectors WRITE setInspectors NOTIFY changed)
    Q_PROPERTY(QString notes READ notes WRITE setNotes NOTIFY changed)
    Q_PROPERTY(QString positionSummary READ positionSummary NOTIFY changed)
    Q_PROPERTY(QStringList missing READ missing NOTIFY changed)
    Q_PROPERTY(bool canFinalise READ canFinalise NOTIFY changed)

  public:
    explicit VisitController(QObject *parent = nullptr);

    QString inspectionId() const { return m_inspectionId; }
    void setInspectionId(const QString &id);

    bool loaded() const { return !m_bundle.inspection.id.empty(); }
    QString enterpriseId() const;
    QString enterpriseName() const { return m_enterpriseName; }
    QString taskId() const;
    int kind() const { return static_cast<int>(m_bundle.inspection.kind); }
    QString kindLabel() const;
    bool isAcceptance() const { return m_bundle.inspection.kind == VisitKind::Acceptance; }
    bool readOnly() const;
    QString stateLabel() const;
    QString startedAt() const;
    QString amendsId() const;
    QString correctionId() const { return m_correctionId; }
    QString returnReason() const { return m_returnReason; }
    QString representative() const;
    void setRepresentative(const QString &name);
    QString inspectors() const;
    void setInspectors(const QString &names);
    QString notes() const;
    void setNotes(const QString &notes);
    QString positionSummary() const;
    QStringList missing() const { return m_missing; }
    bool canFinalise() const { return loaded() && !readOnly() && m_missing.isEmpty(); }

    /// Stores the current fix as the visit's position.
    Q_INVOKABLE bool recordPosition();
    /// Checks the evidence rules and, when nothing is missing, makes the visit final.
    Q_INVOKABLE bool finalise();
    /// Starts (or reopens) the draft that corrects this final visit; returns its id.
    Q_INVOKABLE QString amend();
    Q_INVOKABLE void reload();

  Q_SIGNALS:
    void storeChanged();
    void positioningChanged();
    void inspectionIdChanged();
    void changed();
    void finalised();
    void failed(const QString &message);

  private:
    friend class StoreBinding<VisitController>;
    /// The visit, its correction, or a correction not yet known (one may have just started).
    bool reloadsFor(const QString &inspectionId) const
    {
        return inspectionId == m_inspectionId || inspectionId == m_correctionId ||
               m_correctionId.isEmpty();
    }
    bool update(const std::function<void(Inspection &)> &edit);

    QPointer<Positioning> m_positioning;
    QString m_inspectionId;
    InspectionBundle m_bundle;
    QString m_enterpriseName;
    QString m_correctionId;
    QString m_returnReason;
    QStringList m_missing;
};

} // namespace fp
