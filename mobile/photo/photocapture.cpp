#include "photo/photocapture.h"

#include "app/appstore.h"
#include "core/ids.h"
#include "photo/exiftime.h"
#include "platform/positioning.h"
#include "platform/storeerror.h"
#include "text/labels.h"
#include "text/qtstrings.h"
#include "text/vocabulary.h"

#include <QDateTime>
#include <QFile>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace fp {

PhotoCapture::PhotoCapture(QObject *parent) : QObject(parent) {}

QString PhotoCapture::sameImageError(AppStore &store, const NewPhoto &photo,
                                     const QString &sourceSha256)
{
    if (sourceSha256.isEmpty())
        return {};
    const auto photos =
        store.withPhotoWriter([&](DeviceStore &s) { return s.bundle(photo.inspection_id).photos; });
    for (const Photo &p : photos) {
        if (p.check_id != photo.check_id ||
            PhotoPipeline::sourceSha256Of(store.blobUrl(qs(p.sha256)).toLocalFile()) !=
                sourceSha256)
            continue;
        const bool item = photo.check_id.has_value();
        if (p.tag == photo.tag)
            return item ? tr("This picture is already this item's %1 photo.")
                              .arg(labels::evidenceTag(p.tag))
                        : tr("This picture is already this visit's %1 photo.")
                              .arg(labels::evidenceTag(p.tag));
        return item ? tr("This picture is already this item's %1 photo: one picture is one piece "
                         "of evidence. Take or choose another picture as the %2 photo.")
                          .arg(labels::evidenceTag(p.tag), labels::evidenceTag(photo.tag))
                    : tr("This picture is already this visit's %1 photo: one picture is one "
                         "piece of evidence. Take or choose another picture as the %2 photo.")
                          .arg(labels::evidenceTag(p.tag), labels::evidenceTag(photo.tag));
    }
    return {};
}

PhotoCapture::~PhotoCapture()
{
    waitForAll();
}

void PhotoCapture::waitForAll()
{
    for (auto *job : m_jobs)
        job->waitForFinished();
}

QString PhotoCapture::newCameraFile() const
{
    if (!m_store)
        return {};
    return m_store->stagingDir() + QStringLiteral("/camera-") + qs(newId()) +
           QStringLiteral(".jpg");
}

bool PhotoCapture::addFromFile(const QUrl &file, const QString &checkId, int tag,
                               const QString &equipment, bool removeSource)
{
    return add(file, checkId, tag, equipment, PhotoSource::Camera, removeSource);
}

bool PhotoCapture::importFile(const QUrl &file, const QString &checkId, int tag,
                              const QString &equipment)
{
    return add(file, checkId, tag, equipment, PhotoSource::Imported, false);
}

bool PhotoCapture::add(const QUrl &file, const QString &checkId, int tag, const QString &equipment,
                       PhotoSource origin, bool removeSource)
{
    const auto evidenceTag = enumFromInt<EvidenceTag>(tag);
    const QString source = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (!m_store || m_inspectionId.isEmpty() || !evidenceTag || source.isEmpty()) {
        Q_EMIT failed(tr("The photo cannot be added: no visit is open."));
        return false;
    }
    const bool imported = origin == PhotoSource::Imported;
    // An imported file was taken somewhere, some time: never here and now.
    const auto position =
        !imported && m_positioning ? m_positioning->current() : std::optional<Position>();
    const auto takenAt = imported ? exifTakenAt(source) : std::optional<QDateTime>();

    PhotoJob job;
    job.source = source;
    job.output = m_store->stagingDir() + QLatin1Char('/') + qs(newId()) + QStringLiteral(".jpg");
    job.maxLongEdge = std::clamp(m_longEdge, 640, 2560);
    const QString timeFormat = QStringLiteral("yyyy-MM-dd HH:mm:ss");
    if (!imported) {
        job.watermark.time = QDateTime::currentDateTime().toString(timeFormat);
        job.watermark.position = m_positioning ? m_positioning->summary() : tr("No position");
    } else if (takenAt) {
        // The time as the file's camera wrote it (its own clock, its own zone).
        job.watermark.time = tr("Imported %1").arg(takenAt->toString(timeFormat));
    } else {
        job.watermark.time = tr("Imported, time unknown");
    }
    job.watermark.enterprise = m_enterpriseName;
    job.watermark.equipment =
        equipment.isEmpty() ? labels::evidenceTag(*evidenceTag)
                            : equipment + QStringLiteral(" · ") + labels::evidenceTag(*evidenceTag);
    job.watermark.inspector = m_inspector;

    NewPhoto photo;
    photo.inspection_id = ss(m_inspectionId);
    photo.check_id = optSs(checkId);
    photo.tag = *evidenceTag;
    photo.file = ss(job.output);
    photo.position = position;
    photo.source = origin;
    if (takenAt)
        photo.taken_at = ss(takenAt->toUTC().toString(Qt::ISODateWithMs));
    photo.caption = ss(job.watermark.equipment);

    AppStore *store = m_store;
    QFuture<Outcome> future = QtConcurrent::run([job, photo, store, removeSource]() mutable {
        Outcome out;
        out.inspectionId = qs(photo.inspection_id);
        job.sourceSha256 = PhotoPipeline::fileSha256(job.source);
        try {
            out.error = sameImageError(*store, photo, job.sourceSha256);
        } catch (const std::exception &e) {
            out.error = storeErrorText(e);
        }
        if (!out.error.isEmpty()) {
            if (removeSource)
                QFile::remove(job.source);
            return out;
        }
        out.pipeline = PhotoPipeline::process(job);
        if (removeSource)
            QFile::remove(job.source);
        if (!out.pipeline.ok) {
            out.error = out.pipeline.error;
            return out;
        }
        photo.width = out.pipeline.outputSize.width();
        photo.height = out.pipeline.outputSize.height();
        try {
            // Hash, temp file, fsync, rename, then the row: DeviceStore::addPhoto, on the photo
            // writer, so the UI thread's store lock stays free while the file is made durable.
            out.photoId =
                qs(store->withPhotoWriter([&](DeviceStore &s) { return s.addPhoto(photo).id; }));
        } catch (const std::exception &e) {
            out.error = storeErrorText(e);
        }
        QFile::remove(job.output);
        return out;
    });
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this,
            [this, watcher] { finished(watcher); });
    watcher->setFuture(future);
    m_jobs.push_back(watcher);
    Q_EMIT runningChanged();
    return true;
}

void PhotoCapture::finished(QFutureWatcher<Outcome> *watcher)
{
    const Outcome out = watcher->result();
    std::erase(m_jobs, watcher);
    watcher->deleteLater();
    Q_EMIT runningChanged();
    if (!out.error.isEmpty()) {
        qWarning("fieldproof: photo not stored: %s", qPrintable(out.error));
        Q_EMIT failed(out.error);
        return;
    }
    m_lastResult = out.pipeline;
    if (m_store)
        m_store->notifyInspectionChanged(out.inspectionId);
    Q_EMIT photoAdded(out.photoId);
}

} // namespace fp
