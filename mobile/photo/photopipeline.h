#pragma once

#include "photo/watermark.h"

#include <QImageIOHandler>
#include <QSize>
#include <QString>

namespace fp {

/// One photo to turn into evidence: where it is, where the JPEG goes, how big it may be.
struct PhotoJob
{
    QString source;
    QString output;
    int maxLongEdge = 2560;
    int quality = 85;
    Watermark watermark;
    /// SHA-256 (hex) of the source file, written into the JPEG as the text kSourceHashKey so
    /// that the same picture is recognised when it is offered again as other evidence.
    QString sourceSha256{};
};

/// The JPEG text (comment) that carries PhotoJob::sourceSha256.
inline constexpr char kSourceHashKey[] = "FieldProof-Source-SHA256";

/// What the pipeline did; `decodeSize` is the size asked of the decoder, which is what keeps
/// memory bounded for a 48-megapixel source.
struct PhotoResult
{
    bool ok = false;
    QString error;
    bool storageFull = false; // the JPEG could not be written: the tablet's storage is full
    QSize sourceSize;         // as stored in the file, before orientation
    QSize decodeSize;
    QSize outputSize; // as written, upright
    QImageIOHandler::Transformations transformation = QImageIOHandler::TransformationNone;
    qint64 outputBytes = 0;
    WatermarkLayout watermark{}; // what was burned in, line by line
};

/// DESIGN §5 up to the JPEG: read with the EXIF orientation applied, decoded straight at the
/// reduced size (never the full 48 MP), long edge ≤ maxLongEdge, watermark burned in, JPEG out.
/// A plain function of its inputs, so it runs on any thread.
class PhotoPipeline
{
  public:
    static PhotoResult process(const PhotoJob &job);
    /// The largest size within `maxLongEdge` with the source's aspect ratio (never upscaled).
    static QSize decodeSizeFor(QSize source, int maxLongEdge);
    /// SHA-256 (hex) of the file at `path`, or "" when it cannot be read.
    static QString fileSha256(const QString &path);
    /// The source hash a stored photo carries (kSourceHashKey), or "".
    static QString sourceSha256Of(const QString &storedJpeg);
};

} // namespace fp
