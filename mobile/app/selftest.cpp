#include "app/selftest.h"

#include "app/appstore.h"
#include "text/qtstrings.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <utility>

namespace fp {

SelfTest::SelfTest(QQmlApplicationEngine &engine, AppStore &store, AppOptions options,
                   QElapsedTimer started, QObject *parent)
    : QObject(parent), m_engine(engine), m_store(store), m_options(std::move(options)),
      m_started(started)
{
    connect(&engine, &QQmlApplicationEngine::objectCreated, this,
            [this](QObject *root, const QUrl &) { onObjectCreated(root); });
    if (!m_options.headlessRun())
        return;
    connect(&engine, &QQmlApplicationEngine::warnings, this, [this](const QList<QQmlError> &w) {
        m_warnings += static_cast<int>(w.size());
        for (const QQmlError &e : w)
            std::fprintf(stderr, "fieldproof: QML warning: %s\n", qPrintable(e.toString()));
    });
}

QStringList SelfTest::pages()
{
    return {QStringLiteral("signin"),
            QStringLiteral("tasks"),
            QStringLiteral("directory"),
            QStringLiteral("enterprise"),
            QStringLiteral("enterprise-returned"),
            QStringLiteral("visit"),
            QStringLiteral("opinion"),
            QStringLiteral("clear-signatures"),
            QStringLiteral("import"),
            QStringLiteral("sync"),
            QStringLiteral("settings")};
}

double SelfTest::rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

void SelfTest::onObjectCreated(QObject *root)
{
    m_window = qobject_cast<QQuickWindow *>(root);
    if (m_window && m_options.windowSize.isValid())
        m_window->resize(m_options.windowSize);
    if (!m_options.headlessRun())
        return;
    if (!m_window) {
        finish(1, QStringLiteral("the main window did not load"));
        return;
    }
    connect(m_window, &QQuickWindow::frameSwapped, this, &SelfTest::onFirstFrame,
            Qt::SingleShotConnection);
}

void SelfTest::onFirstFrame()
{
    if (m_options.startupTime) {
        const int tasks = m_window->property("taskCount").toInt();
        std::printf("startup: first frame of the task list after %lld ms (%d tasks), RSS %.0f MB\n",
                    static_cast<long long>(m_started.elapsed()), tasks, rssMb());
        std::fflush(stdout);
        finish(0, {});
        return;
    }
    m_targets = targets();
    m_queue = m_options.selfTest ? pages() : QStringList{m_options.page};
    showNext();
}

QVariantMap SelfTest::targets()
{
    QVariantMap t;
    m_store.with([&](DeviceStore &s) {
        const auto tasks = s.tasks();
        for (const Task &task : tasks) {
            if (s.enterprise(task.enterprise_id)) {
                t[QStringLiteral("taskId")] = qs(task.id);
                t[QStringLiteral("enterpriseId")] = qs(task.enterprise_id);
                break;
            }
        }
        // Prefer a draft acceptance visit: it shows the most of the visit and opinion screens.
        std::string best;
        int bestScore = -1;
        for (const Enterprise &e : s.enterprises()) {
            for (const Inspection &i : s.inspectionsOf(e.id)) {
                const int score = (i.state == InspectionState::Draft ? 2 : 0) +
                                  (i.kind == VisitKind::Acceptance ? 1 : 0);
                if (score > bestScore || (score == bestScore && i.id > best)) {
                    bestScore = score;
                    best = i.id;
                    t[QStringLiteral("visitEnterpriseId")] = qs(e.id);
                }
            }
        }
        if (best.empty() && t.contains(QStringLiteral("enterpriseId")) && m_options.selfTest) {
            NewInspection n;
            n.enterprise_id = ss(t[QStringLiteral("enterpriseId")].toString());
            n.kind = VisitKind::Acceptance;
            best = s.startInspection(n).id;
        }
        t[QStringLiteral("inspectionId")] = qs(best);
        // A final visit the office returned and nobody has corrected yet: its enterprise
        // offers the correction (issue 15.7).
        for (const Enterprise &e : s.enterprises()) {
            const auto visits = s.inspectionsOf(e.id);
            for (const Inspection &i : visits) {
                const auto r = s.review(i.id);
                const bool corrected =
                    std::any_of(visits.begin(), visits.end(),
                                [&](const auto &c) { return c.amends_id == i.id; });
                if (r && r->state == ReviewState::Returned && !corrected) {
                    t[QStringLiteral("returnedEnterpriseId")] = qs(e.id);
                    t[QStringLiteral("returnedTaskId")] = qs(i.task_id.value_or(""));
                }
            }
        }
    });
    return t;
}

void SelfTest::showNext()
{
    if (m_queue.isEmpty()) {
        finish(m_warnings == 0 ? 0 : 1,
               m_warnings == 0 ? QString() : QStringLiteral("%1 QML warning(s)").arg(m_warnings));
        return;
    }
    m_current = m_queue.takeFirst();
    // A fresh install has no enterprise and no visit: the screens that show one are skipped,
    // each with a line that says why (a self-test of an empty profile passes).
    const bool needsVisit =
        m_current == QLatin1String("visit") || m_current == QLatin1String("opinion") ||
        m_current == QLatin1String("clear-signatures") || m_current == QLatin1String("import");
    const bool needsEnterprise = m_current == QLatin1String("enterprise");
    const bool needsReturned = m_current == QLatin1String("enterprise-returned");
    if (m_options.selfTest &&
        ((needsVisit && m_targets.value(QStringLiteral("inspectionId")).toString().isEmpty()) ||
         (needsEnterprise &&
          m_targets.value(QStringLiteral("enterpriseId")).toString().isEmpty()))) {
        std::printf("self-test: %s skipped (no %s on this tablet yet: sign in and receive "
                    "tasks first)\n",
                    qPrintable(m_current), needsVisit ? "visit" : "enterprise");
        showNext();
        return;
    }
    if (m_options.selfTest && needsReturned &&
        m_targets.value(QStringLiteral("returnedEnterpriseId")).toString().isEmpty()) {
        std::printf("self-test: %s skipped (no visit returned by the office on this tablet)\n",
                    qPrintable(m_current));
        showNext();
        return;
    }
    bool ok = false;
    QMetaObject::invokeMethod(m_window, "openPage", Q_RETURN_ARG(bool, ok),
                              Q_ARG(QString, m_current), Q_ARG(QVariant, m_targets));
    if (!ok) {
        finish(1, QStringLiteral("screen '%1' could not be opened").arg(m_current));
        return;
    }
    // Let asynchronous images and layouts settle before grabbing (a headless run, not a test).
    QTimer::singleShot(m_options.selfTest ? 150 : 600, this, &SelfTest::grabCurrent);
}

void SelfTest::grabCurrent()
{
    if (m_window->property("busy").toBool()) { // a page transition is still running
        QTimer::singleShot(50, this, &SelfTest::grabCurrent);
        return;
    }
    const QImage image = m_window->grabWindow();
    if (image.isNull() || image.width() < 100) {
        finish(1, QStringLiteral("screen '%1' rendered nothing").arg(m_current));
        return;
    }
    QString file = m_options.screenshotFile;
    if (m_options.selfTest && !m_options.screenshotDir.isEmpty()) {
        QDir().mkpath(m_options.screenshotDir);
        file =
            m_options.screenshotDir + QStringLiteral("/app-") + m_current + QStringLiteral(".png");
    }
    // Quality 0: the smallest PNG (screenshots are committed under docs/).
    if (!file.isEmpty() && !image.save(file, "PNG", 0)) {
        finish(1, QStringLiteral("cannot write %1").arg(file));
        return;
    }
    if (m_options.selfTest)
        std::printf("self-test: %s ok (%dx%d)\n", qPrintable(m_current), image.width(),
                    image.height());
    showNext();
}

void SelfTest::finish(int code, const QString &message)
{
    if (!message.isEmpty())
        std::fprintf(stderr, "fieldproof: %s\n", qPrintable(message));
    if (m_options.selfTest && code == 0)
        std::printf("self-test: passed, RSS %.0f MB\n", rssMb());
    std::fflush(stdout);
    QMetaObject::invokeMethod(
        QCoreApplication::instance(), [code] { QCoreApplication::exit(code); },
        Qt::QueuedConnection);
}

} // namespace fp
