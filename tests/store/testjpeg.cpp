#include "testjpeg.h"

#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

namespace fp::test {

qint64 writeJpeg(const QString &path, int width, int height, quint32 seed)
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

} // namespace fp::test
