#include "testprobe.h"

#include "app/appstore.h"
#include "core/enums.h"
#include "serverprocess.h"

#include <QDir>

namespace fp::test {

TestProbe::TestProbe(AppStore &store, QString workDir, QObject *parent)
    : QObject(parent), m_store(store), m_workDir(std::move(workDir))
{
}

TestProbe::~TestProbe() = default;

QString TestProbe::startServer()
{
    if (m_server && m_server->isRunning())
        return m_server->baseUrl(); // started by an earlier test function
    const QString data = m_workDir + QStringLiteral("/office");
    const CliRun demo = runServerCli({QStringLiteral("demo"), QStringLiteral("--data"), data});
    if (demo.exitCode != 0) {
        qWarning("fieldproof-server demo failed: %s", qPrintable(demo.err));
        return {};
    }
    m_server = std::make_unique<ServerProcess>(data);
    if (!m_server->start()) {
        qWarning("fieldproof-server serve failed: %s", qPrintable(m_server->errorText()));
        return {};
    }
    return m_server->baseUrl();
}

int TestProbe::visitCount(const QString &state) const
{
    return m_store.with([&](DeviceStore &s) {
        Database db(s.databaseFile()); // a read connection of the probe's own (WAL)
        Statement q(db, "SELECT count(*) FROM inspections WHERE state = ?");
        q.bind(1, state.toStdString());
        q.step();
        return static_cast<int>(q.integer(0));
    });
}

int TestProbe::photoCount() const
{
    return m_store.with([&](DeviceStore &s) {
        Database db(s.databaseFile()); // a read connection of the probe's own (WAL)
        Statement q(db, "SELECT count(*) FROM photos");
        q.step();
        return static_cast<int>(q.integer(0));
    });
}

int TestProbe::storedFileCount() const
{
    return m_store.with([&](DeviceStore &s) { return static_cast<int>(s.photos().list().size()); });
}

QString TestProbe::finalVisitSummary() const
{
    return m_store.with([&](DeviceStore &s) {
        Database db(s.databaseFile()); // a read connection of the probe's own (WAL)
        Statement q(db, "SELECT id FROM inspections WHERE state = 'final'");
        if (!q.step())
            return QString();
        const InspectionBundle b = s.bundle(q.text(0));
        QStringList parts;
        for (const EquipmentCheck &c : b.checks) {
            parts << QString::fromStdString(std::string(enumName(c.finding)));
            for (const auto &n : c.seal_numbers)
                parts << QString::fromStdString(n);
            parts << QStringLiteral("water=%1 power=%2").arg(c.water_cut).arg(c.power_cut);
        }
        QStringList tags;
        for (const Photo &p : b.photos)
            tags << QString::fromStdString(std::string(enumName(p.tag)));
        tags.sort();
        parts << tags;
        return parts.join(QLatin1Char(' '));
    });
}

QString TestProbe::outputDir() const
{
    return qEnvironmentVariable("FIELDPROOF_TEST_OUTPUT");
}

int TestProbe::pending() const
{
    return const_cast<AppStore &>(m_store).pendingCount();
}

} // namespace fp::test
