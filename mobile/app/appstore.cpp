#include "app/appstore.h"

#include "platform/keystore.h"

#include <QDir>
#include <QUrl>

namespace fp {

AppStore::AppStore(const QString &dataDir, QObject *parent)
    : QObject(parent), m_dataDir(QDir(dataDir).absolutePath())
{
    QDir().mkpath(m_dataDir);
    QDir().mkpath(stagingDir());
    m_store = std::make_unique<DeviceStore>(dbFile().toStdString(), photoDir().toStdString());
    // The signing key in the platform keystore where there is one, read now: finalising a visit
    // then never waits on the keystore.
    m_store->setSigningKeyStore(platformSigningKeys(dbFile().toStdString()));
    try {
        m_store->signingKeys().load();
    } catch (const Error &) {
        // A damaged key: finalising says so, with what to do (enrol again).
    }
    // Opened here, before any photo job runs: opening sweeps the photo folder's temp files.
    m_photoWriter = std::make_unique<DeviceStore>(dbFile().toStdString(), photoDir().toStdString());
    // Leftovers of a pipeline run that a kill interrupted: the store never took them in.
    QDir staging(stagingDir());
    for (const QString &name : staging.entryList(QDir::Files))
        staging.remove(name);
}

AppStore::~AppStore() = default;

QString AppStore::dbFile() const
{
    return m_dataDir + QStringLiteral("/device.db");
}
QString AppStore::photoDir() const
{
    return m_dataDir + QStringLiteral("/photos");
}
QString AppStore::stagingDir() const
{
    return m_dataDir + QStringLiteral("/staging");
}

QUrl AppStore::blobUrl(const QString &sha256) const
{
    if (sha256.size() != 64)
        return {};
    return QUrl::fromLocalFile(photoDir() + QLatin1Char('/') + sha256.left(2) + QLatin1Char('/') +
                               sha256);
}

int AppStore::pendingCount()
{
    return static_cast<int>(with([](DeviceStore &s) { return s.pendingCount(); }));
}

void AppStore::notifyInspectionChanged(const QString &inspectionId)
{
    Q_EMIT inspectionChanged(inspectionId);
    Q_EMIT pendingCountChanged();
}

void AppStore::notifyRefreshed()
{
    Q_EMIT refreshed();
    Q_EMIT pendingCountChanged();
}

} // namespace fp
