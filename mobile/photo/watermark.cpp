#include "photo/watermark.h"

#include <QCoreApplication>
#include <QFont>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace fp {

void Watermark::burnInto(QImage &image) const
{
    const int shortEdge = std::min(image.width(), image.height());
    if (shortEdge < 64 || (time.isEmpty() && position.isEmpty() && enterprise.isEmpty() &&
                           equipment.isEmpty() && inspector.isEmpty()))
        return;
    const int pixel = std::max(12, shortEdge / 34);
    QFont body(QStringLiteral("WenQuanYi Micro Hei"));
    body.setPixelSize(pixel);
    QFont big = body;
    big.setPixelSize(pixel * 8 / 5);
    big.setBold(true);

    QStringList lines;
    if (!position.isEmpty())
        lines << QCoreApplication::translate("Watermark", "Position: %1").arg(position);
    if (!enterprise.isEmpty())
        lines << QCoreApplication::translate("Watermark", "Enterprise: %1").arg(enterprise);
    if (!equipment.isEmpty())
        lines << QCoreApplication::translate("Watermark", "Equipment: %1").arg(equipment);
    if (!inspector.isEmpty())
        lines << QCoreApplication::translate("Watermark", "Inspector: %1").arg(inspector);

    const QFontMetrics bodyMetrics(body);
    const QFontMetrics bigMetrics(big);
    const int margin = pixel;
    const int maxWidth = image.width() - 4 * margin;
    int width = bigMetrics.horizontalAdvance(time);
    for (const QString &line : lines)
        width = std::max(width, bodyMetrics.horizontalAdvance(line));
    width = std::min(width, maxWidth);
    const int lineHeight = bodyMetrics.height();
    const int height =
        bigMetrics.height() + lineHeight * static_cast<int>(lines.size()) + margin / 2;

    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QRect box(margin, image.height() - margin - height - margin, width + 2 * margin,
                    height + margin);
    QPainterPath path;
    path.addRoundedRect(box, pixel / 2.0, pixel / 2.0);
    painter.fillPath(path, QColor(0, 0, 0, 140));
    // A coloured bar on the left, as inspectors know it from watermark-camera apps.
    painter.fillRect(
        QRect(box.left(), box.top() + pixel / 2, std::max(3, pixel / 5), box.height() - pixel),
        QColor(0xFF, 0xB3, 0x00));

    int y = box.top() + margin / 2;
    painter.setPen(Qt::white);
    painter.setFont(big);
    painter.drawText(QRect(box.left() + margin, y, width, bigMetrics.height()),
                     Qt::AlignLeft | Qt::AlignVCenter,
                     bigMetrics.elidedText(time, Qt::ElideRight, width));
    y += bigMetrics.height();
    painter.setFont(body);
    for (const QString &line : lines) {
        painter.drawText(QRect(box.left() + margin, y, width, lineHeight),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         bodyMetrics.elidedText(line, Qt::ElideRight, width));
        y += lineHeight;
    }
}

} // namespace fp
