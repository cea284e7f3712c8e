#include "controllers/storagecontroller.h"

#include "platform/storeerror.h"

#include <QDateTime>

namespace fp {

QString megabytes(std::int64_t bytes)
{
    return QStringLiteral("%1 MB").arg(double(bytes) / (1024.0 * 1024.0), 0, 'f', 1);
}

StorageController::StorageController(QObject *parent)
    : QObject(parent), StoreBinding(OnRefresh | OnVisitChange)
{
    onLanguageChanged([this] { Q_EMIT changed(); });
}

void StorageController::reload()
{
    m_use = {};
    m_reach = {};
    if (m_store) {
        try {
            m_store->with([&](DeviceStore &s) {
                m_use = s.storageUse();
                m_reach = s.backupReach();
            });
        } catch (const std::exception &e) {
            Q_EMIT failed(storeErrorText(e));
        }
    }
    Q_EMIT changed();
}

QString StorageController::usedText() const
{
    return tr("Database %1, photos and signatures %2 (%n file(s)); %3 in all", "",
              int(m_use.file_count))
        .arg(megabytes(m_use.database_bytes), megabytes(m_use.file_bytes),
             megabytes(m_use.database_bytes + m_use.file_bytes));
}

QString StorageController::waitingText() const
{
    if (m_use.waiting_files == 0)
        return tr("Nothing waits for the office's backup.");
    return tr("%1 in %n file(s) wait(s) until the office has accepted them and a verified backup "
              "of the office holds them; they stay on this tablet until then.",
              "", int(m_use.waiting_files))
        .arg(megabytes(m_use.waiting_bytes));
}

QString StorageController::releasableText() const
{
    if (m_use.releasable_files == 0)
        return {};
    return tr("%1 in %n file(s) are held by the office's verified backup and may be freed.", "",
              int(m_use.releasable_files))
        .arg(megabytes(m_use.releasable_bytes));
}

QString StorageController::backupText() const
{
    if (m_reach.through_seq <= 0)
        return tr("No verified backup of the office holds this tablet's visits yet.");
    const QDateTime taken =
        QDateTime::fromString(QString::fromStdString(m_reach.taken_at), Qt::ISODateWithMs);
    return tr("The office's last verified backup (%1) holds this tablet's first %n final "
              "visit(s).",
              "", int(m_reach.through_seq))
        .arg(taken.isValid() ? taken.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))
                             : QString::fromStdString(m_reach.taken_at));
}

double StorageController::usedMb() const
{
    return double(m_use.database_bytes + m_use.file_bytes) / (1024.0 * 1024.0);
}

double StorageController::waitingMb() const
{
    return double(m_use.waiting_bytes) / (1024.0 * 1024.0);
}

QString StorageController::releaseBackedUp()
{
    if (!m_store)
        return {};
    QString sentence;
    try {
        const ReleaseCounts freed =
            m_store->with([](DeviceStore &s) { return s.releaseBackedUpFiles(); });
        sentence = freed.files == 0
                       ? tr("Nothing to free: no file is held by a verified backup yet.")
                       : tr("Freed %1 (%n file(s)). The office keeps them.", "", int(freed.files))
                             .arg(megabytes(freed.bytes));
    } catch (const std::exception &e) {
        sentence = storeErrorText(e);
        Q_EMIT failed(sentence);
    }
    reload();
    return sentence;
}

} // namespace fp
