#include "controllers/synccontroller.h"

#include "app/appstore.h"
#include "sync/syncmessages.h"
#include "sync/syncworker.h"
#include "text/languagenotifier.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QNetworkInformation>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>
#include <QUrl>

namespace fp {

namespace {
constexpr int kDefaultAutoSyncMinutes = 10;

QString megabytes(std::int64_t bytes)
{
    return QLocale().toString(double(bytes) / (1024.0 * 1024.0), 'f', 1);
}
} // namespace

SyncController::SyncController(AppStore *store, std::unique_ptr<SyncBackend> backend,
                               QObject *parent)
    : QObject(parent), m_store(store)
{
    qRegisterMetaType<SyncRunProgress>();
    qRegisterMetaType<SyncRunResult>();
    qRegisterMetaType<EnrolRequest>();
    qRegisterMetaType<SyncRunOptions>();
    m_worker = new SyncWorker(store->dbFile(), store->photoDir(), std::move(backend), m_cancel);
    connect(m_worker, &SyncWorker::progress, this, &SyncController::onProgress);
    connect(m_worker, &SyncWorker::syncFinished, this, &SyncController::onSyncFinished);
    connect(m_worker, &SyncWorker::enrolFinished, this, &SyncController::onEnrolFinished);
    connect(m_worker, &SyncWorker::stateRead, this, &SyncController::onState);
    // Read once here, on this thread, so the first screen already knows the enrolment.
    m_worker->readState();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(this, &SyncController::requestSync, m_worker, &SyncWorker::runSync);
    connect(this, &SyncController::requestEnrol, m_worker, &SyncWorker::runEnrol);
    connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, this, [this] {
        Q_EMIT progressChanged();
        Q_EMIT identityChanged();
    });
    m_thread.setObjectName(QStringLiteral("fieldproof-sync"));
    m_thread.start();
    m_autoTimer = new QTimer(this);
    m_autoTimer->setInterval(kDefaultAutoSyncMinutes * 60'000);
    connect(m_autoTimer, &QTimer::timeout, this, &SyncController::autoSyncTick);
}

void SyncController::setAutoSync(bool on)
{
    if (on == m_autoSync)
        return;
    m_autoSync = on;
    if (on)
        m_autoTimer->start();
    else
        m_autoTimer->stop();
    Q_EMIT autoSyncChanged();
}

int SyncController::autoSyncMinutes() const
{
    return std::max(1, m_autoTimer->interval() / 60'000);
}

void SyncController::setAutoSyncMinutes(int minutes)
{
    setAutoSyncIntervalMs(std::clamp(minutes, 1, 24 * 60) * 60'000);
}

void SyncController::setAutoSyncIntervalMs(int ms)
{
    if (ms == m_autoTimer->interval())
        return;
    m_autoTimer->setInterval(std::max(10, ms));
    Q_EMIT autoSyncChanged();
}

void SyncController::setMeteredRecordsOnly(bool on)
{
    if (on == m_meteredRecordsOnly)
        return;
    m_meteredRecordsOnly = on;
    Q_EMIT networkCostChanged();
}

void SyncController::setMetered(bool metered)
{
    if (metered == m_metered)
        return;
    m_metered = metered;
    Q_EMIT networkCostChanged();
}

void SyncController::watchNetwork()
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return; // no backend on this platform: the timer alone
    const auto *info = QNetworkInformation::instance();
    if (info->supports(QNetworkInformation::Feature::Metered)) {
        setMetered(info->isMetered());
        connect(info, &QNetworkInformation::isMeteredChanged, this, &SyncController::setMetered);
    }
    m_online = info->reachability() == QNetworkInformation::Reachability::Online ||
               info->reachability() == QNetworkInformation::Reachability::Unknown;
    connect(info, &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability r) {
                networkChanged(r == QNetworkInformation::Reachability::Online);
            });
}

void SyncController::networkChanged(bool online)
{
    const bool cameBack = online && !m_online;
    m_online = online;
    if (cameBack && m_autoSync && m_enrolled && !m_running && !m_enrolling && start())
        Q_EMIT autoSyncStarted(QStringLiteral("network"));
}

void SyncController::autoSyncTick()
{
    if (!m_autoSync || !m_enrolled || !m_online || m_running || m_enrolling || !m_store ||
        m_store->pendingCount() == 0)
        return;
    if (start())
        Q_EMIT autoSyncStarted(QStringLiteral("timer"));
}

SyncController::~SyncController()
{
    m_cancel = true;
    m_thread.quit();
    m_thread.wait();
}

QString SyncController::lastSync() const
{
    if (m_lastSyncUtc.isEmpty())
        return tr("Never");
    const auto t = QDateTime::fromString(m_lastSyncUtc, Qt::ISODateWithMs);
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                       : m_lastSyncUtc;
}

QString SyncController::phaseLabel() const
{
    if (!m_running)
        return {};
    if (m_progress.unreachable)
        return tr("Cannot reach the office server. Trying again…");
    switch (m_progress.phase) {
    case SyncRunProgress::Pull:
        return tr("Receiving tasks and plan (%n row(s))", nullptr, int(m_progress.rows_pulled));
    case SyncRunProgress::Upload:
        return tr("Sending photos and signatures");
    case SyncRunProgress::Push:
        return tr("Sending visits");
    default:
        return tr("Finishing");
    }
}

double SyncController::itemsFraction() const
{
    return m_progress.items_total > 0
               ? double(m_progress.items_done) / double(m_progress.items_total)
               : 0.0;
}

double SyncController::bytesFraction() const
{
    return m_progress.bytes_total > 0
               ? double(m_progress.bytes_done) / double(m_progress.bytes_total)
               : 0.0;
}

QString SyncController::itemsText() const
{
    return tr("%1 / %2 visits").arg(m_progress.items_done).arg(m_progress.items_total);
}

QString SyncController::bytesText() const
{
    return tr("%1 / %2 MB")
        .arg(megabytes(m_progress.bytes_done), megabytes(m_progress.bytes_total));
}

bool SyncController::start()
{
    if (m_running || m_enrolling)
        return false;
    m_cancel = false;
    m_running = true;
    m_progress = {};
    m_lastError.clear();
    Q_EMIT runningChanged();
    Q_EMIT progressChanged();
    Q_EMIT outcomeChanged();
    SyncRunOptions run;
    run.records_only = recordsOnly();
    Q_EMIT requestSync(run);
    return true;
}

void SyncController::cancel()
{
    m_cancel = true;
}

QString SyncController::keepCaCertificate(const QString &text, QString *error) const
{
    const QString given = text.trimmed();
    QByteArray pem = given.toUtf8();
    // A file: a path or a file:// URL (pasted text is anything else).
    static const QRegularExpression fileLike(QStringLiteral("^(file:|/|~/|\\./)|\\.(pem|crt|cer)$"),
                                             QRegularExpression::CaseInsensitiveOption);
    if (!given.contains(QLatin1String("-----BEGIN")) && fileLike.match(given).hasMatch()) {
        const QString path = given.startsWith(QLatin1String("file:")) ? QUrl(given).toLocalFile()
                             : given.startsWith(QLatin1String("~/"))
                                 ? QDir::homePath() + given.mid(1)
                                 : given;
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly) || file.size() > 1024 * 1024) {
            *error = tr("The CA certificate file %1 cannot be read. Choose the file the office "
                        "gave you, or paste its text.")
                         .arg(path);
            return {};
        }
        pem = file.readAll();
    }
    // Each certificate block with its base64 rewrapped: text from a QR code or a chat
    // message may have lost its line breaks, which OpenSSL's PEM reader needs.
    static const QRegularExpression block(
        QStringLiteral("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----"));
    QByteArray clean;
    for (auto it = block.globalMatch(QString::fromUtf8(pem)); it.hasNext();) {
        QString body = it.next().captured(1);
        body.remove(QRegularExpression(QStringLiteral("\\s")));
        const auto decoded = QByteArray::fromBase64Encoding(
            body.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty() ||
            static_cast<unsigned char>(decoded.decoded.at(0)) != 0x30)
            continue; // not DER inside (a DER certificate starts with a SEQUENCE)
        clean += "-----BEGIN CERTIFICATE-----\n";
        for (qsizetype i = 0; i < body.size(); i += 64)
            clean += body.mid(i, 64).toLatin1() + '\n';
        clean += "-----END CERTIFICATE-----\n";
    }
    if (clean.isEmpty()) {
        *error = tr("This is not a CA certificate. It is a file or text that begins with "
                    "-----BEGIN CERTIFICATE-----; ask the office for it.");
        return {};
    }
    // Named by its content: a failed sign-in never replaces the CA of the current enrolment.
    const QString name =
        QStringLiteral("office-ca-%1.pem")
            .arg(QString::fromLatin1(
                QCryptographicHash::hash(clean, QCryptographicHash::Sha256).toHex().left(16)));
    const QString path = QDir(m_store->dataDir()).filePath(name);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(clean) != clean.size() || !out.commit()) {
        *error = tr("The CA certificate cannot be saved on this tablet: %1").arg(out.errorString());
        return {};
    }
    return path;
}

bool SyncController::enrol(const QString &serverUrl, const QString &username,
                           const QString &password, const QString &caCertificate)
{
    if (m_running || m_enrolling)
        return false;
    if (serverUrl.trimmed().isEmpty() || username.trimmed().isEmpty() || password.isEmpty()) {
        m_lastError = tr("Fill in the server address, your username and your password.");
        Q_EMIT outcomeChanged();
        Q_EMIT enrolFinished(false);
        return false;
    }
    std::string caFile;
    if (!caCertificate.trimmed().isEmpty()) {
        QString error;
        caFile = keepCaCertificate(caCertificate, &error).toStdString();
        if (caFile.empty()) {
            m_lastError = error;
            Q_EMIT outcomeChanged();
            Q_EMIT enrolFinished(false);
            return false;
        }
    }
    m_enrolWithCa = !caFile.empty();
    m_cancel = false;
    m_enrolling = true;
    m_lastError.clear();
    Q_EMIT runningChanged();
    Q_EMIT outcomeChanged();
    EnrolRequest request{
        serverUrl.trimmed().toStdString(), username.trimmed().toStdString(), password.toStdString(),
        tr("FieldProof tablet (%1)").arg(QSysInfo::machineHostName()).toStdString(), caFile};
    Q_EMIT requestEnrol(request);
    return true;
}

void SyncController::onProgress(const SyncRunProgress &progress)
{
    m_progress = progress;
    Q_EMIT progressChanged();
}

void SyncController::onSyncFinished(const SyncRunResult &result)
{
    m_running = false;
    m_lastError = syncOutcomeText(result, false);
    m_lastSummary = syncResultSentence(result);
    m_officeNotice = officeRestoredText(result);
    if (!result.summary.empty()) // the counts for a developer: the log, not the screen
        qInfo("fieldproof: sync: %s", result.summary.c_str());
    Q_EMIT runningChanged();
    Q_EMIT progressChanged();
    Q_EMIT outcomeChanged();
    if (!m_officeNotice.isEmpty())
        Q_EMIT officeRestored(m_officeNotice);
    if (m_store)
        m_store->notifyRefreshed(); // pulled rows and acknowledged visits
    Q_EMIT syncFinished(result.failure == SyncFailure::None && result.items_left == 0);
}

void SyncController::onEnrolFinished(const SyncRunResult &result)
{
    m_enrolling = false;
    m_lastError =
        result.failure == SyncFailure::Certificate && m_enrolWithCa
            ? tr("The office server's certificate does not match the CA certificate you gave. "
                 "Check that it is your office's current CA certificate; leave the field empty "
                 "if the office has a certificate from a public authority.")
            : syncOutcomeText(result, true);
    Q_EMIT runningChanged();
    Q_EMIT outcomeChanged();
    Q_EMIT enrolFinished(result.failure == SyncFailure::None);
}

void SyncController::onState(bool enrolled, const QString &username, const QString &deviceId,
                             const QString &serverUrl, const QString &lastSync,
                             const QString &caFile)
{
    m_caFile = caFile;
    m_enrolled = enrolled;
    m_username = username;
    m_deviceId = deviceId;
    m_serverUrl = serverUrl;
    m_lastSyncUtc = lastSync;
    Q_EMIT identityChanged();
}

} // namespace fp
