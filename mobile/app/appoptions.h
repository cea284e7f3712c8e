#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace fp {

/// The command line of `fieldproof`.
struct AppOptions
{
    QString dataDir;           // device database, photos, settings
    bool dataDirGiven = false; // --data was on the command line (else: the user's profile)
    QString serverUrl;         // preset for the sign-in screen
    QString language;          // overrides the stored choice ("zh_CN" or "en")
    QString nmeaFile;          // replay positions from a recording
    std::optional<double> fixLat, fixLon, fixAccuracy; // a fixed position (demo, screenshots)
    std::optional<int> fixAgeS; // the fixed position is this old and not renewed (a lost fix)
    QString importDir;          // where the photo import picker opens
    bool selfTest = false;      // load every screen once, offscreen, exit 0 if all is well
    QString screenshotFile;     // grab one screen to this PNG and exit
    QString screenshotDir;      // with --self-test: save every screen here
    QString page = QStringLiteral("tasks");
    QSize windowSize;         // e.g. 800x1280 for portrait; default: the window's own size
    bool startupTime = false; // print the time to a usable task list, then exit
    QString error;            // set when the command line is wrong

    bool headlessRun() const { return selfTest || !screenshotFile.isEmpty() || startupTime; }

    static AppOptions parse(const QStringList &arguments);

    /// Before QGuiApplication exists: a headless run without a display goes offscreen; a
    /// normal run without one gets a sentence instead of a platform-plugin abort. Returns
    /// false (after printing) when the app cannot start.
    static bool prepareEnvironment(int argc, char **argv);
};

} // namespace fp
