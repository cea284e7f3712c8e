#pragma once

#include "app/appoptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QVariantMap>

class QQmlApplicationEngine;
class QQuickWindow;

namespace fp {

class AppStore;

/// The app's headless runs: `--self-test` opens every screen once and fails on any QML
/// warning or empty grab; `--screenshot` grabs one screen to a PNG; `--startup-time` prints
/// the time to a usable task list and the RSS. Each ends the app with its exit code.
class SelfTest : public QObject
{
    Q_OBJECT

  public:
    SelfTest(QQmlApplicationEngine &engine, AppStore &store, AppOptions options,
             QElapsedTimer started, QObject *parent = nullptr);

    /// The screens --self-test visits, in order.
    static QStringList pages();
    /// Resident set size of this process in MB (Linux /proc), or -1.
    static double rssMb();

  private:
    void onObjectCreated(QObject *root);
    void onFirstFrame();
    void showNext();
    void grabCurrent();
    /// Ids the enterprise, visit and opinion screens open (a visit is started if none exists).
    QVariantMap targets();
    void finish(int code, const QString &message);

    QQmlApplicationEngine &m_engine;
    AppStore &m_store;
    AppOptions m_options;
    QElapsedTimer m_started;
    QPointer<QQuickWindow> m_window;
    QStringList m_queue;
    QString m_current;
    QVariantMap m_targets;
    int m_warnings = 0;
    bool m_firstFrameSeen = false;
};

} // namespace fp
