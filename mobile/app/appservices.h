#pragma once

#include "app/appoptions.h"
#include "sync/syncbackend.h"

#include <memory>

class QQmlEngine;

namespace fp {

class AppSettings;
class AppStore;
class Positioning;
class SyncController;
class Translations;

/// The app-wide services, created once in C++ and published to QML as singletons: the store,
/// settings, positioning, sync, and the current translation. main() and the Qt Quick Test
/// set-up build the same set.
class AppServices
{
  public:
    /// `backend` null: the sync library of this build.
    explicit AppServices(const AppOptions &options, std::unique_ptr<SyncBackend> backend = {});
    ~AppServices();
    AppServices(const AppServices &) = delete;
    AppServices &operator=(const AppServices &) = delete;

    /// Material style, the CJK font, large controls; before any QML engine exists.
    static void configureGui();
    /// glibc: image-sized buffers (a decoded photo is 20-48 MB) go straight to the system and
    /// back, instead of staying in the heap of whichever thread freed them (issue 15.11).
    static void configureMemory();
    /// Publishes these services as the QML singletons (app/qmlsingletons.h), lets `engine` find
    /// the static QML modules and retranslate on a language switch.
    void attach(QQmlEngine &engine);

    AppStore &store() { return *m_store; }
    AppSettings &settings() { return *m_settings; }
    Positioning &positioning() { return *m_positioning; }
    SyncController &sync() { return *m_sync; }
    Translations &translations() { return *m_translations; }

  private:
    std::unique_ptr<AppStore> m_store;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<Positioning> m_positioning;
    std::unique_ptr<SyncController> m_sync;
    std::unique_ptr<Translations> m_translations;
};

} // namespace fp
