#include "app/appservices.h"

#include "app/appsettings.h"
#include "app/appstore.h"
#include "app/qmlsingletons.h"
#include "controllers/synccontroller.h"
#include "platform/positioning.h"
#include "sync/syncbackend.h"
#include "text/translations.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QQmlEngine>
#include <QQuickStyle>
#include <QTimer>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace fp {

AppServices::AppServices(const AppOptions &options, std::unique_ptr<SyncBackend> backend)
    : m_store(std::make_unique<AppStore>(options.dataDir)),
      m_settings(std::make_unique<AppSettings>(m_store->dataDir())),
      m_positioning(std::make_unique<Positioning>(options.nmeaFile)),
      m_translations(std::make_unique<Translations>())
{
    m_sync = std::make_unique<SyncController>(m_store.get(), backend ? std::move(backend)
                                                                     : makeDefaultSyncBackend());
    if (!options.serverUrl.isEmpty())
        m_settings->setServerUrl(options.serverUrl);
    if (!options.language.isEmpty())
        m_settings->setLanguage(options.language);
    if (options.fixLat && options.fixLon) {
        // A fixed position (--position) is a source that keeps reporting, as a receiver does.
        Positioning *p = m_positioning.get();
        const double lat = *options.fixLat, lon = *options.fixLon;
        const double acc = options.fixAccuracy.value_or(-1);
        if (options.fixAgeS) { // a source that stopped that long ago
            p->setFixAt(lat, lon, acc, QDateTime::currentDateTimeUtc().addSecs(-*options.fixAgeS));
        } else {
            p->setFix(lat, lon, acc);
            auto *feed = new QTimer(p);
            feed->setInterval(5000);
            QObject::connect(feed, &QTimer::timeout, p,
                             [p, lat, lon, acc] { p->setFix(lat, lon, acc); });
            feed->start();
        }
    }
    if (!options.importDir.isEmpty())
        m_settings->setImportDir(options.importDir);
    // Background sync follows the setting; it watches the network where Qt can.
    const auto followSettings = [this] {
        m_sync->setAutoSync(m_settings->autoSync());
        m_sync->setMeteredRecordsOnly(m_settings->meteredRecordsOnly());
    };
    followSettings();
    QObject::connect(m_settings.get(), &AppSettings::autoSyncChanged, m_sync.get(), followSettings);
    m_sync->watchNetwork();
    m_translations->apply(m_settings->language());
    QObject::connect(m_settings.get(), &AppSettings::languageChanged, m_settings.get(),
                     [this] { m_translations->apply(m_settings->language()); });
}

AppServices::~AppServices()
{
    if (qmlsingletons::s_published.store == m_store.get())
        qmlsingletons::s_published = {};
}

void AppServices::configureMemory()
{
#if defined(__GLIBC__)
    // glibc raises its mmap threshold to the size of the last large block freed (up to 32 MB),
    // after which a 20 MB photo buffer comes from a thread's arena and its pages stay resident
    // when freed: each photo worker thread and the image loader kept ~50 MB. A fixed
    // threshold turns the adjustment off; trimming returns a heap's free top at 8 MB.
    mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 8 * 1024 * 1024);
#endif
}

void AppServices::configureGui()
{
    configureMemory();
    QQuickStyle::setStyle(QStringLiteral("Material"));
    // Chinese glyphs need a CJK font; without one they render as boxes.
    QFont font(QStringLiteral("WenQuanYi Micro Hei"));
    font.setPixelSize(18);
    QGuiApplication::setFont(font);
}

void AppServices::attach(QQmlEngine &engine)
{
    engine.addImportPath(QStringLiteral("qrc:/"));
    qmlsingletons::s_published = {m_store.get(), m_settings.get(), m_positioning.get(),
                                  m_sync.get()};
    m_translations->setEngine(&engine);
}

} // namespace fp
