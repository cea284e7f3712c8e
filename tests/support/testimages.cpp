#include "testimages.h"

#include <QBuffer>
#include <QFile>

#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QRandomGenerator>
#include <functional>

#include <algorithm>
#include <functional>

namespace fp::test {

QImage photoLike(int width, int height, quint32 seed, int noise)
{
    QImage image(width, height, QImage::Format_RGB888);
    quint32 state = seed * 2654435761u + 1;
    for (int y = 0; y < height; ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const int n = static_cast<int>(state % unsigned(2 * noise + 1)) - noise;
            const int v[3] = {x * 255 / width, y * 255 / height, (x + y) * 127 / (width + height)};
            for (int c = 0; c < 3; ++c)
                line[x * 3 + c] = static_cast<uchar>(std::clamp(v[c] + 64 + n, 0, 255));
        }
    }
    return image;
}

std::string jpegOf(const QImage &image, int quality, bool progressive)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(quality);
    writer.setProgressiveScanWrite(progressive);
    if (!writer.write(image))
        qWarning("cannot write a test JPEG: %s", qPrintable(writer.errorString()));
    return bytes.toStdString();
}

std::string jpegDeclaringSize(std::string jpeg, int width, int height)
{
    for (std::size_t at = 2; at + 9 < jpeg.size();) {
        const int marker = static_cast<unsigned char>(jpeg[at + 1]);
        if (marker == 0xC0 || marker == 0xC2) {
            jpeg[at + 5] = static_cast<char>(height >> 8);
            jpeg[at + 6] = static_cast<char>(height & 255);
            jpeg[at + 7] = static_cast<char>(width >> 8);
            jpeg[at + 8] = static_cast<char>(width & 255);
            return jpeg;
        }
        at += 2 + static_cast<unsigned char>(jpeg[at + 2]) * 256u +
              static_cast<unsigned char>(jpeg[at + 3]);
    }
    return {};
}

qint64 writeBlockJpeg(const QString &path, int width, int height, quint32 seed)
{
    QImage image(width, height, QImage::Format_RGB32);
    QRandomGenerator rng(seed);
    QPainter painter(&image);
    const int block = 16;
    for (int y = 0; y < height; y += block) {
        for (int x = 0; x < width; x += block)
            painter.fillRect(x, y, block, block, QColor::fromRgb(rng.generate() & 0xFFFFFF));
    }
    painter.end();
    if (!image.save(path, "JPEG", 90))
        return -1;
    return QFileInfo(path).size();
}

QString writeJpeg(const QString &path, int width, int height, QColor left, QColor right,
                  int quality)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(right);
    QPainter p(&image);
    p.fillRect(0, 0, width / 2, height, left);
    p.end();
    return image.save(path, "JPEG", quality) ? path : QString();
}

QString writeFramedJpeg(const QString &path, QColor colour)
{
    QImage image(1600, 1200, QImage::Format_RGB32);
    image.fill(colour);
    QPainter p(&image);
    p.setPen(QPen(Qt::white, 12));
    p.drawRect(200, 200, 1200, 800);
    p.drawLine(200, 200, 1400, 1000);
    p.end();
    return image.save(path, "JPEG", 85) ? path : QString();
}

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

/// `jpeg` with an Exif APP1 segment holding `tiff`, after SOI and, if present, the JFIF APP0.
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

bool rewrite(const QString &path, const std::function<QByteArray(const QByteArray &)> &change)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = change(file.readAll());
    file.close();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(bytes) == bytes.size();
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
    return rewrite(
        path, [&](const QByteArray &jpeg) { return withExifDateTimeOriginal(jpeg, dateTime); });
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
    return withApp1(jpeg, tiff);
}

bool setExifOrientation(const QString &path, quint16 orientation)
{
    return rewrite(path,
                   [&](const QByteArray &jpeg) { return withExifOrientation(jpeg, orientation); });
}

} // namespace fp::test
