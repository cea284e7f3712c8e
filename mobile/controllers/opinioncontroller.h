#pragma once

#include "app/storebinding.h"
#include "core/types.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

namespace fp {

/// The written acceptance opinion of a visit (逐户出具书面验收意见): verdict, text, follow-up
/// deadline and the signatures of the inspectors and the enterprise's representative.
class OpinionController : public QObject, public StoreBinding<OpinionController>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    Q_PROPERTY(
        QString inspectionId READ inspectionId WRITE setInspectionId NOTIFY inspectionIdChanged)
    Q_PROPERTY(bool exists READ exists NOTIFY changed)
    Q_PROPERTY(bool readOnly READ readOnly NOTIFY changed)
    Q_PROPERTY(int verdict READ verdict WRITE setVerdict NOTIFY changed)
    Q_PROPERTY(QString text READ text WRITE setText NOTIFY changed)
    Q_PROPERTY(
        QString followUpDeadline READ followUpDeadline WRITE setFollowUpDeadline NOTIFY changed)
    Q_PROPERTY(QVariantList signatures READ signatures NOTIFY changed)
    Q_PROPERTY(bool hasInspectorSignature READ hasInspectorSignature NOTIFY changed)
    Q_PROPERTY(bool hasRepresentativeSignature READ hasRepresentativeSignature NOTIFY changed)
    /// Someone has signed: verdict, text and deadline are frozen (a change clears the signatures).
    Q_PROPERTY(bool isSigned READ isSigned NOTIFY changed)
    /// A change to the signed content waits for confirmClearSignatures() or cancelPendingChange().
    Q_PROPERTY(bool changePending READ changePending NOTIFY changed)

  public:
    explicit OpinionController(QObject *parent = nullptr);

    QString inspectionId() const { return m_inspectionId; }
    void setInspectionId(const QString &id);

    bool exists() const { return m_opinion.has_value(); }
    bool readOnly() const { return m_readOnly; }
    int verdict() const;
    void setVerdict(int verdict);
    QString text() const;
    void setText(const QString &text);
    QString followUpDeadline() const;
    /// "YYYY-MM-DD", or empty for none; anything else is refused with `failed`.
    void setFollowUpDeadline(const QString &date);
    QVariantList signatures() const;
    bool hasInspectorSignature() const { return hasRole(SignerRole::Inspector); }
    bool hasRepresentativeSignature() const { return hasRole(SignerRole::Representative); }
    bool isSigned() const { return m_opinion && !m_opinion->signatures.empty(); }
    bool changePending() const { return m_pending.has_value(); }

    /// Saves the waiting change to a signed opinion and clears its signatures.
    Q_INVOKABLE bool confirmClearSignatures();
    /// Drops the waiting change; the opinion stays as signed.
    Q_INVOKABLE void cancelPendingChange();

    /// Sets the deadline `months` calendar months from today.
    Q_INVOKABLE void setDeadlineInMonths(int months);
    /// Stores `png` (from a SignaturePad) and adds it as `role`'s (Vocabulary::SignerRole)
    /// signature of `name`.
    Q_INVOKABLE bool addSignature(int role, const QString &name, const QByteArray &png);
    Q_INVOKABLE bool removeSignature(int index);
    Q_INVOKABLE void reload();

  Q_SIGNALS:
    void storeChanged();
    void inspectionIdChanged();
    void changed();
    void failed(const QString &message);
    /// A change to the verdict, text or deadline of a signed opinion was asked for: the page
    /// asks the user, then calls confirmClearSignatures() or cancelPendingChange().
    void signaturesWouldClear();

  private:
    friend class StoreBinding<OpinionController>;
    bool reloadsFor(const QString &inspectionId) const { return inspectionId == m_inspectionId; }
    bool hasRole(SignerRole role) const;
    enum class Edit { Signatures, Content };
    bool save(Edit kind, const std::function<bool(Opinion &)> &edit);
    bool write(const Opinion &o, SignedOpinionChange onSigned);

    QString m_inspectionId;
    std::optional<Opinion> m_opinion;
    std::optional<Opinion> m_pending; // content change to a signed opinion, not yet confirmed
    bool m_readOnly = true;
};

} // namespace fp
