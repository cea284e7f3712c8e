#pragma once

#include "core/types.h"

#include <QDateTime>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <functional>
#include <optional>

class QGeoPositionInfo;
class QGeoPositionInfoSource;
class QTimer;

namespace fp {

/// Where the tablet is, from the platform's positioning source (or an NMEA replay), with the
/// accuracy and the age of the fix kept beside it. A missing, old or poor fix is a warning for
/// the inspector, never a block. One source of truth: the header chip, the banner, the photo
/// watermark and the position stored with a photo or a check all read the same state, and
/// that state changes the moment a fix goes stale (not when a coarse timer gets round to it).
class Positioning : public QObject
{
    Q_OBJECT
    // A QML singleton: see app/qmlsingletons.h.
    Q_PROPERTY(bool hasFix READ hasFix NOTIFY positionChanged)
    Q_PROPERTY(bool poor READ poor NOTIFY positionChanged)
    Q_PROPERTY(double latitude READ latitude NOTIFY positionChanged)
    Q_PROPERTY(double longitude READ longitude NOTIFY positionChanged)
    Q_PROPERTY(double accuracy READ accuracy NOTIFY positionChanged)
    /// The source marked the fix as simulated (a mock location, a replayed recording).
    Q_PROPERTY(bool simulated READ simulated NOTIFY positionChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY ageChanged)
    Q_PROPERTY(QString warning READ warning NOTIFY ageChanged)
    /// Seconds since the last fix; -1 when there has been none.
    Q_PROPERTY(int fixAge READ fixAge NOTIFY ageChanged)
    /// The chip: its text ("定位 ±8 米 · 5 秒前") and its level (Level).
    Q_PROPERTY(QString chipText READ chipText NOTIFY ageChanged)
    Q_PROPERTY(int level READ level NOTIFY ageChanged)

  public:
    /// What the chip shows: green, orange (poor accuracy, unknown accuracy, or no new fix for
    /// kAgingAfterMs), grey (no fix, or the last one is stale and no longer used).
    enum Level { Good, Doubtful, Unusable };
    Q_ENUM(Level)

    /// Worse than this many metres is reported as a poor fix.
    static constexpr double kPoorAccuracyM = 50.0;
    /// No new fix for this long: the chip turns orange (the source may have stopped).
    static constexpr int kAgingAfterMs = 30'000;
    /// A fix older than this is treated as no fix (the inspector may have walked off).
    static constexpr int kStaleAfterMs = 120'000;
    /// Metres per unit of HDOP for an NMEA source (a typical GPS receiver's UERE).
    static constexpr double kNmeaUereM = 5.0;

    /// `nmeaFile` non-empty: replay that recording instead of the platform's source.
    /// Not default-constructible on purpose: QML uses the instance main() made
    /// (app/qmlsingletons.h).
    explicit Positioning(const QString &nmeaFile, QObject *parent = nullptr);
    ~Positioning() override;

    bool hasFix() const;
    bool poor() const;
    double latitude() const { return m_lat; }
    double longitude() const { return m_lon; }
    /// Metres; negative when the source did not say.
    double accuracy() const { return m_accuracy; }
    bool simulated() const { return m_simulated; }
    /// The position as the watermark writes it, with the fix's age once it is a few seconds
    /// old; when there is no usable fix, a sentence that says so (and how old the last one is).
    QString summary() const;
    QString warning() const;
    int fixAge() const;
    QString chipText() const;
    int level() const;
    /// "5 s ago", "3 min ago", "2 h ago" (translated) for `seconds`.
    static QString ageText(int seconds);
    /// The fix to store with a record, or nothing when there is none (or it is stale): the
    /// one the chip shows, with its accuracy, its age now and whether it is simulated.
    std::optional<Position> current() const;

    /// Feeds a fix by hand (tests, and sources that are not Qt's).
    Q_INVOKABLE void setFix(double latitude, double longitude, double accuracyM,
                            bool simulated = false);
    /// A fix taken at `fixTime` (UTC), e.g. the last one a stopped source gave.
    void setFixAt(double latitude, double longitude, double accuracyM, const QDateTime &fixTime,
                  bool simulated = false);
    Q_INVOKABLE void clearFix();

    /// Tests: the clock the age is measured with (default: the system's UTC time), and the
    /// stale limit (default kStaleAfterMs). Call refresh() after moving a test clock.
    void setClock(std::function<QDateTime()> now);
    void setStaleAfterMs(int ms);
    /// Re-reads the clock: emits ageChanged, and positionChanged when the fix went stale.
    void refresh();

  Q_SIGNALS:
    void positionChanged();
    void ageChanged();

  private:
    void onUpdate(const QGeoPositionInfo &info);
    qint64 ageMs() const;
    bool stale() const;
    void schedule();

    QGeoPositionInfoSource *m_source = nullptr;
    QObject *m_replay = nullptr;    // the NMEA replay source, when there is one
    QTimer *m_staleTimer = nullptr; // precise: fires when the fix goes stale
    QTimer *m_ticker = nullptr;     // each second while there is a fix: the age on the chip
    std::function<QDateTime()> m_now;
    int m_staleAfterMs = kStaleAfterMs;
    bool m_wasStale = true;
    QDateTime m_fixTime;
    double m_lat = 0;
    double m_lon = 0;
    double m_accuracy = -1;
    bool m_simulated = false;
};

} // namespace fp
