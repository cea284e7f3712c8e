#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

namespace fp {

/// When the picture in the image file at `path` was taken, as its own EXIF says
/// (DateTimeOriginal, with OffsetTimeOriginal when the file records it; else read as the
/// tablet's local time). None when the file has no such tag or it is not a valid time.
std::optional<QDateTime> exifTakenAt(const QString &path);

} // namespace fp
