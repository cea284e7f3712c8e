#pragma once
// Test photos for the thumbnail tests and benchmark: photo-like pictures made with Qt, and
// JPEG byte surgery for what a hostile upload could declare.

#include <QBuffer>
#include <QImage>
#include <QImageWriter>

#include <algorithm>
#include <string>

namespace fp::test {

/// A photo-like picture: smooth colour gradients with noise of +-`noise` (xorshift,
/// repeatable); the more noise, the more detail the JPEG has to code.
inline QImage photoLike(int width, int height, quint32 seed = 1, int noise = 8)
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

inline std::string jpegOf(const QImage &image, int quality = 85, bool progressive = false)
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

/// `jpeg` with the frame size in its SOF0/SOF2 marker overwritten to `width` x `height` (the
/// data stays small); empty when no such marker is found.
inline std::string jpegDeclaringSize(std::string jpeg, int width, int height)
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

} // namespace fp::test
