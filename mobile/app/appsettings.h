#pragma once

#include <QObject>
#include <QSettings>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace fp {

/// The inspector's preferences, kept in `<dataDir>/settings.ini`: language, office server,
/// photo size. Identity (device, token) lives in the device store, not here.
class AppSettings : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(Settings)
    QML_SINGLETON
    Q_PROPERTY(QString language READ language WRITE setLanguage NOTIFY languageChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl WRITE setServerUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(int photoLongEdge READ photoLongEdge WRITE setPhotoLongEdge NOTIFY photoLongEdgeChanged)
    Q_PROPERTY(QString version READ version CONSTANT)

public:
    explicit AppSettings(const QString &dataDir, QObject *parent = nullptr);
    ~AppSettings() override;
    static AppSettings *create(QQmlEngine *, QJSEngine *engine);

    /// The largest long edge the pipeline keeps (DESIGN §5).
    static constexpr int kMaxLongEdge = 2560;

    QString language() const;
    void setLanguage(const QString &language);
    QString serverUrl() const;
    void setServerUrl(const QString &url);
    int photoLongEdge() const;
    void setPhotoLongEdge(int pixels);
    static QString version();

Q_SIGNALS:
    void languageChanged();
    void serverUrlChanged();
    void photoLongEdgeChanged();

private:
    QSettings m_settings;
};

} // namespace fp
