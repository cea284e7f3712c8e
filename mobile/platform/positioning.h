#pragma once

#include "core/types.h"

#include <QDateTime>
#include <QObject>
#include <QtQml/qqmlregistration.h>

#include <optional>

class QGeoPositionInfo;
class QGeoPositionInfoSource;
class QTimer;

namespace fp {

/// Where the tablet is, from the platform's positioning source (or an NMEA replay), with the
/// accuracy kept beside it. A missing or poor fix is a warning for the inspector, never a block.
class Positioning : public QObject
{
    Q_OBJECT
    // A QML singleton: see app/qmlsingletons.h.
    Q_PROPERTY(bool hasFix READ hasFix NOTIFY positionChanged)
    Q_PROPERTY(bool poor READ poor NOTIFY positionChanged)
    Q_PROPERTY(double latitude READ latitude NOTIFY positionChanged)
    Q_PROPERTY(double longitude READ longitude NOTIFY positionChanged)
    Q_PROPERTY(double accuracy READ accuracy NOTIFY positionChanged)
    Q_PROPERTY(QString summary READ summary NOTIFY positionChanged)
    Q_PROPERTY(QString warning READ warning NOTIFY positionChanged)

  public:
    /// Worse than this many metres is reported as a poor fix.
    static constexpr double kPoorAccuracyM = 50.0;
    /// A fix older than this is treated as no fix (the inspector may have walked off).
    static constexpr int kStaleAfterMs = 120'000;

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
    QString summary() const;
    QString warning() const;
    /// The fix to store with a record, or nothing when there is none (or it is stale).
    std::optional<Position> current() const;

    /// Feeds a fix by hand (tests, and sources that are not Qt's).
    Q_INVOKABLE void setFix(double latitude, double longitude, double accuracyM);
    Q_INVOKABLE void clearFix();

  Q_SIGNALS:
    void positionChanged();

  private:
    void onUpdate(const QGeoPositionInfo &info);

    QGeoPositionInfoSource *m_source = nullptr;
    QTimer *m_staleTimer = nullptr;
    QDateTime m_fixTime;
    double m_lat = 0;
    double m_lon = 0;
    double m_accuracy = -1;
};

} // namespace fp
