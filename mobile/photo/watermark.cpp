#include "photo/watermark.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include <algorithm>

namespace fp {

namespace {

/// The smallest body text the layout shrinks to before it gives up on an image.
constexpr int kMinPixel = 6;

/// `text` broken into lines no wider than `width` in `font`: at spaces and between CJK
/// characters where it can, anywhere within a word only when a word alone is too wide.
QStringList wrap(const QString &text, const QFont &font, int width)
{
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    QStringList out;
    layout.beginLayout();
    for (int guard = 0; guard <= text.size(); ++guard) { // a line takes one character at least
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(width);
        out << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    out.removeAll(QString());
    return out;
}

} // namespace

QStringList WatermarkLayout::texts() const
{
    QStringList out;
    for (const WatermarkLine &line : lines)
        out << line.text;
    return out;
}

QStringList Watermark::lines() const
{
    QStringList out;
    if (!time.isEmpty())
        out << time;
    if (!position.isEmpty())
        out << QCoreApplication::translate("Watermark", "Position: %1").arg(position);
    if (!enterprise.isEmpty())
        out << QCoreApplication::translate("Watermark", "Enterprise: %1").arg(enterprise);
    if (!equipment.isEmpty())
        out << QCoreApplication::translate("Watermark", "Equipment: %1").arg(equipment);
    if (!inspector.isEmpty())
        out << QCoreApplication::translate("Watermark", "Inspector: %1").arg(inspector);
    return out;
}

WatermarkLayout Watermark::layout(QSize size) const
{
    const QStringList source = lines();
    const int shortEdge = std::min(size.width(), size.height());
    if (source.isEmpty() || shortEdge < 64)
        return {};
    const bool hasTime = !time.isEmpty();
    // From the size a reader expects (1/34 of the short edge, at least 12 px) down: the first
    // size whose box fits the image. Each step lays every line out again.
    for (int pixel = std::max(12, shortEdge / 34); pixel >= kMinPixel; --pixel) {
        QFont body(QStringLiteral("WenQuanYi Micro Hei"));
        body.setPixelSize(pixel);
        QFont big = body;
        big.setPixelSize(pixel * 8 / 5);
        big.setBold(true);
        const int margin = std::max(4, pixel);
        const int textWidth = size.width() - 4 * margin; // box margin and padding, both sides
        if (textWidth < 2 * pixel)
            continue;

        WatermarkLayout out;
        out.pixelSize = pixel;
        int y = 0;
        int widest = 0;
        bool fits = true;
        for (int i = 0; i < source.size() && fits; ++i) {
            const QFont &font = (hasTime && i == 0) ? big : body;
            const QFontMetrics metrics(font);
            for (const QString &part : wrap(source[i], font, textWidth)) {
                const int w = metrics.horizontalAdvance(part);
                fits = fits && w <= textWidth;
                widest = std::max(widest, w);
                out.lines.push_back(WatermarkLine{part, font, QRect(0, y, 0, metrics.height()), i});
                y += metrics.height();
            }
        }
        const int boxHeight = y + margin;
        if (!fits || boxHeight + 2 * margin > size.height())
            continue;
        out.box = QRect(margin, size.height() - margin - boxHeight, widest + 2 * margin, boxHeight);
        const int top = out.box.top() + margin / 2;
        for (WatermarkLine &line : out.lines)
            line.rect =
                QRect(out.box.left() + margin, top + line.rect.top(), widest, line.rect.height());
        return out;
    }
    return {};
}

WatermarkLayout Watermark::burnInto(QImage &image) const
{
    WatermarkLayout l = layout(image.size());
    if (l.isEmpty())
        return l;
    const int pixel = l.pixelSize;
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    QPainterPath path;
    path.addRoundedRect(l.box, pixel / 2.0, pixel / 2.0);
    painter.fillPath(path, QColor(0, 0, 0, 140));
    // A coloured bar on the left, as inspectors know it from watermark-camera apps.
    painter.fillRect(QRect(l.box.left(), l.box.top() + pixel / 2, std::max(3, pixel / 5),
                           l.box.height() - pixel),
                     QColor(0xFF, 0xB3, 0x00));
    painter.setPen(Qt::white);
    for (const WatermarkLine &line : l.lines) {
        painter.setFont(line.font);
        painter.drawText(line.rect, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, line.text);
    }
    return l;
}

} // namespace fp
