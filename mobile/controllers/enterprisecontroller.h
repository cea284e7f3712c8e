#pragma once

#include "app/storebinding.h"
#include "core/types.h"

#include <QObject>
#include <QPointer>
#include <QtQml/qqmlregistration.h>

#include <optional>

namespace fp {

class Positioning;

/// One enterprise's details and the way into a visit: resume the open draft of the task, or
/// correct a visit the office returned, or start the task's visit, or start an ad-hoc visit
/// after a tip-off. Opened without a task (from 全部企业), it finds the enterprise's task on
/// this tablet itself, so the way in is the same from both lists.
class EnterpriseController : public QObject, public StoreBinding<EnterpriseController>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    Q_MOC_INCLUDE("platform/positioning.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(fp::Positioning *positioning MEMBER m_positioning NOTIFY positioningChanged)
    Q_PROPERTY(
        QString enterpriseId READ enterpriseId WRITE setEnterpriseId NOTIFY enterpriseIdChanged)
    Q_PROPERTY(QString taskId READ taskId WRITE setTaskId NOTIFY taskIdChanged)
    /// Who starts visits from here (the signed-in inspector).
    Q_PROPERTY(QString inspector MEMBER m_inspector NOTIFY inspectorChanged)
    Q_PROPERTY(bool loaded READ loaded NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString creditCode READ creditCode NOTIFY changed)
    Q_PROPERTY(QString regionName READ regionName NOTIFY changed)
    Q_PROPERTY(QString industry READ industry NOTIFY changed)
    Q_PROPERTY(QString address READ address NOTIFY changed)
    Q_PROPERTY(QString legalRepresentative READ legalRepresentative NOTIFY changed)
    Q_PROPERTY(QString contactPhone READ contactPhone NOTIFY changed)
    Q_PROPERTY(int taskKind READ taskKind NOTIFY changed)
    Q_PROPERTY(QString taskKindLabel READ taskKindLabel NOTIFY changed)
    Q_PROPERTY(QString taskDue READ taskDue NOTIFY changed)
    /// The draft to resume for this task (or, opened without a task, the enterprise's latest
    /// draft).
    Q_PROPERTY(QString openDraftId READ openDraftId NOTIFY changed)
    /// A final visit (of the task, or of the enterprise without one) that the office returned
    /// and that has no correction yet: "更正" is then the main action. Empty otherwise.
    Q_PROPERTY(QString returnedVisitId READ returnedVisitId NOTIFY changed)
    /// The office's reason for the returned visit (or for the one the open draft corrects).
    Q_PROPERTY(QString returnReason READ returnReason NOTIFY changed)

  public:
    explicit EnterpriseController(QObject *parent = nullptr);

    QString enterpriseId() const { return m_enterpriseId; }
    void setEnterpriseId(const QString &id);
    QString taskId() const { return m_taskId; }
    void setTaskId(const QString &id);

    bool loaded() const { return m_enterprise.has_value(); }
    QString name() const { return enterpriseText(&Enterprise::name); }
    QString creditCode() const { return enterpriseText(&Enterprise::credit_code); }
    QString regionName() const { return m_regionName; }
    QString industry() const { return enterpriseText(&Enterprise::industry); }
    QString address() const { return enterpriseText(&Enterprise::address); }
    QString legalRepresentative() const
    {
        return enterpriseText(&Enterprise::legal_representative);
    }
    QString contactPhone() const { return enterpriseText(&Enterprise::contact_phone); }
    int taskKind() const { return m_task ? static_cast<int>(m_task->kind) : -1; }
    QString taskKindLabel() const;
    QString taskDue() const;
    QString openDraftId() const { return m_openDraftId; }
    QString returnedVisitId() const { return m_returnedVisitId; }
    QString returnReason() const { return m_returnReason; }

    /// Starts the task's visit (of the task's kind); returns the new visit's id.
    Q_INVOKABLE QString startVisit();
    /// Starts a visit with no task, of `kind` (Vocabulary::VisitKind).
    Q_INVOKABLE QString startAdHocVisit(int kind);
    /// Starts the correction of the returned visit (a new draft that amends it); its id.
    Q_INVOKABLE QString correctReturned();
    Q_INVOKABLE void reload();

  Q_SIGNALS:
    void storeChanged();
    void positioningChanged();
    void enterpriseIdChanged();
    void taskIdChanged();
    void inspectorChanged();
    void changed();
    void failed(const QString &message);

  private:
    QString start(std::optional<std::string> taskId, VisitKind kind);
    /// The enterprise's `field`, or empty while none is loaded.
    QString enterpriseText(std::string Enterprise::*field) const;

    QPointer<Positioning> m_positioning;
    QString m_enterpriseId;
    QString m_taskId;
    QString m_inspector;
    std::optional<Enterprise> m_enterprise;
    std::optional<Task> m_task;
    QString m_regionName;
    QString m_openDraftId;
    QString m_returnedVisitId;
    QString m_returnReason;
};

} // namespace fp
