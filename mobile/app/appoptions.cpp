#include "app/appoptions.h"

#include <QCommandLineParser>
#include <QStandardPaths>

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace fp {

namespace {

/// One option of the command line, in the order --help lists them. `text` or `flag` says
/// where a plain one goes; parse() reads the others (no field) itself.
struct OptionSpec
{
    const char *name{};
    const char *help{};
    const char *valueName{}; // nullptr: an option without a value
    QString AppOptions::*text{};
    bool AppOptions::*flag{};
};

const OptionSpec kOptions[] = {
    {"data", "Folder of the device database and photos.", "DIR"},
    {"server", "Office server URL for signing in.", "URL", &AppOptions::serverUrl},
    {"lang", "UI language: zh_CN or en.", "LANG", &AppOptions::language},
    {"nmea", "Replay positions from an NMEA file.", "FILE", &AppOptions::nmeaFile},
    {"position", "A fixed position LAT,LON,ACCURACY_M.", "FIX"},
    {"position-age", "With --position: the fix is SECONDS old and nothing renews it.", "SECONDS"},
    {"import-dir", "Folder the photo import opens.", "DIR", &AppOptions::importDir},
    {"self-test", "Load every screen offscreen once and exit (0: all well).", nullptr, nullptr,
     &AppOptions::selfTest},
    {"screenshot", "Grab the screen given by --page to a PNG and exit.", "FILE",
     &AppOptions::screenshotFile},
    {"screenshot-dir", "With --self-test: save every screen as app-<page>.png here.", "DIR",
     &AppOptions::screenshotDir},
    {"page",
     "tasks, directory, enterprise, visit, opinion, clear-signatures, sync, settings, signin, "
     "import.",
     "PAGE", &AppOptions::page},
    {"size", "Window size WxH, e.g. 800x1280 (portrait).", "WxH"},
    {"startup-time", "Print the time to a usable task list and the RSS, then exit.", nullptr,
     nullptr, &AppOptions::startupTime},
};

} // namespace

AppOptions AppOptions::parse(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("FieldProof: on-site verification of backward capacity elimination."));
    p.addHelpOption();
    p.addVersionOption();
    for (const OptionSpec &spec : kOptions) {
        const QString name = QString::fromLatin1(spec.name);
        const QString help = QString::fromLatin1(spec.help);
        p.addOption(spec.valueName
                        ? QCommandLineOption(name, help, QString::fromLatin1(spec.valueName))
                        : QCommandLineOption(name, help));
    }
    const QString data = QStringLiteral("data");
    const QString size = QStringLiteral("size");
    const QString fix = QStringLiteral("position");
    const QString fixAge = QStringLiteral("position-age");

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
    for (const OptionSpec &spec : kOptions) {
        const QString name = QString::fromLatin1(spec.name);
        if (spec.text && p.isSet(name))
            o.*spec.text = p.value(name);
        if (spec.flag)
            o.*spec.flag = p.isSet(name);
    }
    o.dataDir = p.isSet(data) ? p.value(data)
                              : QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    o.dataDirGiven = p.isSet(data);
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
