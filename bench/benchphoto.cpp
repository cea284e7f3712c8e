// fp_bench_photo: the photo budget of DESIGN §7 — a 12 MP JPEG in, stored evidence out
// (decode with orientation, scale, watermark, JPEG, SHA-256, atomic store, row), timed over
// several runs through PhotoCapture exactly as the visit screen uses it.
//   fp_bench_photo [--runs N] [--width W --height H]

#include "app/selftest.h"
#include "appfixture.h"
#include "testimages.h"
#include "text/vocabulary.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QGuiApplication>
#include <QImage>
#include <QRandomGenerator>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace fp;

namespace {

/// A photo-like JPEG: gradients with sensor-like noise compress about as a real scene does
/// (a 12 MP source comes out at several MB, as a phone or tablet camera writes it).
QString makeSource(const QString &path, int width, int height)
{
    const QImage image = test::photoLike(width, height, 42, 32);
    image.save(path, "JPEG", 92);
    test::setExifOrientation(path, 6);
    return path;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption runsOpt(QStringLiteral("runs"), QStringLiteral("Runs."),
                                     QStringLiteral("N"), QStringLiteral("7"));
    const QCommandLineOption wOpt(QStringLiteral("width"), QStringLiteral("Width."),
                                  QStringLiteral("W"), QStringLiteral("4000"));
    const QCommandLineOption hOpt(QStringLiteral("height"), QStringLiteral("Height."),
                                  QStringLiteral("H"), QStringLiteral("3000"));
    p.addOptions({runsOpt, wOpt, hOpt});
    p.process(app);

    QTemporaryDir dir;
    const QString source = makeSource(dir.filePath(QStringLiteral("src.jpg")),
                                      p.value(wOpt).toInt(), p.value(hOpt).toInt());
    test::CaptureRig rig; // the visit screen's capture, its store in a folder of its own
    rig.positioning.setFix(40.851, 122.752, 8);
    rig.usePositioning();
    rig.nameTheVisit();
    PhotoCapture &capture = rig.capture;

    std::vector<double> ms;
    for (int i = 0; i < p.value(runsOpt).toInt(); ++i) {
        QElapsedTimer t;
        t.start();
        capture.addFromFile(QUrl::fromLocalFile(source), {}, Vocabulary::Overview,
                            QStringLiteral("全景"));
        if (!rig.added.wait(60000) || !rig.failed.isEmpty()) {
            std::fprintf(stderr, "fp_bench_photo: the photo was not stored\n");
            return 1;
        }
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    const PhotoResult &r = capture.lastResult();
    std::printf(
        "photo pipeline: %dx%d JPEG (%.1f MB, EXIF orientation 6) -> %dx%d stored (%.2f MB): "
        "median %.0f ms, min %.0f ms, max %.0f ms over %zu runs; decoded at %dx%d; RSS %.0f MB\n",
        r.sourceSize.width(), r.sourceSize.height(), double(QFileInfo(source).size()) / 1048576.0,
        r.outputSize.width(), r.outputSize.height(), double(r.outputBytes) / 1048576.0,
        ms[ms.size() / 2], ms.front(), ms.back(), ms.size(), r.decodeSize.width(),
        r.decodeSize.height(), SelfTest::rssMb());
    return 0;
}
