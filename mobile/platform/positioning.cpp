#include "platform/positioning.h"

#include "text/languagenotifier.h"

#include <QFileInfo>
#include <QGeoPositionInfoSource>
#include <QNmeaPositionInfoSource>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <algorithm>
#include <cmath>
#include <map>

namespace fp {

namespace {

/// A recorded NMEA track replayed at its own pace. Qt 6.4 has no "simulated" attribute on a
/// position, so this source reads the receivers' own mark from each sentence: GGA fix quality
/// 8 ("simulation mode") or RMC mode indicator 'S' ("simulator"), remembered per time of day.
class NmeaReplaySource : public QNmeaPositionInfoSource
{
  public:
    explicit NmeaReplaySource(QObject *parent) : QNmeaPositionInfoSource(SimulationMode, parent) {}

    /// Whether a sentence for the fix at `time` said it was simulated.
    bool simulatedAt(const QTime &time) const
    {
        const auto it = m_simulated.find(time.msecsSinceStartOfDay() / 1000);
        return it != m_simulated.end() && it->second;
    }

  protected:
    bool parsePosInfoFromNmeaData(const char *data, int size, QGeoPositionInfo *posInfo,
                                  bool *hasFix) override
    {
        const bool ok =
            QNmeaPositionInfoSource::parsePosInfoFromNmeaData(data, size, posInfo, hasFix);
        QByteArray sentence(data, size);
        sentence = sentence.left(sentence.indexOf('*')).trimmed();
        const QList<QByteArray> f = sentence.split(',');
        if (f.size() < 2 || f[0].size() < 6 || f[1].size() < 6)
            return ok;
        const QByteArray type = f[0].mid(3, 3);
        bool simulated = false;
        if (type == "GGA")
            simulated = f.size() > 6 && f[6] == "8";
        else if (type == "RMC")
            simulated = f.size() > 12 && f[12].startsWith('S');
        else
            return ok;
        const QTime t =
            QTime::fromString(QString::fromLatin1(f[1].left(6)), QStringLiteral("hhmmss"));
        if (!t.isValid())
            return ok;
        const int key = t.msecsSinceStartOfDay() / 1000;
        m_simulated[key] = m_simulated[key] || simulated;
        while (m_simulated.size() > 64) // a replay reads ahead a little; keep a bounded window
            m_simulated.erase(m_simulated.begin());
        return ok;
    }

  private:
    std::map<int, bool> m_simulated; // second of the day -> marked simulated
};

} // namespace

Positioning::Positioning(const QString &nmeaFile, QObject *parent)
    : QObject(parent), m_staleTimer(new QTimer(this)), m_ticker(new QTimer(this)),
      m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    m_staleTimer->setSingleShot(true);
    m_staleTimer->setTimerType(Qt::PreciseTimer);
    connect(m_staleTimer, &QTimer::timeout, this, &Positioning::refresh);
    m_ticker->setInterval(1000);
    connect(m_ticker, &QTimer::timeout, this, &Positioning::refresh);
    connect(LanguageNotifier::instance(), &LanguageNotifier::languageChanged, this, [this] {
        Q_EMIT positionChanged();
        Q_EMIT ageChanged();
    });
    if (nmeaFile.isEmpty()) {
        m_source = QGeoPositionInfoSource::createDefaultSource(this);
    } else {
        // A recording: a path, a file:// URL or a resource (":/...").
        const QUrl url(nmeaFile);
        const QString path = url.isLocalFile() ? url.toLocalFile() : nmeaFile;
        auto *replay = new NmeaReplaySource(this);
        auto *file = new QFile(path, replay);
        if (!file->open(QIODevice::ReadOnly))
            qWarning("cannot read the NMEA recording %s", qPrintable(path));
        replay->setDevice(file);
        // NMEA gives the dilution of precision, not metres: with a receiver's typical user
        // equivalent range error Qt reports 2 × HDOP × UERE (a 95 % radius) as the accuracy.
        replay->setUserEquivalentRangeError(kNmeaUereM);
        m_replay = replay;
        m_source = replay;
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
    // Qt 6.4 reports no mock flag for the platform's sources; a replayed recording says it.
    const bool simulated = m_replay && static_cast<const NmeaReplaySource *>(m_replay)->simulatedAt(
                                           info.timestamp().toUTC().time());
    setFix(info.coordinate().latitude(), info.coordinate().longitude(), acc, simulated);
}

void Positioning::setFix(double latitude, double longitude, double accuracyM, bool simulated)
{
    setFixAt(latitude, longitude, accuracyM, m_now(), simulated);
}

void Positioning::setFixAt(double latitude, double longitude, double accuracyM,
                           const QDateTime &fixTime, bool simulated)
{
    m_lat = latitude;
    m_lon = longitude;
    m_accuracy = accuracyM >= 0 ? accuracyM : -1.0;
    m_simulated = simulated;
    m_fixTime = fixTime;
    m_wasStale = stale();
    schedule();
    Q_EMIT positionChanged();
    Q_EMIT ageChanged();
}

void Positioning::clearFix()
{
    m_fixTime = {};
    m_wasStale = true;
    schedule();
    Q_EMIT positionChanged();
    Q_EMIT ageChanged();
}

void Positioning::setClock(std::function<QDateTime()> now)
{
    m_now = std::move(now);
    refresh();
}

void Positioning::setStaleAfterMs(int ms)
{
    m_staleAfterMs = ms;
    schedule();
    refresh();
}

void Positioning::schedule()
{
    m_staleTimer->stop();
    if (!m_fixTime.isValid()) {
        m_ticker->stop();
        return;
    }
    if (!m_ticker->isActive())
        m_ticker->start();
    const qint64 left = m_staleAfterMs - ageMs();
    if (left >= 0)
        m_staleTimer->start(static_cast<int>(left) + 1); // just past the limit
}

void Positioning::refresh()
{
    const bool nowStale = stale();
    if (nowStale != m_wasStale) {
        m_wasStale = nowStale;
        Q_EMIT positionChanged();
    } else if (!nowStale && !m_staleTimer->isActive()) {
        schedule(); // a test clock moved back
    }
    Q_EMIT ageChanged();
}

qint64 Positioning::ageMs() const
{
    return m_fixTime.isValid() ? m_fixTime.msecsTo(m_now()) : -1;
}

bool Positioning::stale() const
{
    return !m_fixTime.isValid() || ageMs() >= m_staleAfterMs;
}

bool Positioning::hasFix() const
{
    return !stale();
}

bool Positioning::poor() const
{
    // An unknown accuracy cannot be trusted either.
    return !hasFix() || m_accuracy < 0 || m_accuracy > kPoorAccuracyM;
}

int Positioning::fixAge() const
{
    return m_fixTime.isValid() ? static_cast<int>(std::max<qint64>(0, ageMs()) / 1000) : -1;
}

int Positioning::level() const
{
    if (!hasFix())
        return Unusable;
    if (poor() || ageMs() >= kAgingAfterMs)
        return Doubtful;
    return Good;
}

QString Positioning::ageText(int seconds)
{
    if (seconds < 60)
        return tr("%1 s ago").arg(std::max(0, seconds));
    if (seconds < 3600)
        return tr("%1 min ago").arg(seconds / 60);
    return tr("%1 h ago").arg(seconds / 3600);
}

QString Positioning::chipText() const
{
    if (!m_fixTime.isValid())
        return tr("No position");
    const QString age = ageText(fixAge());
    if (!hasFix())
        return tr("Position lost · %1").arg(age);
    if (m_accuracy < 0)
        return tr("Position ±? · %1").arg(age);
    return tr("Position ±%1 m · %2").arg(qRound(m_accuracy)).arg(age);
}

std::optional<Position> Positioning::current() const
{
    if (!hasFix())
        return std::nullopt;
    Position p{m_lat, m_lon, std::nullopt};
    if (m_accuracy >= 0)
        p.accuracy_m = m_accuracy;
    p.fix_age_s = fixAge();
    p.simulated = m_simulated;
    return p;
}

QString Positioning::summary() const
{
    if (!m_fixTime.isValid())
        return tr("No position");
    if (!hasFix())
        return tr("No position (last fix %1)").arg(ageText(fixAge()));
    const QString lat = QString::number(std::abs(m_lat), 'f', 5) +
                        (m_lat >= 0 ? QStringLiteral("°N") : QStringLiteral("°S"));
    const QString lon = QString::number(std::abs(m_lon), 'f', 5) +
                        (m_lon >= 0 ? QStringLiteral("°E") : QStringLiteral("°W"));
    QString out = m_accuracy < 0 ? lat + QLatin1Char(' ') + lon
                                 : tr("%1 %2 ±%3 m").arg(lat, lon).arg(qRound(m_accuracy));
    if (fixAge() >= 5) // a fix a few seconds old is "now"; older, the watermark says how old
        out = tr("%1 (fix %2)").arg(out, ageText(fixAge()));
    return out;
}

QString Positioning::warning() const
{
    if (!m_fixTime.isValid())
        return tr("No position fix. Records are saved without a position; step outside or "
                  "near a window to get one.");
    if (!hasFix())
        return tr("The last position fix was %1 and is too old to use: photos and findings "
                  "are saved without a position until a new fix comes. Step outside or near a "
                  "window, and check that location is switched on.")
            .arg(ageText(fixAge()));
    if (m_accuracy < 0)
        return tr("The position source does not report its accuracy; check the position "
                  "on the photo watermark.");
    if (m_accuracy > kPoorAccuracyM)
        return tr("Position accuracy is %1 m (worse than 50 m). Records are saved anyway; "
                  "wait a moment for a better fix if you can.")
            .arg(qRound(m_accuracy));
    if (ageMs() >= kAgingAfterMs)
        return tr("The last position fix was %1: it may no longer be where you are. It is "
                  "used until it is two minutes old.")
            .arg(ageText(fixAge()));
    return {};
}

} // namespace fp
