#pragma once

#include "device/devicestore.h"

#include <QObject>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <mutex>

namespace fp {

/// The tablet's device store as the app shares it: one DeviceStore guarded for the UI thread,
/// a second connection for the photo worker, and the signals that tell views what to reload.
class AppStore : public QObject
{
    Q_OBJECT
    // A QML singleton: see app/qmlsingletons.h.
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)
    Q_PROPERTY(QString dataDir READ dataDir CONSTANT)

  public:
    /// Opens `<dataDir>/device.db` and the photo folder `<dataDir>/photos`.
    explicit AppStore(const QString &dataDir, QObject *parent = nullptr);
    ~AppStore() override;

    /// Runs `fn(DeviceStore &)` under the store's lock and returns what it returns.
    template <typename Fn> auto with(Fn &&fn)
    {
        std::lock_guard lock(m_mutex);
        return fn(*m_store);
    }

    /// Runs `fn(DeviceStore &)` on the photo writer: a second connection to the same database
    /// and photo folder, with a lock of its own. The photo worker stores photos here, so the
    /// hash, copy and fsync that DeviceStore::addPhoto does before its transaction never hold
    /// the lock with() takes for the UI thread; the two share only SQLite's write lock, for the
    /// short transaction at the end (WAL: readers never wait for it).
    template <typename Fn> auto withPhotoWriter(Fn &&fn)
    {
        std::lock_guard lock(m_photoMutex);
        return fn(*m_photoWriter);
    }

    QString dataDir() const { return m_dataDir; }
    QString dbFile() const;
    QString photoDir() const;
    /// Where the photo pipeline writes its JPEG before the store takes it in.
    QString stagingDir() const;
    /// file:// URL of a stored photo or signature, for Image.source.
    Q_INVOKABLE QUrl blobUrl(const QString &sha256) const;

    int pendingCount();

    /// A visit changed (saved, photo added, finalised ...): its views reload.
    void notifyInspectionChanged(const QString &inspectionId);
    /// Office rows or labels changed (after a pull or a language switch): every view reloads.
    void notifyRefreshed();

  Q_SIGNALS:
    void inspectionChanged(const QString &inspectionId);
    void refreshed();
    void pendingCountChanged();

  private:
    QString m_dataDir;
    std::mutex m_mutex;
    std::unique_ptr<DeviceStore> m_store;
    std::mutex m_photoMutex;
    std::unique_ptr<DeviceStore> m_photoWriter;
};

} // namespace fp
