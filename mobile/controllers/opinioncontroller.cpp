#include "controllers/opinioncontroller.h"

#include "app/appstore.h"
#include "core/clock.h"
#include "core/validation.h"
#include "platform/storeerror.h"
#include "text/labels.h"
#include "text/qtstrings.h"
#include "text/vocabulary.h"

#include <QDate>
#include <QDateTime>

#include <algorithm>

namespace fp {

OpinionController::OpinionController(QObject *parent) : QObject(parent), StoreBinding(OnVisitChange)
{
    onLanguageChanged(&OpinionController::changed);
}

void OpinionController::setInspectionId(const QString &id)
{
    if (rebind(m_inspectionId, id))
        Q_EMIT inspectionIdChanged();
}

void OpinionController::reload()
{
    m_pending.reset();
    m_opinion.reset();
    m_readOnly = true;
    if (m_store && !m_inspectionId.isEmpty()) {
        try {
            const auto b =
                m_store->with([&](DeviceStore &s) { return s.bundle(ss(m_inspectionId)); });
            m_opinion = b.opinion;
            m_readOnly = b.inspection.state == InspectionState::Final;
        } catch (const std::exception &e) {
            Q_EMIT failed(storeErrorText(e));
        }
    }
    Q_EMIT changed();
}

int OpinionController::verdict() const
{
    return m_opinion ? static_cast<int>(m_opinion->verdict) : -1;
}
QString OpinionController::text() const
{
    return m_opinion ? qs(m_opinion->text) : QString();
}
QString OpinionController::followUpDeadline() const
{
    return m_opinion ? qs(m_opinion->follow_up_deadline.value_or("")) : QString();
}

bool OpinionController::hasRole(SignerRole role) const
{
    return m_opinion && std::any_of(m_opinion->signatures.begin(), m_opinion->signatures.end(),
                                    [role](const Signature &s) { return s.role == role; });
}

QVariantList OpinionController::signatures() const
{
    QVariantList out;
    if (!m_opinion)
        return out;
    for (const Signature &s : m_opinion->signatures) {
        const auto at = QDateTime::fromString(qs(s.signed_at), Qt::ISODateWithMs);
        out.append(QVariantMap{
            {QStringLiteral("role"), static_cast<int>(s.role)},
            {QStringLiteral("roleLabel"), labels::signerRole(s.role)},
            {QStringLiteral("name"), qs(s.name)},
            {QStringLiteral("url"), m_store ? m_store->blobUrl(qs(s.sha256)) : QUrl()},
            {QStringLiteral("signedAt"),
             at.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))},
        });
    }
    return out;
}

bool OpinionController::save(Edit kind, const std::function<bool(Opinion &)> &edit)
{
    if (!m_store || m_inspectionId.isEmpty() || m_readOnly)
        return false;
    Opinion o = m_opinion.value_or(Opinion{});
    o.inspection_id = ss(m_inspectionId);
    if (!edit(o))
        return false;
    if (kind == Edit::Content && isSigned()) {
        // Signed means frozen: the change waits until the user agrees to clear the signatures.
        m_pending = std::move(o);
        Q_EMIT changed(); // fields show the signed content again until confirmed
        Q_EMIT signaturesWouldClear();
        return false;
    }
    return write(o, SignedOpinionChange::Refuse);
}

bool OpinionController::confirmClearSignatures()
{
    if (!m_pending || !m_store || m_readOnly)
        return false;
    Opinion o = std::move(*m_pending);
    m_pending.reset();
    return write(o, SignedOpinionChange::ClearSignatures);
}

void OpinionController::cancelPendingChange()
{
    m_pending.reset();
    Q_EMIT changed();
}

bool OpinionController::write(const Opinion &o, SignedOpinionChange onSigned)
{
    return writeVisit(m_inspectionId, [&](DeviceStore &s) { s.saveOpinion(o, onSigned); });
}

void OpinionController::setVerdict(int verdict)
{
    const auto v = enumFromInt<Verdict>(verdict);
    if (!v)
        return;
    save(Edit::Content, [&](Opinion &o) {
        const bool changed = !m_opinion || o.verdict != *v;
        o.verdict = *v;
        return changed;
    });
}

void OpinionController::setText(const QString &text)
{
    const std::string t = ss(text);
    save(Edit::Content, [&](Opinion &o) {
        const bool changed = !m_opinion || o.text != t;
        o.text = t;
        return changed;
    });
}

void OpinionController::setFollowUpDeadline(const QString &date)
{
    const QString d = date.trimmed();
    if (!d.isEmpty() && !isValidDate(ss(d))) {
        Q_EMIT failed(tr("Write the deadline as year-month-day, e.g. 2018-03-31."));
        Q_EMIT changed();
        return;
    }
    save(Edit::Content, [&](Opinion &o) {
        const auto value = optSs(d);
        const bool changed = !m_opinion || o.follow_up_deadline != value;
        o.follow_up_deadline = value;
        return changed;
    });
}

void OpinionController::setDeadlineInMonths(int months)
{
    setFollowUpDeadline(QDate::currentDate().addMonths(months).toString(Qt::ISODate));
}

bool OpinionController::addSignature(int role, const QString &name, const QByteArray &png)
{
    const auto r = enumFromInt<SignerRole>(role);
    if (!r || png.isEmpty()) {
        Q_EMIT failed(tr("The signature is empty; sign in the box first."));
        return false;
    }
    if (name.trimmed().isEmpty()) {
        Q_EMIT failed(tr("Write the signer's name."));
        return false;
    }
    if (!m_store || m_readOnly)
        return false;
    std::string sha;
    try {
        sha = m_store->with([&](DeviceStore &s) {
            return s.storeSignature(std::string_view(png.constData(), std::size_t(png.size())));
        });
    } catch (const std::exception &e) {
        Q_EMIT failed(storeErrorText(e));
        return false;
    }
    return save(Edit::Signatures, [&](Opinion &o) {
        o.signatures.push_back(
            Signature{*r, ss(name.trimmed()), sha, formatTimestamp(SystemClock::instance().now())});
        return true;
    });
}

bool OpinionController::removeSignature(int index)
{
    return save(Edit::Signatures, [&](Opinion &o) {
        if (index < 0 || index >= static_cast<int>(o.signatures.size()))
            return false;
        o.signatures.erase(o.signatures.begin() + index);
        return true;
    });
}

} // namespace fp
