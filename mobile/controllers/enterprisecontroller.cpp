#include "controllers/enterprisecontroller.h"

#include "app/appstore.h"
#include "platform/positioning.h"
#include "platform/storeerror.h"
#include "text/labels.h"
#include "text/qtstrings.h"
#include "text/vocabulary.h"

#include <algorithm>

namespace fp {

EnterpriseController::EnterpriseController(QObject *parent)
    : QObject(parent), StoreBinding(OnRefresh | OnVisitChange)
{
    onLanguageChanged(&EnterpriseController::changed);
}

void EnterpriseController::setEnterpriseId(const QString &id)
{
    if (rebind(m_enterpriseId, id))
        Q_EMIT enterpriseIdChanged();
}

void EnterpriseController::setTaskId(const QString &id)
{
    if (rebind(m_taskId, id))
        Q_EMIT taskIdChanged();
}

void EnterpriseController::reload()
{
    m_enterprise.reset();
    m_task.reset();
    m_regionName.clear();
    m_openDraftId.clear();
    m_returnedVisitId.clear();
    m_returnReason.clear();
    if (m_store && !m_enterpriseId.isEmpty()) {
        m_store->with([&](DeviceStore &s) {
            m_enterprise = s.enterprise(ss(m_enterpriseId));
            if (m_enterprise) {
                for (const Region &r : s.regions()) {
                    if (r.id == m_enterprise->region_id)
                        m_regionName = qs(r.name);
                }
            }
            const std::vector<Inspection> visits = s.inspectionsOf(ss(m_enterpriseId));
            // Opened without a task (from 全部企业): the enterprise's own task on this tablet,
            // the one with a draft first, else the one due first (tasks() is in due order).
            for (const Task &t : s.tasks()) {
                if (!m_taskId.isEmpty() ? qs(t.id) != m_taskId
                                        : qs(t.enterprise_id) != m_enterpriseId)
                    continue;
                const bool hasDraft = std::any_of(visits.begin(), visits.end(), [&](const auto &i) {
                    return i.task_id == t.id && i.state == InspectionState::Draft;
                });
                if (!m_task || hasDraft)
                    m_task = t;
                if (hasDraft || !m_taskId.isEmpty())
                    break;
            }
            const auto mine = [&](const Inspection &i) {
                if (!m_taskId.isEmpty())
                    return qs(i.task_id.value_or("")) == m_taskId;
                return !i.task_id || (m_task && i.task_id == m_task->id);
            };
            // Visit ids are UUIDv7: the last in id order is the newest.
            for (const Inspection &i : visits) {
                if (mine(i) && i.state == InspectionState::Draft && qs(i.id) > m_openDraftId)
                    m_openDraftId = qs(i.id);
            }
            for (const Inspection &i : visits) {
                if (!mine(i) || i.state != InspectionState::Final)
                    continue;
                const auto r = s.review(i.id);
                if (!r || r->state != ReviewState::Returned)
                    continue;
                const auto correction =
                    std::find_if(visits.begin(), visits.end(),
                                 [&](const auto &c) { return c.amends_id == i.id; });
                if (correction == visits.end()) {
                    if (qs(i.id) > m_returnedVisitId) {
                        m_returnedVisitId = qs(i.id);
                        m_returnReason = qs(r->reason);
                    }
                } else if (qs(correction->id) == m_openDraftId) {
                    m_returnReason = qs(r->reason); // the open draft corrects it
                }
            }
        });
    }
    Q_EMIT changed();
}

QString EnterpriseController::enterpriseText(std::string Enterprise::*field) const
{
    return m_enterprise ? qs((*m_enterprise).*field) : QString();
}
QString EnterpriseController::taskKindLabel() const
{
    return m_task ? labels::visitKind(m_task->kind) : QString();
}
QString EnterpriseController::taskDue() const
{
    return m_task ? qs(m_task->due) : QString();
}

QString EnterpriseController::start(std::optional<std::string> taskId, VisitKind kind)
{
    if (!m_store || !m_enterprise)
        return {};
    NewInspection n;
    n.task_id = std::move(taskId);
    n.enterprise_id = m_enterprise->id;
    n.kind = kind;
    if (!m_inspector.isEmpty())
        n.inspectors = {ss(m_inspector)};
    if (m_positioning)
        n.position = m_positioning->current();
    QString id;
    try {
        id = qs(m_store->with([&](DeviceStore &s) { return s.startInspection(n).id; }));
    } catch (const std::exception &e) {
        Q_EMIT failed(storeErrorText(e));
        return {};
    }
    m_store->notifyInspectionChanged(id);
    return id;
}

QString EnterpriseController::startVisit()
{
    if (!m_task) {
        Q_EMIT failed(tr("This enterprise has no task on this tablet; start an ad-hoc visit."));
        return {};
    }
    return start(m_task->id, m_task->kind);
}

QString EnterpriseController::correctReturned()
{
    if (!m_store || m_returnedVisitId.isEmpty())
        return {};
    QString id;
    try {
        id = qs(m_store->with([&](DeviceStore &s) { return s.amend(ss(m_returnedVisitId)).id; }));
    } catch (const std::exception &e) {
        Q_EMIT failed(storeErrorText(e));
        return {};
    }
    m_store->notifyInspectionChanged(id);
    return id;
}

QString EnterpriseController::startAdHocVisit(int kind)
{
    const auto k = enumFromInt<VisitKind>(kind);
    return k ? start(std::nullopt, *k) : QString();
}

} // namespace fp
