#pragma once

#include "device/devicestore.h"

#include <QObject>
#include <QString>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <mutex>

class QQmlEngine;
class QJSEngine;

namespace fp {

/// The tablet's device store as the app shares it: one DeviceStore guarded for the UI and
/// photo threads, plus the signals that tell views what to reload.
class AppStore : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY pendingCountChanged)
    Q_PROPERTY(QString dataDir READ dataDir CONSTANT)

public:
    /// Opens `<dataDir>/device.db` and the photo folder `<dataDir>/photos`.
    explicit AppStore(const QString &dataDir, QObject *parent = nullptr);
    ~AppStore() override;
    static AppStore *create(QQmlEngine *, QJSEngine *engine);

    /// Runs `fn(DeviceStore &)` under the store's lock and returns what it returns.
    template <typename Fn> auto with(Fn &&fn)
    {
        std::lock_guard lock(m_mutex);
        return fn(*m_store);
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
};

} // namespace fp
