#pragma once
// The tablet's storage on the settings screen (issue 17): what the database and the photos
// take, how much waits for the office's verified backup, and freeing what such a backup holds.

#include "app/storebinding.h"
#include "device/devicestore.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace fp {

class StorageController : public QObject, public StoreBinding<StorageController>
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store READ store WRITE setStore NOTIFY storeChanged)
    /// "数据库 1.2 MB，照片 35.0 MB，共 36.2 MB"
    Q_PROPERTY(QString usedText READ usedText NOTIFY changed)
    /// What still waits for a verified backup of the office, as a sentence.
    Q_PROPERTY(QString waitingText READ waitingText NOTIFY changed)
    /// What may be freed, as a sentence (empty when nothing).
    Q_PROPERTY(QString releasableText READ releasableText NOTIFY changed)
    /// The office's last verified backup as this tablet knows it.
    Q_PROPERTY(QString backupText READ backupText NOTIFY changed)
    Q_PROPERTY(bool canRelease READ canRelease NOTIFY changed)
    Q_PROPERTY(double usedMb READ usedMb NOTIFY changed)
    Q_PROPERTY(double waitingMb READ waitingMb NOTIFY changed)

  public:
    explicit StorageController(QObject *parent = nullptr);

    QString usedText() const;
    QString waitingText() const;
    QString releasableText() const;
    QString backupText() const;
    bool canRelease() const { return m_use.releasable_files > 0; }
    double usedMb() const;
    double waitingMb() const;
    const StorageUse &use() const { return m_use; }

    /// Reads the sizes again (the folder is walked: call it when the screen opens).
    Q_INVOKABLE void reload();
    /// Frees the files a verified backup of the office holds; returns a sentence of what it
    /// freed (or why nothing was).
    Q_INVOKABLE QString releaseBackedUp();

  Q_SIGNALS:
    void storeChanged();
    void changed();
    void failed(const QString &message);

  private:
    StorageUse m_use;
    BackupReachState m_reach;
};

/// `bytes` as megabytes with one decimal ("35.0 MB").
QString megabytes(std::int64_t bytes);

} // namespace fp
