#include "photo/photopipeline.h"

#include "device/devicefull.h"
#include "fs/file.h"
#include "platform/storeerror.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <string_view>

namespace fp {

namespace {

/// Writes `bytes` as the new file `path`; 0, or the errno of the first failure.
int writeWholeFile(const QString &path, const QByteArray &bytes)
{
    const QByteArray name = QFile::encodeName(path);
    FileHandle file(::open(name.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (file.fd() < 0)
        return errno;
    if (!writeAll(file.fd(), std::string_view(bytes.constData(), std::size_t(bytes.size()))))
        return errno;
    if (file.close() != 0)
        return errno;
    return 0;
}

} // namespace

QSize PhotoPipeline::decodeSizeFor(QSize source, int maxLongEdge)
{
    const int longEdge = std::max(source.width(), source.height());
    if (longEdge <= maxLongEdge || longEdge <= 0)
        return source;
    const double scale = double(maxLongEdge) / longEdge;
    return QSize(std::max(1, int(std::floor(source.width() * scale))),
                 std::max(1, int(std::floor(source.height() * scale))));
}

QString PhotoPipeline::fileSha256(const QString &path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

QString PhotoPipeline::sourceSha256Of(const QString &storedJpeg)
{
    QImageReader reader(storedJpeg); // the header only: the text, not the pixels
    return reader.text(QLatin1String(kSourceHashKey));
}

PhotoResult PhotoPipeline::process(const PhotoJob &job)
{
    PhotoResult result;
    QImageReader reader(job.source);
    reader.setAutoTransform(true);
    reader.setQuality(90); // smooth scaling after the decoder's own reduction
    if (!reader.canRead()) {
        result.error = QCoreApplication::translate(
                           "PhotoPipeline", "This file is not a photo the app can read (%1).")
                           .arg(reader.errorString());
        return result;
    }
    // size() is the stored size; the orientation is applied after decoding, and scaling keeps
    // the aspect ratio, so the long edge bound holds either way.
    result.sourceSize = reader.size();
    result.transformation = reader.transformation();
    if (!result.sourceSize.isValid()) {
        result.error = QCoreApplication::translate(
            "PhotoPipeline", "The photo's size cannot be read; it may be damaged.");
        return result;
    }
    result.decodeSize = decodeSizeFor(result.sourceSize, job.maxLongEdge);
    if (result.decodeSize != result.sourceSize)
        reader.setScaledSize(result.decodeSize);
    QImage image = reader.read();
    if (image.isNull()) {
        result.error =
            QCoreApplication::translate("PhotoPipeline", "The photo could not be decoded (%1).")
                .arg(reader.errorString());
        return result;
    }
    if (image.format() != QImage::Format_RGB32)
        image = image.convertToFormat(QImage::Format_RGB32);
    result.watermark = job.watermark.burnInto(image);

    // Encoded in memory, then written with plain write(2): a full disk (ENOSPC, or the
    // file-size limit's EFBIG) is told apart from every other failure, which the image writer's
    // own file handling does not report.
    QByteArray jpeg;
    {
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        QImageWriter writer(&buffer, "jpeg");
        writer.setQuality(job.quality);
        if (!job.sourceSha256.isEmpty())
            writer.setText(QLatin1String(kSourceHashKey), job.sourceSha256);
        if (!writer.write(image)) {
            result.error =
                QCoreApplication::translate("PhotoPipeline", "The photo could not be saved (%1).")
                    .arg(writer.errorString());
            return result;
        }
    }
    if (const int error = writeWholeFile(job.output, jpeg); error != 0) {
        QFile::remove(job.output);
        result.storageFull = isNoRoomErrno(error);
        result.error =
            result.storageFull
                ? storageFullText()
                : QCoreApplication::translate("PhotoPipeline", "The photo could not be saved (%1).")
                      .arg(QString::fromLocal8Bit(std::strerror(error)));
        return result;
    }
    result.outputSize = image.size();
    result.outputBytes = jpeg.size();
    result.ok = true;
    return result;
}

} // namespace fp
