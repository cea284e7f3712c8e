// fp_make_device_data: fills a tablet data folder (device.db + photos) with the sample plan,
// optional synthetic enterprises and demo visits, enrolled so the app starts straight in.
// Used for screenshots, the start-up measurement and by hand.
//   fp_make_device_data --data DIR [--fresh] [--plan data/plan-sample.csv] [--extra N]
//   [--no-visits]

#include "devicefixture.h"
#include "text/translations.h"

#include <QCommandLineParser>
#include <QDir>
#include <QGuiApplication>
#include <QTemporaryDir>

#include <cstdio>

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // a data tool needs no display
    QGuiApplication app(argc, argv);             // QPainter and JPEG writing for demo photos
    QCommandLineParser p;
    p.addHelpOption();
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Data folder to fill."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption plan(QStringLiteral("plan"), QStringLiteral("Plan CSV."),
                                  QStringLiteral("CSV"),
                                  QStringLiteral(FIELDPROOF_SOURCE_DIR "/data/plan-sample.csv"));
    const QCommandLineOption extra(QStringLiteral("extra"),
                                   QStringLiteral("Synthetic enterprises to add."),
                                   QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption noVisits(QStringLiteral("no-visits"),
                                      QStringLiteral("No demo visits."));
    const QCommandLineOption fresh(QStringLiteral("fresh"),
                                   QStringLiteral("Delete the folder first."));
    const QCommandLineOption user(QStringLiteral("inspector"),
                                  QStringLiteral("Username of the tasks."), QStringLiteral("NAME"),
                                  QStringLiteral("zhangwei"));
    p.addOptions({data, plan, extra, noVisits, fresh, user});
    p.process(app);
    if (!p.isSet(data)) {
        std::fprintf(stderr, "fp_make_device_data: --data DIR is required\n");
        return 2;
    }
    fp::Translations translations; // demo photos carry Chinese watermarks, as the app writes them
    translations.apply(QStringLiteral("zh_CN"));
    const QString dir = QDir(p.value(data)).absolutePath();
    if (p.isSet(fresh))
        QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    fp::DeviceStore store((dir + QStringLiteral("/device.db")).toStdString(),
                          (dir + QStringLiteral("/photos")).toStdString());
    const QDate today = QDate::currentDate();
    const std::string inspector = p.value(user).toStdString();
    const int enterprises = fp::test::loadSamplePlan(store, p.value(plan), today, inspector);
    fp::test::addSyntheticEnterprises(store, p.value(extra).toInt(), today, inspector);
    if (!p.isSet(noVisits)) {
        QTemporaryDir scratch;
        fp::test::addDemoVisits(store, scratch.path(), inspector);
    }
    QDir().mkpath(dir + QStringLiteral("/sample-photos"));
    fp::test::writeSamplePhotos(dir + QStringLiteral("/sample-photos"));
    fp::test::enrol(store, "http://127.0.0.1:8443", inspector);
    std::printf("fp_make_device_data: %s: %d sample enterprises, %d synthetic, %zu tasks\n",
                qPrintable(dir), enterprises, p.value(extra).toInt(), store.tasks().size());
    return 0;
}
