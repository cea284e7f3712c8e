// fieldproof: the inspector's tablet app. Only wiring here; everything else is in
// fieldproof-mobile (C++) and fieldproof-ui (QML).

#include "app/appoptions.h"
#include "app/appservices.h"
#include "app/selftest.h"

#include <QDir>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>
#include <optional>

Q_IMPORT_QML_PLUGIN(FieldProofPlugin)
Q_IMPORT_QML_PLUGIN(FieldProof_UiPlugin)

int main(int argc, char *argv[])
{
    QElapsedTimer started;
    started.start();
    if (!fp::AppOptions::prepareEnvironment(argc, argv))
        return 2;
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("fieldproof"));
    QGuiApplication::setOrganizationName(QStringLiteral("FieldProof"));
    QGuiApplication::setApplicationVersion(QStringLiteral(FIELDPROOF_VERSION));

    fp::AppOptions options = fp::AppOptions::parse(QGuiApplication::arguments());
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(options.error));
        return options.error.startsWith(QLatin1String("Usage")) ? 0 : 2;
    }
    // A self-test without --data never touches the inspector's profile (it may start a visit
    // to show the visit screens): it runs on a temporary one, removed at exit (issue 15.12).
    std::optional<QTemporaryDir> scratch;
    if (options.selfTest && !options.dataDirGiven) {
        scratch.emplace(QDir::tempPath() + QStringLiteral("/fieldproof-selftest-XXXXXX"));
        if (!scratch->isValid()) {
            std::fprintf(stderr, "fieldproof: no temporary folder for the self-test: %s\n",
                         qPrintable(scratch->errorString()));
            return 1;
        }
        options.dataDir = scratch->path();
        std::printf("self-test: on a temporary profile (the inspector's data is not touched; "
                    "--data DIR tests a profile)\n");
    }
    fp::AppServices::configureGui();
    try {
        fp::AppServices services(options);
        QQmlApplicationEngine engine;
        services.attach(engine);
        fp::SelfTest headless(engine, services.store(), options, started);
        engine.load(QUrl(QStringLiteral("qrc:/FieldProof/Ui/Main.qml")));
        if (engine.rootObjects().isEmpty())
            return 1;
        return QGuiApplication::exec();
    } catch (const std::exception &e) { // e.g. a device database from a newer app version
        std::fprintf(stderr, "fieldproof: %s\n", e.what());
        return 1;
    }
}
