#pragma once
// What the store-backed models and controllers share: a `store` property (QML sets it to the
// AppStore singleton), ids that select what is shown, and a reload whenever the store, an id,
// the data or the UI language changes.

#include "app/appstore.h"
#include "platform/storeerror.h"
#include "text/languagenotifier.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <exception>
#include <utility>

namespace fp {

/// A base for `Self`, a QObject with `void reload()` and a `storeChanged()` signal, that also
/// declares `Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)`.
/// `Self` may hide `bool reloadsFor(const QString &inspectionId) const` to reload only for the
/// visits it shows (then it befriends this base).
template <typename Self> class StoreBinding
{
  public:
    AppStore *store() const { return m_store; }

    /// Binds `store` (nullptr: none), reloads and emits storeChanged().
    void setStore(AppStore *store)
    {
        if (m_store == store)
            return;
        QObject *const me = &self();
        if (m_store)
            QObject::disconnect(m_store, nullptr, me, nullptr);
        m_store = store;
        if (m_store) {
            if (m_reloads & OnVisitChange) {
                QObject::connect(m_store, &AppStore::inspectionChanged, me,
                                 [this](const QString &id) {
                                     if (self().reloadsFor(id))
                                         self().reload();
                                 });
            }
            if (m_reloads & OnRefresh)
                QObject::connect(m_store, &AppStore::refreshed, me, [this] { self().reload(); });
        }
        self().reload();
        Q_EMIT self().storeChanged();
    }

  protected:
    /// What else makes the object reload: a pull (or a language switch of the office rows),
    /// and a visit saved (AppStore::inspectionChanged, narrowed by reloadsFor()).
    enum Reloads : unsigned { OnRefresh = 1, OnVisitChange = 2 };

    explicit StoreBinding(unsigned reloads) : m_reloads(reloads) {}
    ~StoreBinding() = default;

  public:
    StoreBinding(const StoreBinding &) = delete;
    StoreBinding &operator=(const StoreBinding &) = delete;

  protected:
    /// Every visit change concerns the object unless `Self` says otherwise.
    bool reloadsFor(const QString &) const { return true; }

    /// Sets `field`, an id that selects what is shown, and reloads. False when it already was
    /// `id`; the caller emits its change signal on true.
    bool rebind(QString &field, const QString &id)
    {
        if (field == id)
            return false;
        field = id;
        self().reload();
        return true;
    }

    /// Runs `change(DeviceStore &)` on the bound store as an edit of the visit `inspectionId`:
    /// then tells every view that the visit changed. When the store refuses, emits `Self`'s
    /// `failed(QString)` with the sentence, reloads and returns false.
    template <typename Change> bool writeVisit(const QString &inspectionId, Change &&change)
    {
        try {
            m_store->with([&](DeviceStore &s) { change(s); });
        } catch (const std::exception &e) {
            Q_EMIT self().failed(storeErrorText(e));
            self().reload();
            return false;
        }
        m_store->notifyInspectionChanged(inspectionId);
        return true;
    }

    /// Runs `slot` (a lambda or a member of `Self`) whenever the UI language changes.
    template <typename Slot> void onLanguageChanged(Slot &&slot)
    {
        QObject::connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, &self(),
                         std::forward<Slot>(slot));
    }

    QPointer<AppStore> m_store;

  private:
    Self &self() { return static_cast<Self &>(*this); }

    unsigned m_reloads;
};

} // namespace fp
