#pragma once

#include "sync/syncbackend.h"

#include <QObject>

#include <atomic>
#include <memory>

namespace fp {

/// Lives on the sync thread with its own connection to the device database, so a sync (or an
/// enrolment) never blocks the UI; it reports by queued signals only.
class SyncWorker : public QObject
{
    Q_OBJECT

  public:
    /// Opens its own DeviceStore on `dbFile` / `photoDir` (before being moved to its thread).
    SyncWorker(const QString &dbFile, const QString &photoDir, std::unique_ptr<SyncBackend> backend,
               std::atomic<bool> &cancel);
    ~SyncWorker() override;

  public Q_SLOTS:
    void runSync(const fp::SyncRunOptions &options);
    void runEnrol(const fp::EnrolRequest &request);
    /// Re-reads enrolment and last sync time (answered by `stateRead`).
    void readState();

  Q_SIGNALS:
    void progress(const fp::SyncRunProgress &progress);
    void syncFinished(const fp::SyncRunResult &result);
    void enrolFinished(const fp::SyncRunResult &result);
    void stateRead(bool enrolled, const QString &username, const QString &deviceId,
                   const QString &serverUrl, const QString &lastSync, const QString &caFile);

  private:
    std::unique_ptr<DeviceStore> m_store;
    std::unique_ptr<SyncBackend> m_backend;
    std::atomic<bool> &m_cancel;
};

} // namespace fp
