#pragma once

#include <QObject>
#include <QSettings>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace fp {

/// The inspector's preferences, kept in `<dataDir>/settings.ini`: language, office server,
/// photo size. Identity (device, token) lives in the device store, not here.
class AppSettings : public QObject
{
    Q_OBJECT
    // A QML singleton: see app/qmlsingletons.h.
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(
        int photoLongEdge READ photoLongEdge WRITE setPhotoLongEdge NOTIFY photoLongEdgeChanged)
    Q_PROPERTY(QString version READ version CONSTANT)
    /// Sync by itself (issue 15.9): when the network comes back and every few minutes while
    /// work is pending. On unless the inspector switches it off.
    Q_PROPERTY(bool autoSync READ autoSync WRITE setAutoSync NOTIFY autoSyncChanged)
    /// On a metered or roaming connection, send records only; photos wait for another network.
    /// On unless the inspector switches it off.
    Q_PROPERTY(bool meteredRecordsOnly READ meteredRecordsOnly WRITE setMeteredRecordsOnly NOTIFY
                   autoSyncChanged)
    /// The inspector's real name and department (issue 15.5): new visits, their watermarks and
    /// the opinion's signature use the name, never the login name, once it is set.
    Q_PROPERTY(
        QString inspectorName READ inspectorName WRITE setInspectorName NOTIFY identityChanged)
    Q_PROPERTY(QString department READ department WRITE setDepartment NOTIFY identityChanged)
    /// The folder the photo import opens first: the one given with --import-dir, else
    /// Pictures, else home. Not stored: it holds for this run only.
    Q_PROPERTY(QString importDir READ importDir WRITE setImportDir NOTIFY importDirChanged)

  public:
    explicit AppSettings(const QString &dataDir, QObject *parent = nullptr);
    ~AppSettings() override;

    /// The largest long edge the pipeline keeps (DESIGN §5).
    static constexpr int kMaxLongEdge = 2560;

    QString language() const;
    void setLanguage(const QString &language);
    QString serverUrl() const;
    void setServerUrl(const QString &url);
    int photoLongEdge() const;
    void setPhotoLongEdge(int pixels);
    static QString version();
    bool autoSync() const;
    void setAutoSync(bool on);
    bool meteredRecordsOnly() const;
    void setMeteredRecordsOnly(bool on);
    QString importDir() const;
    void setImportDir(const QString &folder);
    QString inspectorName() const;
    void setInspectorName(const QString &name);
    QString department() const;
    void setDepartment(const QString &department);

    /// Text typed into a field but not yet saved with the record, kept under `key` (e.g. a seal
    /// number not yet added, key "seal/<check id>") so that leaving the screen, scrolling the
    /// card away or a killed app does not lose it. Empty when there is none.
    Q_INVOKABLE QString draft(const QString &key) const;
    /// Keeps `text` as the draft under `key` (written at once); empty text removes it.
    Q_INVOKABLE void setDraft(const QString &key, const QString &text);

  Q_SIGNALS:
    void languageChanged();
    void serverUrlChanged();
    void photoLongEdgeChanged();
    void autoSyncChanged();
    void importDirChanged();
    void identityChanged();

  private:
    /// Writes `value` under `key` at once and emits `changed`; nothing when it is `current`.
    template <typename T>
    void write(const QString &key, const T &value, const T &current,
               void (AppSettings::*changed)());

    QSettings m_settings;
    QString m_importDir;
};

} // namespace fp
