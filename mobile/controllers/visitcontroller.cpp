#include "controllers/visitcontroller.h"

#include "app/appstore.h"
#include "models/checkrow.h"
#include "platform/positioning.h"
#include "platform/storeerror.h"
#include "text/labels.h"
#include "text/problemtext.h"
#include "text/qtstrings.h"

#include <QDateTime>
#include <QRegularExpression>

namespace fp {

namespace {

QString localTime(const std::string &utc)
{
    const QDateTime t = QDateTime::fromString(qs(utc), Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : qs(utc);
}

} // namespace

VisitController::VisitController(QObject *parent)
    : QObject(parent), StoreBinding(OnRefresh | OnVisitChange)
{
    onLanguageChanged(&VisitController::reload);
}

void VisitController::setInspectionId(const QString &id)
{
    if (rebind(m_inspectionId, id))
        Q_EMIT inspectionIdChanged();
}

void VisitController::reload()
{
    m_bundle = {};
    m_enterpriseName.clear();
    m_correctionId.clear();
    m_returnReason.clear();
    m_missing.clear();
    if (m_store && !m_inspectionId.isEmpty()) {
        try {
            m_store->with([&](DeviceStore &s) {
                m_bundle = s.bundle(ss(m_inspectionId));
                const std::string &eid = m_bundle.inspection.enterprise_id;
                if (const auto e = s.enterprise(eid))
                    m_enterpriseName = qs(e->name);
                for (const Inspection &other : s.inspectionsOf(eid)) {
                    if (other.amends_id == m_bundle.inspection.id)
                        m_correctionId = qs(other.id);
                }
                // The office's reason stays in sight while the correction is edited: a
                // correction draft shows why the visit it amends was returned.
                const bool correcting = m_bundle.inspection.state == InspectionState::Draft &&
                                        m_bundle.inspection.amends_id.has_value();
                const std::string reviewed =
                    correcting ? *m_bundle.inspection.amends_id : m_bundle.inspection.id;
                if (const auto r = s.review(reviewed); r && r->state == ReviewState::Returned)
                    m_returnReason = qs(r->reason);
                if (m_bundle.inspection.state == InspectionState::Draft) {
                    const auto planned = s.equipmentOf(eid);
                    const auto rows = buildCheckRows(m_bundle, planned, {});
                    for (const Problem &p : finaliseProblems(m_bundle, planned))
                        m_missing << problemSentence(p, problemSubject(p, rows));
                }
            });
        } catch (const std::exception &e) {
            m_bundle = {};
            Q_EMIT failed(storeErrorText(e));
        }
    }
    Q_EMIT changed();
}

QString VisitController::enterpriseId() const
{
    return qs(m_bundle.inspection.enterprise_id);
}
QString VisitController::taskId() const
{
    return qs(m_bundle.inspection.task_id.value_or(""));
}
QString VisitController::kindLabel() const
{
    return labels::visitKind(m_bundle.inspection.kind);
}
bool VisitController::readOnly() const
{
    return !loaded() || m_bundle.inspection.state == InspectionState::Final;
}

QString VisitController::stateLabel() const
{
    if (!loaded())
        return {};
    if (m_bundle.inspection.state == InspectionState::Draft)
        return m_bundle.inspection.amends_id ? tr("Correction draft") : tr("Draft");
    return tr("Final since %1").arg(localTime(m_bundle.inspection.finished_at.value_or("")));
}

QString VisitController::startedAt() const
{
    return localTime(m_bundle.inspection.started_at);
}
QString VisitController::amendsId() const
{
    return qs(m_bundle.inspection.amends_id.value_or(""));
}
QString VisitController::representative() const
{
    return qs(m_bundle.inspection.representative);
}
QString VisitController::inspectors() const
{
    return qsList(m_bundle.inspection.inspectors).join(QStringLiteral(", "));
}
QString VisitController::notes() const
{
    return qs(m_bundle.inspection.notes);
}

QString VisitController::positionSummary() const
{
    const auto &p = m_bundle.inspection.position;
    if (!p)
        return tr("No position recorded");
    QString text = QStringLiteral("%1, %2").arg(p->lat, 0, 'f', 5).arg(p->lon, 0, 'f', 5);
    if (p->accuracy_m)
        text += tr(" ±%1 m").arg(qRound(*p->accuracy_m));
    return text;
}

bool VisitController::update(const std::function<void(Inspection &)> &edit)
{
    if (!m_store || readOnly())
        return false;
    Inspection i = m_bundle.inspection;
    edit(i);
    if (i == m_bundle.inspection)
        return true;
    return writeVisit(m_inspectionId, [&](DeviceStore &s) { s.updateInspection(i); });
}

void VisitController::setRepresentative(const QString &name)
{
    update([&](Inspection &i) { i.representative = ss(name.trimmed()); });
}

void VisitController::setInspectors(const QString &names)
{
    QStringList list =
        names.split(QRegularExpression(QStringLiteral("[,，、;；\\s]+")), Qt::SkipEmptyParts);
    update([&](Inspection &i) { i.inspectors = ssList(list); });
}

void VisitController::setNotes(const QString &notes)
{
    update([&](Inspection &i) { i.notes = ss(notes); });
}

bool VisitController::recordPosition()
{
    const auto fix = m_positioning ? m_positioning->current() : std::nullopt;
    if (!fix) {
        Q_EMIT failed(tr("There is no position fix yet; the visit keeps its old position."));
        return false;
    }
    return update([&](Inspection &i) { i.position = fix; });
}

bool VisitController::finalise()
{
    if (!m_store || readOnly())
        return false;
    std::vector<Problem> problems;
    try {
        problems = m_store->with([&](DeviceStore &s) { return s.finalise(ss(m_inspectionId)); });
    } catch (const std::exception &e) {
        Q_EMIT failed(storeErrorText(e));
        return false;
    }
    m_store->notifyInspectionChanged(m_inspectionId);
    if (!problems.empty()) {
        Q_EMIT failed(tr("Not finalised yet: %n item(s) of evidence are missing.", nullptr,
                         static_cast<int>(problems.size())));
        return false;
    }
    Q_EMIT finalised();
    return true;
}

QString VisitController::amend()
{
    if (!m_store || !loaded() || !readOnly())
        return {};
    if (!m_correctionId.isEmpty())
        return m_correctionId;
    QString id;
    try {
        id = qs(m_store->with([&](DeviceStore &s) { return s.amend(ss(m_inspectionId)).id; }));
    } catch (const std::exception &e) {
        Q_EMIT failed(storeErrorText(e));
        return {};
    }
    m_store->notifyInspectionChanged(id);
    return id;
}

} // namespace fp
