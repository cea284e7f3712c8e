#pragma once

#include <QFont>
#include <QRect>
#include <QString>
#include <QStringList>

#include <vector>

class QImage;
class QSize;

namespace fp {

/// One drawn line of a watermark: its whole text (never elided), its font and its place.
struct WatermarkLine
{
    QString text;
    QFont font;
    QRect rect;     // where it is drawn; rect.width() >= the text's measured width
    int source = 0; // index into Watermark::lines(): a long line wraps into several
};

/// Where a watermark goes in an image of a given size: the dark box and every line in it.
struct WatermarkLayout
{
    QRect box;
    int pixelSize = 0; // the body font's pixel size (the time is drawn 8/5 of it, bold)
    std::vector<WatermarkLine> lines;

    bool isEmpty() const { return lines.empty(); }
    /// The drawn lines' texts, top to bottom.
    QStringList texts() const;
};

/// What a Chinese 水印相机 photo carries burned into its corner: when, where, which enterprise
/// and equipment, and who took it.
struct Watermark
{
    QString time;     // local time, "2017-06-01 08:30:15", or "导入 …" for an imported file
    QString position; // "41.12345°N 122.71234°E ±8 m" or a "no position" sentence
    QString enterprise;
    QString equipment; // "中频炉 5吨 · 封条"
    QString inspector;

    /// The watermark's lines as a person reads them: the time first, then "位置：…" etc.
    QStringList lines() const;

    /// The layout in an image of `size`: the body text scales with the short edge, and every
    /// line fits the width whole — a line too long wraps (at a space where it can, e.g. between
    /// the date and the time) and the text gets smaller if the box would not fit the height.
    /// Empty for an image too small to carry text or a watermark without text.
    WatermarkLayout layout(QSize size) const;

    /// Draws the layout into the bottom-left corner of `image`, in a CJK font, and returns it.
    /// Safe to call off the GUI thread (QPainter on a QImage).
    WatermarkLayout burnInto(QImage &image) const;
};

} // namespace fp
