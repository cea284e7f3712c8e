#include "platform/positioning.h"

#include "text/languagenotifier.h"

#include <QFileInfo>
#include <QGeoPositionInfoSource>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

namespace fp {

Positioning::Positioning(const QString &nmeaFile, QObject *parent)
    : QObject(parent), m_staleTimer(new QTimer(this))
{
    m_staleTimer->setSingleShot(true);
    m_staleTimer->setInterval(kStaleAfterMs);
    connect(m_staleTimer, &QTimer::timeout, this, &Positioning::positionChanged);
    connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, this,
            &Positioning::positionChanged);
    if (nmeaFile.isEmpty()) {
        m_source = QGeoPositionInfoSource::createDefaultSource(this);
    } else {
        // The nmea plugin reads "file:///..." (a bare path would be taken for a serial port).
        const QString source =
            nmeaFile.contains(QLatin1String(":/"))
                ? nmeaFile
                : QUrl::fromLocalFile(QFileInfo(nmeaFile).absoluteFilePath()).toString();
        const QVariantMap params{{QStringLiteral("nmea.source"), source}};
        m_source = QGeoPositionInfoSource::createSource(QStringLiteral("nmea"), params, this);
    }
    if (m_source) {
        connect(m_source, &QGeoPositionInfoSource::positionUpdated, this, &Positioning::onUpdate);
        m_source->setUpdateInterval(5000);
        m_source->startUpdates();
    }
}

Positioning::~Positioning() = default;

void Positioning::onUpdate(const QGeoPositionInfo &info)
{
    if (!info.isValid())
        return;
    const double acc = info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy)
                           ? info.attribute(QGeoPositionInfo::HorizontalAccuracy)
                           : -1.0;
    setFix(info.coordinate().latitude(), info.coordinate().longitude(), acc);
}

void Positioning::setFix(double latitude, double longitude, double accuracyM)
{
    m_lat = latitude;
    m_lon = longitude;
    m_accuracy = accuracyM >= 0 ? accuracyM : -1.0;
    m_fixTime = QDateTime::currentDateTimeUtc();
    m_staleTimer->start();
    Q_EMIT positionChanged();
}

void Positioning::clearFix()
{
    m_fixTime = {};
    m_staleTimer->stop();
    Q_EMIT positionChanged();
}

bool Positioning::hasFix() const
{
    return m_fixTime.isValid() &&
           m_fixTime.msecsTo(QDateTime::currentDateTimeUtc()) < kStaleAfterMs;
}

bool Positioning::poor() const
{
    // An unknown accuracy cannot be trusted either.
    return !hasFix() || m_accuracy < 0 || m_accuracy > kPoorAccuracyM;
}

std::optional<Position> Positioning::current() const
{
    if (!hasFix())
        return std::nullopt;
    Position p{m_lat, m_lon, std::nullopt};
    if (m_accuracy >= 0)
        p.accuracy_m = m_accuracy;
    return p;
}

QString Positioning::summary() const
{
    if (!hasFix())
        return tr("No position");
    const QString lat = QString::number(std::abs(m_lat), 'f', 5) +
                        (m_lat >= 0 ? QStringLiteral("°N") : QStringLiteral("°S"));
    const QString lon = QString::number(std::abs(m_lon), 'f', 5) +
                        (m_lon >= 0 ? QStringLiteral("°E") : QStringLiteral("°W"));
    if (m_accuracy < 0)
        return lat + QLatin1Char(' ') + lon;
    return tr("%1 %2 ±%3 m").arg(lat, lon).arg(qRound(m_accuracy));
}

QString Positioning::warning() const
{
    if (!hasFix())
        return tr("No position fix. Records are saved without a position; step outside or "
                  "near a window to get one.");
    if (m_accuracy < 0)
        return tr("The position source does not report its accuracy; check the position "
                  "on the photo watermark.");
    if (m_accuracy > kPoorAccuracyM)
        return tr("Position accuracy is %1 m (worse than 50 m). Records are saved anyway; "
                  "wait a moment for a better fix if you can.")
            .arg(qRound(m_accuracy));
    return {};
}

} // namespace fp
