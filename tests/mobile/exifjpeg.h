#pragma once
// Qt writes no EXIF, so the tests put an APP1 Exif segment with an Orientation tag into a
// Qt-made JPEG's bytes themselves.

#include <QByteArray>
#include <QString>

namespace fp::test {

/// `jpeg` with a minimal big-endian Exif APP1 segment (IFD0 holding only tag 0x0112 =
/// `orientation`, 1..8) inserted after SOI and any APP0 (JFIF) segment.
QByteArray withExifOrientation(const QByteArray &jpeg, quint16 orientation);

/// Rewrites the JPEG file at `path` in place with that orientation; false on I/O errors.
bool setExifOrientation(const QString &path, quint16 orientation);

/// `jpeg` with an Exif APP1 segment whose Exif sub-IFD holds only DateTimeOriginal (0x9003),
/// `dateTime` as EXIF writes it: "YYYY:MM:DD HH:MM:SS".
QByteArray withExifDateTimeOriginal(const QByteArray &jpeg, const QByteArray &dateTime);
bool setExifDateTimeOriginal(const QString &path, const QByteArray &dateTime);

} // namespace fp::test
