#include "app/appsettings.h"

#include "photo/imagefoldermodel.h"

#include <QDir>

#include <algorithm>

namespace fp {

namespace {
const QString kLanguage = QStringLiteral("ui/language");
const QString kServer = QStringLiteral("sync/serverUrl");
const QString kLongEdge = QStringLiteral("photos/longEdge");
} // namespace

AppSettings::AppSettings(const QString &dataDir, QObject *parent)
    : QObject(parent), m_settings(dataDir + QStringLiteral("/settings.ini"), QSettings::IniFormat)
{
}

AppSettings::~AppSettings() = default;

template <typename T>
void AppSettings::write(const QString &key, const T &value, const T &current,
                        void (AppSettings::*changed)())
{
    if (value == current)
        return;
    m_settings.setValue(key, value);
    m_settings.sync();
    Q_EMIT(this->*changed)();
}

QString AppSettings::language() const
{
    // Chinese first: the inspectors read Chinese; English is a choice.
    return m_settings.value(kLanguage, QStringLiteral("zh_CN")).toString();
}

void AppSettings::setLanguage(const QString &language)
{
    const QString lang = language == QLatin1String("en") ? language : QStringLiteral("zh_CN");
    write(kLanguage, lang, this->language(), &AppSettings::languageChanged);
}

QString AppSettings::serverUrl() const
{
    return m_settings.value(kServer).toString();
}

void AppSettings::setServerUrl(const QString &url)
{
    write(kServer, url.trimmed(), serverUrl(), &AppSettings::serverUrlChanged);
}

QString AppSettings::inspectorName() const
{
    return m_settings.value(QStringLiteral("inspector/name")).toString();
}

void AppSettings::setInspectorName(const QString &name)
{
    write(QStringLiteral("inspector/name"), name.trimmed(), inspectorName(),
          &AppSettings::identityChanged);
}

QString AppSettings::department() const
{
    return m_settings.value(QStringLiteral("inspector/department")).toString();
}

void AppSettings::setDepartment(const QString &department)
{
    write(QStringLiteral("inspector/department"), department.trimmed(), this->department(),
          &AppSettings::identityChanged);
}

QString AppSettings::draft(const QString &key) const
{
    if (key.isEmpty())
        return {};
    return m_settings.value(QStringLiteral("drafts/") + key).toString();
}

void AppSettings::setDraft(const QString &key, const QString &text)
{
    if (key.isEmpty() || draft(key) == text)
        return;
    if (text.isEmpty())
        m_settings.remove(QStringLiteral("drafts/") + key);
    else
        m_settings.setValue(QStringLiteral("drafts/") + key, text);
    m_settings.sync();
}

bool AppSettings::autoSync() const
{
    return m_settings.value(QStringLiteral("sync/auto"), true).toBool();
}

void AppSettings::setAutoSync(bool on)
{
    write(QStringLiteral("sync/auto"), on, autoSync(), &AppSettings::autoSyncChanged);
}

bool AppSettings::meteredRecordsOnly() const
{
    return m_settings.value(QStringLiteral("sync/meteredRecordsOnly"), true).toBool();
}

void AppSettings::setMeteredRecordsOnly(bool on)
{
    write(QStringLiteral("sync/meteredRecordsOnly"), on, meteredRecordsOnly(),
          &AppSettings::autoSyncChanged);
}

int AppSettings::photoLongEdge() const
{
    return std::clamp(m_settings.value(kLongEdge, kMaxLongEdge).toInt(), 640, kMaxLongEdge);
}

void AppSettings::setPhotoLongEdge(int pixels)
{
    write(kLongEdge, std::clamp(pixels, 640, kMaxLongEdge), photoLongEdge(),
          &AppSettings::photoLongEdgeChanged);
}

QString AppSettings::importDir() const
{
    if (!m_importDir.isEmpty() && QDir(m_importDir).exists())
        return QDir(m_importDir).absolutePath();
    return ImageFolderModel::defaultFolder();
}

void AppSettings::setImportDir(const QString &folder)
{
    if (folder == m_importDir)
        return;
    m_importDir = folder;
    Q_EMIT importDirChanged();
}

QString AppSettings::version()
{
    return QStringLiteral(FIELDPROOF_VERSION);
}

} // namespace fp
