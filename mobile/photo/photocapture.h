#pragma once

#include "core/enums.h"
#include "photo/photopipeline.h"

#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <optional>
#include <vector>

namespace fp {

class AppStore;
class Positioning;
struct NewPhoto;

/// Turns a camera shot or an imported file into stored evidence of one visit. The whole
/// pipeline (decode, scale, watermark, JPEG, hash, atomic store, row) runs on the thread
/// pool; the UI only hears `photoAdded` or `failed`.
class PhotoCapture : public QObject
{
    Q_OBJECT
    Q_MOC_INCLUDE("app/appstore.h")
    Q_MOC_INCLUDE("platform/positioning.h")
    QML_ELEMENT
    Q_PROPERTY(fp::AppStore *store MEMBER m_store NOTIFY storeChanged)
    Q_PROPERTY(fp::Positioning *positioning MEMBER m_positioning NOTIFY positioningChanged)
    Q_PROPERTY(QString inspectionId MEMBER m_inspectionId NOTIFY inspectionIdChanged)
    Q_PROPERTY(QString enterpriseName MEMBER m_enterpriseName NOTIFY watermarkChanged)
    Q_PROPERTY(QString inspector MEMBER m_inspector NOTIFY watermarkChanged)
    Q_PROPERTY(int longEdge MEMBER m_longEdge NOTIFY longEdgeChanged)
    Q_PROPERTY(int running READ running NOTIFY runningChanged)

  public:
    explicit PhotoCapture(QObject *parent = nullptr);
    ~PhotoCapture() override;

    int running() const { return static_cast<int>(m_jobs.size()); }

    /// Queues `file` as evidence tagged `tag` (Vocabulary::EvidenceTag), for the check
    /// `checkId` (empty: the visit as a whole). `equipment` names the item in the watermark.
    /// `removeSource`: the file is the app's own camera shot and is deleted afterwards.
    Q_INVOKABLE bool addFromFile(const QUrl &file, const QString &checkId, int tag,
                                 const QString &equipment, bool removeSource = false);
    /// Queues a photo file chosen on the import page: stored as `source: imported`, with the
    /// file's own EXIF time (or none) and no position, never today's; its watermark says 导入.
    Q_INVOKABLE bool importFile(const QUrl &file, const QString &checkId, int tag,
                                const QString &equipment);
    /// A path in the staging folder for the camera to save its next shot to.
    Q_INVOKABLE QString newCameraFile() const;
    /// Blocks until every queued photo is stored (tests and shutdown).
    void waitForAll();
    /// What the pipeline did for the photo stored last (tests and benchmarks).
    const PhotoResult &lastResult() const { return m_lastResult; }

  Q_SIGNALS:
    void storeChanged();
    void positioningChanged();
    void inspectionIdChanged();
    void watermarkChanged();
    void longEdgeChanged();
    void runningChanged();
    void photoAdded(const QString &photoId);
    void failed(const QString &message);

  private:
    struct Outcome
    {
        PhotoResult pipeline;
        QString inspectionId;
        QString photoId;
        QString error;
    };
    bool add(const QUrl &file, const QString &checkId, int tag, const QString &equipment,
             PhotoSource source, bool removeSource);
    /// One picture is one piece of evidence: why `photo` (whose source file hashes to
    /// `sourceSha256`) cannot be added, when the same picture already is a photo of the same
    /// item (or of the visit itself); else "". Runs on the worker thread.
    static QString sameImageError(AppStore &store, const NewPhoto &photo,
                                  const QString &sourceSha256);
    void finished(QFutureWatcher<Outcome> *watcher);

    QPointer<AppStore> m_store;
    QPointer<Positioning> m_positioning;
    QString m_inspectionId;
    QString m_enterpriseName;
    QString m_inspector;
    int m_longEdge = 2560;
    PhotoResult m_lastResult;
    std::vector<QFutureWatcher<Outcome> *> m_jobs;
};

} // namespace fp
