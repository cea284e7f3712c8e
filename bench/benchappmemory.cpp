// fp_bench_app_memory: the tablet's RSS through a dozen photo imports in the real app (issue
// 15.11, DESIGN §7: 200 MB). The real QML (Main.qml) over the real services: a visit is
// opened, and for each of N distinct 12 MP JPEGs the import page is shown (its grid decodes
// the folder's thumbnails), the photo goes through the visit's PhotoCapture as the page's tap
// does, the visit's thumbnail is tapped and the full-size viewer shown; the RSS is read after
// each round once the screen has settled. Run it offscreen, or under xvfb-run with
// QT_QPA_PLATFORM=xcb, with and without QT_QUICK_BACKEND=software.
//   fp_bench_app_memory [--imports N] [--width W --height H] [--settle MS] [--budget-mb MB]
// With --budget-mb it exits 1 when the RSS after a round went over MB (ctest
// fieldproof_import_memory); under AddressSanitizer, whose shadow memory is RSS, it skips (77).

#include "app/appoptions.h"
#include "app/appservices.h"
#include "app/appstore.h"
#include "app/selftest.h"
#include "appfixture.h"
#include "devicefixture.h"
#include "testimages.h"
#include "text/vocabulary.h"

#include <QCommandLineParser>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtQml/qqmlextensionplugin.h>

#include <algorithm>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(FieldProofPlugin)
Q_IMPORT_QML_PLUGIN(FieldProof_UiPlugin)

using namespace fp;

namespace {

/// VmHWM (the peak RSS) of this process in MB, or -1.
double peakMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

/// Processes events for `ms` (the screen settles: asynchronous images, transitions).
void settle(int ms)
{
    QTest::qWait(ms);
}

/// The visible item named `name` under `root` (delegates are found through the item tree).
QQuickItem *findItem(QQuickItem *root, const QString &name)
{
    if (!root || !root->isVisible())
        return nullptr;
    if (root->objectName() == name)
        return root;
    const auto children = root->childItems();
    for (QQuickItem *child : children) {
        if (QQuickItem *found = findItem(child, name))
            return found;
    }
    return nullptr;
}

bool waitIdle(QQuickWindow *window)
{
    const QDeadlineTimer deadline(20000);
    while (window->property("busy").toBool() && !deadline.hasExpired())
        QTest::qWait(20);
    return !window->property("busy").toBool();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption importsOpt(QStringLiteral("imports"), QStringLiteral("Imports."),
                                        QStringLiteral("N"), QStringLiteral("12"));
    const QCommandLineOption wOpt(QStringLiteral("width"), QStringLiteral("Width."),
                                  QStringLiteral("W"), QStringLiteral("4000"));
    const QCommandLineOption hOpt(QStringLiteral("height"), QStringLiteral("Height."),
                                  QStringLiteral("H"), QStringLiteral("3000"));
    const QCommandLineOption settleOpt(QStringLiteral("settle"),
                                       QStringLiteral("Milliseconds each screen settles."),
                                       QStringLiteral("MS"), QStringLiteral("700"));
    const QCommandLineOption budgetOpt(QStringLiteral("budget-mb"),
                                       QStringLiteral("Fail above this RSS after a round."),
                                       QStringLiteral("MB"), QStringLiteral("0"));
    p.addOptions({importsOpt, wOpt, hOpt, settleOpt, budgetOpt});
    p.process(app);
    const int imports = std::clamp(p.value(importsOpt).toInt(), 1, 100);
    const int settleMs = std::clamp(p.value(settleOpt).toInt(), 50, 10000);
    const double budget = p.value(budgetOpt).toDouble();
#if defined(__SANITIZE_ADDRESS__)
    if (budget > 0) {
        std::printf("fp_bench_app_memory: skipped under AddressSanitizer (its shadow is RSS)\n");
        return 77;
    }
#endif

    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("camera"));
    QDir().mkpath(folder);
    for (int i = 0; i < imports; ++i) { // distinct pictures: the tablet refuses one twice
        const QImage image =
            test::photoLike(p.value(wOpt).toInt(), p.value(hOpt).toInt(), quint32(100 + i), 32);
        image.save(folder + QStringLiteral("/IMG_%1.jpg").arg(i + 1, 4, 10, QLatin1Char('0')),
                   "JPEG", 92);
    }

    AppOptions options = test::sampleTabletOptions(dir.filePath(QStringLiteral("tablet")), folder);
    options.windowSize = QSize(1280, 800);
    AppServices::configureGui();
    AppServices services(options);
    const QString visit = QString::fromStdString(services.store().with([](DeviceStore &s) {
        test::addMiniPlan(s);
        return test::startMiniVisit(s);
    }));
    QQmlApplicationEngine engine;
    services.attach(engine);
    engine.load(QUrl(QStringLiteral("qrc:/FieldProof/Ui/Main.qml")));
    auto *window = engine.rootObjects().isEmpty()
                       ? nullptr
                       : qobject_cast<QQuickWindow *>(engine.rootObjects().first());
    if (!window) {
        std::fprintf(stderr, "fp_bench_app_memory: the main window did not load\n");
        return 1;
    }
    window->resize(options.windowSize);
    settle(settleMs);
    const double start = SelfTest::rssMb();
    std::printf("app memory: %s, Qt Quick backend %s; %d imports of %dx%d JPEGs\n",
                qPrintable(QGuiApplication::platformName()),
                qPrintable(QQuickWindow::sceneGraphBackend().isEmpty()
                               ? QStringLiteral("default (%1)")
                                     .arg(window->rendererInterface()->graphicsApi() ==
                                                  QSGRendererInterface::Software
                                              ? QStringLiteral("software")
                                              : QStringLiteral("hardware"))
                               : QQuickWindow::sceneGraphBackend()),
                imports, p.value(wOpt).toInt(), p.value(hOpt).toInt());
    std::printf("  start: RSS %.0f MB\n", start);

    const QVariantMap targets{{QStringLiteral("inspectionId"), visit}};
    double highest = start;
    for (int i = 0; i < imports; ++i) {
        bool ok = false;
        QMetaObject::invokeMethod(window, "openPage", Q_RETURN_ARG(bool, ok),
                                  Q_ARG(QString, QStringLiteral("import")),
                                  Q_ARG(QVariant, targets));
        if (!ok || !waitIdle(window)) {
            std::fprintf(stderr, "fp_bench_app_memory: the import page did not open\n");
            return 1;
        }
        settle(settleMs); // the folder's thumbnails load
        QObject *nav = window->findChild<QObject *>(QStringLiteral("navigator"));
        auto *capture = nav ? nav->property("visitCapture").value<QObject *>() : nullptr;
        if (!capture) {
            std::fprintf(stderr, "fp_bench_app_memory: no photo capture on the visit\n");
            return 1;
        }
        QSignalSpy added(capture, SIGNAL(photoAdded(QString)));
        const QUrl file = QUrl::fromLocalFile(
            folder + QStringLiteral("/IMG_%1.jpg").arg(i + 1, 4, 10, QLatin1Char('0')));
        bool started = false;
        QMetaObject::invokeMethod(capture, "importFile", Q_RETURN_ARG(bool, started),
                                  Q_ARG(QUrl, file), Q_ARG(QString, QString()),
                                  Q_ARG(int, Vocabulary::Overview), Q_ARG(QString, QString()));
        if (!started || !added.wait(60000)) {
            std::fprintf(stderr, "fp_bench_app_memory: import %d was not stored\n", i + 1);
            return 1;
        }
        QMetaObject::invokeMethod(nav, "back");
        waitIdle(window);
        settle(settleMs); // the visit's thumbnails load
        // The newest photo's thumbnail, tapped: the full-size viewer.
        QQuickItem *thumb = findItem(window->contentItem(), QStringLiteral("thumb_%1").arg(i));
        if (!thumb) {
            std::fprintf(stderr, "fp_bench_app_memory: no thumbnail %d on the visit\n", i);
            return 1;
        }
        QMetaObject::invokeMethod(thumb, "clicked");
        waitIdle(window);
        settle(settleMs);
        const double rss = SelfTest::rssMb();
        highest = std::max(highest, rss);
        std::printf("  import %2d + viewer: RSS %.0f MB\n", i + 1, rss);
        std::fflush(stdout);
    }
    bool shown = false;
    QMetaObject::invokeMethod(window, "openPage", Q_RETURN_ARG(bool, shown),
                              Q_ARG(QString, QStringLiteral("tasks")), Q_ARG(QVariant, targets));
    waitIdle(window);
    settle(settleMs * 2);
    std::printf("app memory: start %.0f MB, highest after a round %.0f MB, back on the task list "
                "%.0f MB, VmHWM %.0f MB (budget 200 MB)\n",
                start, highest, SelfTest::rssMb(), peakMb());
    if (budget > 0 && highest > budget) {
        std::fprintf(stderr, "fp_bench_app_memory: RSS %.0f MB after a round, over %.0f MB\n",
                     highest, budget);
        return 1;
    }
    return 0;
}
