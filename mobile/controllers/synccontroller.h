#pragma once

#include "sync/syncbackend.h"

#include <QObject>
#include <QPointer>
#include <QThread>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

#include <atomic>
#include <memory>

namespace fp {

class AppStore;
class SyncWorker;

/// The tablet's link to the office: enrolment (sign in once, then the stored token) and sync,
/// both run by the sync library on a worker thread, with progress, cancel and readable errors.
class SyncController : public QObject
{
    Q_OBJECT
    // A QML singleton: see app/qmlsingletons.h.
    Q_PROPERTY(bool enrolled READ enrolled NOTIFY identityChanged)
    Q_PROPERTY(QString username READ username NOTIFY identityChanged)
    Q_PROPERTY(QString deviceId READ deviceId NOTIFY identityChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY identityChanged)
    Q_PROPERTY(QString lastSync READ lastSync NOTIFY identityChanged)
    /// The office's own CA certificate this tablet trusts (a PEM file in the data folder);
    /// empty: the system's trusted certificates (issue 15.10).
    Q_PROPERTY(QString caFile READ caFile NOTIFY identityChanged)
    Q_PROPERTY(bool running READ running NOTIFY runningChanged)
    Q_PROPERTY(bool enrolling READ enrolling NOTIFY runningChanged)
    Q_PROPERTY(int phase READ phase NOTIFY progressChanged)
    Q_PROPERTY(QString phaseLabel READ phaseLabel NOTIFY progressChanged)
    Q_PROPERTY(double itemsFraction READ itemsFraction NOTIFY progressChanged)
    Q_PROPERTY(double bytesFraction READ bytesFraction NOTIFY progressChanged)
    Q_PROPERTY(QString itemsText READ itemsText NOTIFY progressChanged)
    Q_PROPERTY(QString bytesText READ bytesText NOTIFY progressChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY outcomeChanged)
    Q_PROPERTY(QString lastSummary READ lastSummary NOTIFY outcomeChanged)
    /// Set when a sync found the office restored from a backup (officeRestoredText); stays
    /// until the next sync.
    Q_PROPERTY(QString officeNotice READ officeNotice NOTIFY outcomeChanged)
    /// The running sync's last request got no answer: the office is unreachable (said at
    /// once, while the library keeps retrying).
    Q_PROPERTY(bool unreachable READ unreachable NOTIFY progressChanged)
    /// Background sync (issue 15.9): when the network comes back, and every
    /// autoSyncMinutes while visits wait to be sent. The app binds it to Settings.autoSync.
    Q_PROPERTY(bool autoSync READ autoSync WRITE setAutoSync NOTIFY autoSyncChanged)
    Q_PROPERTY(
        int autoSyncMinutes READ autoSyncMinutes WRITE setAutoSyncMinutes NOTIFY autoSyncChanged)
    /// The connection costs by the byte (mobile data, roaming), as the platform reports it.
    Q_PROPERTY(bool metered READ metered NOTIFY networkCostChanged)
    /// On a metered connection, syncs send records only and photos wait for another network.
    /// The app binds it to Settings.meteredRecordsOnly.
    Q_PROPERTY(bool meteredRecordsOnly READ meteredRecordsOnly WRITE setMeteredRecordsOnly NOTIFY
                   networkCostChanged)
    /// The next (or running) sync sends records only: metered and meteredRecordsOnly.
    Q_PROPERTY(bool recordsOnly READ recordsOnly NOTIFY networkCostChanged)

  public:
    SyncController(AppStore *store, std::unique_ptr<SyncBackend> backend,
                   QObject *parent = nullptr);
    ~SyncController() override;

    bool enrolled() const { return m_enrolled; }
    QString username() const { return m_username; }
    QString deviceId() const { return m_deviceId; }
    QString serverUrl() const { return m_serverUrl; }
    QString lastSync() const;
    QString caFile() const { return m_caFile; }
    bool running() const { return m_running; }
    bool enrolling() const { return m_enrolling; }
    int phase() const { return m_progress.phase; }
    QString phaseLabel() const;
    double itemsFraction() const;
    double bytesFraction() const;
    QString itemsText() const;
    QString bytesText() const;
    QString lastError() const { return m_lastError; }
    QString lastSummary() const { return m_lastSummary; }
    QString officeNotice() const { return m_officeNotice; }
    bool unreachable() const { return m_running && m_progress.unreachable; }
    bool autoSync() const { return m_autoSync; }
    void setAutoSync(bool on);
    int autoSyncMinutes() const;
    void setAutoSyncMinutes(int minutes);
    bool metered() const { return m_metered; }
    bool meteredRecordsOnly() const { return m_meteredRecordsOnly; }
    void setMeteredRecordsOnly(bool on);
    bool recordsOnly() const { return m_metered && m_meteredRecordsOnly; }
    /// The platform says the connection is (no longer) metered; watchNetwork() follows it
    /// where Qt can tell.
    Q_INVOKABLE void setMetered(bool metered);
    /// Tests: the background interval in milliseconds (default: autoSyncMinutes).
    void setAutoSyncIntervalMs(int ms);
    /// Follows the platform's network reachability (QNetworkInformation), when it has a
    /// backend; without one only the timer syncs by itself.
    void watchNetwork();
    /// The network went down (false) or came up (true): coming up starts a background sync.
    Q_INVOKABLE void networkChanged(bool online);
    /// The background timer's tick: a sync when enabled and visits wait to be sent.
    Q_INVOKABLE void autoSyncTick();

    /// Starts a sync; false when one (or an enrolment) is already running.
    Q_INVOKABLE bool start();
    /// Asks the running sync or enrolment to stop at the next safe point.
    Q_INVOKABLE void cancel();
    /// Signs this tablet in with the office (needs the network once). `caCertificate`, when
    /// not empty, is the office's own CA: its PEM text (as pasted, e.g. from a QR code) or a
    /// PEM file (path or file:// URL); it is kept in the data folder and replaces the
    /// system's trust for this office.
    Q_INVOKABLE bool enrol(const QString &serverUrl, const QString &username,
                           const QString &password, const QString &caCertificate = QString());
    /// Keeps the CA certificate `text` (PEM text, or a PEM file's path or URL) as a file in
    /// the data folder and returns its path; "" with a sentence in `error` when it is none.
    QString keepCaCertificate(const QString &text, QString *error) const;

  Q_SIGNALS:
    void identityChanged();
    void runningChanged();
    void progressChanged();
    void outcomeChanged();
    void syncFinished(bool ok);
    void autoSyncChanged();
    void networkCostChanged();
    /// A sync started by itself (network back, or the timer): `reason` "network" | "timer".
    void autoSyncStarted(const QString &reason);
    void enrolFinished(bool ok);
    /// The office was restored from a backup: `message` says so (the app shows it at once).
    void officeRestored(const QString &message);
    // To the worker (queued onto its thread).
    void requestSync(const fp::SyncRunOptions &options);
    void requestEnrol(const fp::EnrolRequest &request);

  private:
    void onProgress(const SyncRunProgress &progress);
    void onSyncFinished(const SyncRunResult &result);
    void onEnrolFinished(const SyncRunResult &result);
    void onState(bool enrolled, const QString &username, const QString &deviceId,
                 const QString &serverUrl, const QString &lastSync, const QString &caFile);

    QPointer<AppStore> m_store;
    std::atomic<bool> m_cancel{false};
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
    bool m_enrolled = false;
    QString m_username;
    QString m_deviceId;
    QString m_serverUrl;
    QString m_lastSyncUtc;
    QString m_caFile;
    bool m_enrolWithCa = false; // the running enrolment names its own CA
    bool m_running = false;
    bool m_enrolling = false;
    SyncRunProgress m_progress;
    QString m_lastError;
    QString m_lastSummary;
    QString m_officeNotice;
    bool m_autoSync = false;
    bool m_online = true;
    bool m_metered = false;
    bool m_meteredRecordsOnly = true;
    QTimer *m_autoTimer = nullptr;
};

} // namespace fp
