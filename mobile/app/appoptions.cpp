#include "app/appoptions.h"

#include <QCommandLineParser>
#include <QStandardPaths>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fp {

AppOptions AppOptions::parse(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("FieldProof: on-site verification of backward capacity elimination."));
    p.addHelpOption();
    p.addVersionOption();
    const QCommandLineOption data(QStringLiteral("data"),
                                  QStringLiteral("Folder of the device database and photos."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Office server URL for signing in."),
                                    QStringLiteral("URL"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("UI language: zh_CN or en."),
                                  QStringLiteral("LANG"));
    const QCommandLineOption nmea(QStringLiteral("nmea"),
                                  QStringLiteral("Replay positions from an NMEA file."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption fix(QStringLiteral("position"),
                                 QStringLiteral("A fixed position LAT,LON,ACCURACY_M."),
                                 QStringLiteral("FIX"));
    const QCommandLineOption fixAge(
        QStringLiteral("position-age"),
        QStringLiteral("With --position: the fix is SECONDS old and nothing renews it."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption import(QStringLiteral("import-dir"),
                                    QStringLiteral("Folder the photo import opens."),
                                    QStringLiteral("DIR"));
    const QCommandLineOption selfTest(
        QStringLiteral("self-test"),
        QStringLiteral("Load every screen offscreen once and exit (0: all well)."));
    const QCommandLineOption shot(
        QStringLiteral("screenshot"),
        QStringLiteral("Grab the screen given by --page to a PNG and exit."),
        QStringLiteral("FILE"));
    const QCommandLineOption shotDir(
        QStringLiteral("screenshot-dir"),
        QStringLiteral("With --self-test: save every screen as app-<page>.png here."),
        QStringLiteral("DIR"));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("tasks, directory, enterprise, visit, opinion, "
                                                 "clear-signatures, sync, settings, signin, "
                                                 "import."),
                                  QStringLiteral("PAGE"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size WxH, e.g. 800x1280 (portrait)."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption startup(
        QStringLiteral("startup-time"),
        QStringLiteral("Print the time to a usable task list and the RSS, then exit."));
    p.addOptions({data, server, lang, nmea, fix, fixAge, import, selfTest, shot, shotDir, page,
                  size, startup});

    AppOptions o;
    if (!p.parse(arguments)) {
        o.error = p.errorText();
        return o;
    }
    if (p.isSet(QStringLiteral("help")) || p.isSet(QStringLiteral("version"))) {
        o.error =
            p.isSet(QStringLiteral("help")) ? p.helpText() : QStringLiteral(FIELDPROOF_VERSION);
        return o;
    }
    o.dataDir = p.isSet(data) ? p.value(data)
                              : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    o.dataDirGiven = p.isSet(data);
    o.serverUrl = p.value(server);
    o.language = p.value(lang);
    o.nmeaFile = p.value(nmea);
    o.importDir = p.value(import);
    o.selfTest = p.isSet(selfTest);
    o.screenshotFile = p.value(shot);
    o.screenshotDir = p.value(shotDir);
    o.startupTime = p.isSet(startup);
    if (p.isSet(page))
        o.page = p.value(page);
    if (p.isSet(size)) {
        const QStringList wh = p.value(size).split(QLatin1Char('x'));
        o.windowSize = wh.size() == 2 ? QSize(wh[0].toInt(), wh[1].toInt()) : QSize();
        if (o.windowSize.width() < 320 || o.windowSize.height() < 320)
            o.error = QStringLiteral("--size wants WIDTHxHEIGHT, e.g. 800x1280");
    }
    if (p.isSet(fix)) {
        const QStringList parts = p.value(fix).split(QLatin1Char(','));
        bool ok1 = false, ok2 = false, ok3 = true;
        if (parts.size() >= 2) {
            o.fixLat = parts[0].toDouble(&ok1);
            o.fixLon = parts[1].toDouble(&ok2);
            if (parts.size() > 2)
                o.fixAccuracy = parts[2].toDouble(&ok3);
        }
        if (!ok1 || !ok2 || !ok3)
            o.error = QStringLiteral("--position wants LAT,LON[,ACCURACY_M], e.g. 40.85,122.75,8");
    }
    if (p.isSet(fixAge)) {
        bool ok = false;
        o.fixAgeS = p.value(fixAge).toInt(&ok);
        if (!ok || *o.fixAgeS < 0 || !o.fixLat)
            o.error = QStringLiteral("--position-age wants SECONDS (0 or more) and --position");
    }
    return o;
}

bool AppOptions::prepareEnvironment(int argc, char **argv)
{
    if (std::getenv("QT_QPA_PLATFORM") || std::getenv("DISPLAY") || std::getenv("WAYLAND_DISPLAY"))
        return true;
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (!std::strcmp(a, "--self-test") || !std::strcmp(a, "--screenshot") ||
            !std::strcmp(a, "--startup-time") || !std::strcmp(a, "--help") ||
            !std::strcmp(a, "--version")) {
            ::setenv("QT_QPA_PLATFORM", "offscreen", 1);
            return true;
        }
    }
    std::fprintf(stderr,
                 "fieldproof: no display (DISPLAY and WAYLAND_DISPLAY are unset). Run it "
                 "on a desktop, under xvfb-run -a -s \"-screen 0 1280x800x24\", or headless "
                 "with --self-test or --screenshot FILE.\n");
    return false;
}

} // namespace fp
