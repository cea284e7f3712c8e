#include "photo/exiftime.h"

#include <libexif/exif-data.h>

#include <QFile>
#include <QTimeZone>

#include <memory>

namespace fp {

namespace {

struct ExifDataFree
{
    void operator()(ExifData *data) const { exif_data_unref(data); }
};

QString tagText(ExifData *data, ExifIfd ifd, ExifTag tag)
{
    ExifEntry *entry = exif_content_get_entry(data->ifd[ifd], tag);
    if (!entry)
        return {};
    char buffer[64] = {};
    exif_entry_get_value(entry, buffer, sizeof buffer);
    return QString::fromLatin1(buffer).trimmed();
}

} // namespace

std::optional<QDateTime> exifTakenAt(const QString &path)
{
    const std::unique_ptr<ExifData, ExifDataFree> data(
        exif_data_new_from_file(QFile::encodeName(path).constData()));
    if (!data)
        return std::nullopt;
    const QString original = tagText(data.get(), EXIF_IFD_EXIF, EXIF_TAG_DATE_TIME_ORIGINAL);
    QDateTime at = QDateTime::fromString(original, QStringLiteral("yyyy:MM:dd HH:mm:ss"));
    if (!at.isValid())
        return std::nullopt;
    // EXIF 2.31's OffsetTimeOriginal (0x9011, "+08:00"); libexif 0.6 has no name for it.
    const QString offset = tagText(data.get(), EXIF_IFD_EXIF, ExifTag(0x9011));
    if (offset.size() == 6 && (offset[0] == QLatin1Char('+') || offset[0] == QLatin1Char('-'))) {
        const int sign = offset[0] == QLatin1Char('-') ? -1 : 1;
        const int seconds =
            sign * (offset.mid(1, 2).toInt() * 3600 + offset.mid(4, 2).toInt() * 60);
        at.setTimeZone(QTimeZone(seconds));
    }
    return at;
}

} // namespace fp
