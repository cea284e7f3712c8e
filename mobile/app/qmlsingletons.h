#pragma once
// The app's QML singletons, all registered here (KDE Itinerary's pattern): main() builds the
// services (AppServices), AppServices::attach() publishes them, and QML reads those very
// objects as AppStore, Settings, Positioning and SyncController. Each is a foreign type with a
// create() that hands out the published instance (Qt's way to expose an existing object as a
// singleton), so the types stay declared for qmllint and the QML compiler.

#include "app/appsettings.h"
#include "app/appstore.h"
#include "controllers/synccontroller.h"
#include "platform/positioning.h"

#include <QJSEngine>
#include <QQmlEngine>
#include <QtQml/qqmlregistration.h>

namespace fp {

namespace qmlsingletons {

/// The services QML is given: set by AppServices::attach() (which main() calls before the
/// engine loads), cleared when those services go.
struct Published
{
    AppStore *store = nullptr;
    AppSettings *settings = nullptr;
    Positioning *positioning = nullptr;
    SyncController *sync = nullptr;
};

inline Published s_published;

/// Hands a service that main() created to the QML engine, keeping ownership in C++.
template <typename T> T *hand(T *instance, QJSEngine *engine)
{
    Q_ASSERT_X(instance, "qmlsingletons", "the services must be published before QML loads");
    Q_ASSERT(engine->thread() == instance->thread());
    QJSEngine::setObjectOwnership(instance, QJSEngine::CppOwnership);
    return instance;
}

/// The create() of a foreign singleton: hands out the service published in `s_published.*Member`.
template <typename T, T *Published::*Member> struct Handed
{
    static T *create(QQmlEngine *, QJSEngine *engine) { return hand(s_published.*Member, engine); }
};

struct AppStoreSingleton : Handed<AppStore, &Published::store>
{
    Q_GADGET
    QML_FOREIGN(fp::AppStore)
    QML_NAMED_ELEMENT(AppStore)
    QML_SINGLETON
};

struct SettingsSingleton : Handed<AppSettings, &Published::settings>
{
    Q_GADGET
    QML_FOREIGN(fp::AppSettings)
    QML_NAMED_ELEMENT(Settings)
    QML_SINGLETON
};

struct PositioningSingleton : Handed<Positioning, &Published::positioning>
{
    Q_GADGET
    QML_FOREIGN(fp::Positioning)
    QML_NAMED_ELEMENT(Positioning)
    QML_SINGLETON
};

struct SyncControllerSingleton : Handed<SyncController, &Published::sync>
{
    Q_GADGET
    QML_FOREIGN(fp::SyncController)
    QML_NAMED_ELEMENT(SyncController)
    QML_SINGLETON
};

} // namespace qmlsingletons
} // namespace fp
