#include "exifjpeg.h"

#include <QFile>

namespace fp::test {

namespace {

void put16(QByteArray &out, quint16 v)
{
    out.append(char(v >> 8));
    out.append(char(v & 0xFF));
}

void put32(QByteArray &out, quint32 v)
{
    put16(out, quint16(v >> 16));
    put16(out, quint16(v & 0xFFFF));
}

QByteArray withApp1(const QByteArray &jpeg, const QByteArray &tiff)
{
    QByteArray app1;
    app1.append(char(0xFF));
    app1.append(char(0xE1));
    put16(app1, quint16(2 + 6 + tiff.size()));
    app1.append("Exif\0\0", 6);
    app1.append(tiff);
    qsizetype at = 2;
    if (jpeg.size() > 6 && uchar(jpeg[2]) == 0xFF && uchar(jpeg[3]) == 0xE0)
        at = 4 + ((uchar(jpeg[4]) << 8) | uchar(jpeg[5]));
    QByteArray out = jpeg;
    out.insert(at, app1);
    return out;
}

} // namespace

QByteArray withExifDateTimeOriginal(const QByteArray &jpeg, const QByteArray &dateTime)
{
    QByteArray value = dateTime.left(19);
    value.append('\0'); // ASCII, NUL-terminated: 20 bytes
    QByteArray tiff;
    tiff.append("MM", 2);
    put16(tiff, 0x002A);
    put32(tiff, 8);      // IFD0 right after the header
    put16(tiff, 1);      // one entry: the Exif sub-IFD pointer
    put16(tiff, 0x8769); // ExifIfdPointer
    put16(tiff, 4);      // LONG
    put32(tiff, 1);
    put32(tiff, 26);     // 8 + 2 + 12 + 4
    put32(tiff, 0);      // no next IFD
    put16(tiff, 1);      // Exif IFD: one entry
    put16(tiff, 0x9003); // DateTimeOriginal
    put16(tiff, 2);      // ASCII
    put32(tiff, quint32(value.size()));
    put32(tiff, 44); // 26 + 2 + 12 + 4
    put32(tiff, 0);  // no next IFD
    tiff.append(value);
    return withApp1(jpeg, tiff);
}

bool setExifDateTimeOriginal(const QString &path, const QByteArray &dateTime)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = withExifDateTimeOriginal(file.readAll(), dateTime);
    file.close();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

QByteArray withExifOrientation(const QByteArray &jpeg, quint16 orientation)
{
    QByteArray tiff;
    tiff.append("MM", 2); // big-endian TIFF
    put16(tiff, 0x002A);
    put32(tiff, 8);      // IFD0 right after the header
    put16(tiff, 1);      // one entry
    put16(tiff, 0x0112); // Orientation
    put16(tiff, 3);      // SHORT
    put32(tiff, 1);      // one value
    put16(tiff, orientation);
    put16(tiff, 0); // value padding to 4 bytes
    put32(tiff, 0); // no next IFD

    QByteArray app1;
    app1.append(char(0xFF));
    app1.append(char(0xE1));
    put16(app1, quint16(2 + 6 + tiff.size()));
    app1.append("Exif\0\0", 6);
    app1.append(tiff);

    // After SOI (FFD8) and, if present, the JFIF APP0 segment.
    qsizetype at = 2;
    if (jpeg.size() > 6 && uchar(jpeg[2]) == 0xFF && uchar(jpeg[3]) == 0xE0)
        at = 4 + ((uchar(jpeg[4]) << 8) | uchar(jpeg[5]));
    QByteArray out = jpeg;
    out.insert(at, app1);
    return out;
}

bool setExifOrientation(const QString &path, quint16 orientation)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = withExifOrientation(file.readAll(), orientation);
    file.close();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
}

} // namespace fp::test
