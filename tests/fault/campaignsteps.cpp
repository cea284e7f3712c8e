#include "campaignsteps.h"

#include "client/curltransport.h"
#include "client/enroller.h"

#include <QDeadlineTimer>
#include <QTest>

#include <filesystem>

namespace fp::test {

QString faultName(Fault fault)
{
    switch (fault) {
    case Fault::KillClient:
        return "kill fieldproof-sync";
    case Fault::KillServer:
        return "kill fieldproof-server";
    case Fault::Cut:
        return "cut";
    }
    return {};
}

bool SyncChild::start()
{
    m_process.start(QStringLiteral(FIELDPROOF_SYNC_BIN),
                    {"run", "--db", QString::fromStdString(m_db), "--quiet"});
    return m_process.waitForStarted(20000);
}

bool SyncChild::waitForUpstream(const TcpRelay &relay, std::int64_t upstreamBytes)
{
    const QDeadlineTimer deadline(60000);
    while (!deadline.hasExpired()) {
        if (m_process.state() == QProcess::NotRunning)
            return false;
        if (relay.bytes(TcpRelay::Direction::ToServer) >= upstreamBytes)
            return true;
        m_process.waitForFinished(1); // also lets QProcess notice the child's end
    }
    return m_process.state() != QProcess::NotRunning;
}

void SyncChild::kill()
{
    m_process.kill();
    m_process.waitForFinished(10000);
}

SyncRun SyncChild::finish()
{
    SyncRun run;
    if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(120000)) {
        m_process.kill();
        m_process.waitForFinished(10000);
        return run;
    }
    run.out = QString::fromUtf8(m_process.readAllStandardOutput());
    run.err = QString::fromUtf8(m_process.readAllStandardError());
    // A SIGKILL we sent is a crash exit too; callers only look at runs they did not kill.
    run.exited = m_process.exitStatus() == QProcess::NormalExit;
    run.exit_code = m_process.exitCode();
    return run;
}

SyncRun runSyncCli(const std::string &db)
{
    SyncChild child(db);
    if (!child.start())
        return {};
    return child.finish();
}

bool enrolThrough(DeviceStore &store, const std::string &url, const std::string &user,
                  const std::string &password)
{
    TransportOptions options;
    options.base_url = url;
    CurlTransport transport(options);
    try {
        enrollDevice(store, transport, EnrollInput{url, {}, user, password, "kill campaign"});
    } catch (const std::exception &e) {
        QTest::qFail((std::string("enrolment failed: ") + e.what()).c_str(), __FILE__, __LINE__);
        return false;
    }
    return true;
}

std::string integrityCheck(Database &db)
{
    Statement check(db, "PRAGMA integrity_check");
    std::string result;
    while (check.step())
        result += (result.empty() ? "" : "; ") + check.text(0);
    return result;
}

int countPartials(const std::string &dataDir)
{
    const std::filesystem::path tmp = std::filesystem::path(dataDir) / "tmp";
    int n = 0;
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(tmp, ec))
        n += entry.path().extension() == ".part" ? 1 : 0;
    return n;
}

OfficeCounts officeCounts(Database &office, const std::string &dataDir)
{
    OfficeCounts c;
    Statement inspections(office, "SELECT count(*) FROM inspection");
    if (inspections.step())
        c.inspections = inspections.integer(0);
    Statement audit(office, "SELECT count(*) FROM push_audit");
    if (audit.step())
        c.audit_rows = audit.integer(0);
    const auto blobs = std::filesystem::path(dataDir) / "blobs";
    for (const auto &entry : std::filesystem::recursive_directory_iterator(blobs))
        c.blobs += entry.is_regular_file() ? 1 : 0;
    return c;
}

QString CampaignTally::summary(const OfficeCounts &office, qint64 elapsedMs) const
{
    return QString("kill campaign: %1 SIGKILLs of fieldproof-sync mid-sync (%2 missed: the "
                   "sync had ended), %3 SIGKILLs of fieldproof-server (%4 mid-sync, %5 partial "
                   "uploads held at the kills), %6 connection cuts (%7 cut syncs failed); "
                   "office holds %8 inspections, %9 blobs, %10 push audit rows; %11 s")
        .arg(client_kills)
        .arg(client_missed)
        .arg(server_kills)
        .arg(server_kills_mid)
        .arg(partials_seen)
        .arg(cuts)
        .arg(failed_cut_runs)
        .arg(office.inspections)
        .arg(office.blobs)
        .arg(office.audit_rows)
        .arg(double(elapsedMs) / 1000.0, 0, 'f', 1);
}

} // namespace fp::test
