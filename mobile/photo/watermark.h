#pragma once

#include <QString>

class QImage;

namespace fp {

/// What a Chinese 水印相机 photo carries burned into its corner: when, where, which enterprise
/// and equipment, and who took it.
struct Watermark
{
    QString time;     // local time, "2017-06-01 08:30:15"
    QString position; // "41.12345°N 122.71234°E ±8 m" or a "no position" sentence
    QString enterprise;
    QString equipment; // "中频炉 5吨 · 封条"
    QString inspector;

    /// Draws the watermark into the bottom-left corner of `image`, scaled to its size, in a
    /// CJK font. Safe to call off the GUI thread (QPainter on a QImage).
    void burnInto(QImage &image) const;
};

} // namespace fp
