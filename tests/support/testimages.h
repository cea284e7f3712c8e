#pragma once
// The one test-image kit: real JPEGs made with Qt for every test and benchmark (nothing large is
// committed): photo-like pictures, noisy blocks, two-colour pictures, an EXIF orientation added
// by byte surgery (Qt writes no EXIF), and a frame size that a hostile upload could declare.

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QString>

#include <string>

namespace fp::test {

/// A photo-like picture: smooth colour gradients with noise of +-`noise` (xorshift,
/// repeatable); the more noise, the more detail the JPEG has to code.
QImage photoLike(int width, int height, quint32 seed = 1, int noise = 8);

/// `image` as JPEG bytes.
std::string jpegOf(const QImage &image, int quality = 85, bool progressive = false);

/// `jpeg` with the frame size in its SOF0/SOF2 marker overwritten to `width` x `height` (the
/// data stays small); empty when no such marker is found.
std::string jpegDeclaringSize(std::string jpeg, int width, int height);

/// Writes a width x height JPEG of noisy 16-pixel blocks seeded by `seed` to `path`; returns
/// its size (-1 on error).
qint64 writeBlockJpeg(const QString &path, int width, int height, quint32 seed);

/// A width x height JPEG: left half `left`, right half `right`; returns its path (empty on
/// error).
QString writeJpeg(const QString &path, int width, int height, QColor left = Qt::red,
                  QColor right = Qt::blue, int quality = 90);

/// A 1600 x 1200 demo picture: `colour` with a white frame and diagonal (quality 85); returns
/// `path` (empty on error).
QString writeFramedJpeg(const QString &path, QColor colour);

/// `jpeg` with a minimal big-endian Exif APP1 segment (IFD0 holding only tag 0x0112 =
/// `orientation`, 1..8) inserted after SOI and any APP0 (JFIF) segment.
QByteArray withExifOrientation(const QByteArray &jpeg, quint16 orientation);

/// Rewrites the JPEG file at `path` in place with that orientation; false on I/O errors.
bool setExifOrientation(const QString &path, quint16 orientation);

/// `jpeg` with an Exif APP1 segment whose Exif sub-IFD holds only DateTimeOriginal (0x9003),
/// `dateTime` as EXIF writes it: "YYYY:MM:DD HH:MM:SS"; and the same in place for a file.
QByteArray withExifDateTimeOriginal(const QByteArray &jpeg, const QByteArray &dateTime);
bool setExifDateTimeOriginal(const QString &path, const QByteArray &dateTime);

} // namespace fp::test
