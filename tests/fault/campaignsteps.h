#pragma once
// The moves of the kill campaign: the real fieldproof-sync CLI as a child process that can be
// SIGKILLed once a given number of bytes went upstream, enrolment through the relay, and the
// checks and counts that the campaign reports.

#include "db/database.h"
#include "device/devicestore.h"
#include "tcprelay.h"

#include <QProcess>
#include <QString>

#include <cstdint>
#include <string>

namespace fp::test {

enum class Fault { KillClient, KillServer, Cut };
QString faultName(Fault fault);

/// How one `fieldproof-sync run` ended.
struct SyncRun
{
    bool exited = false; // a normal exit within the time limit (not a crash, not a hang)
    int exit_code = -1;
    QString out;
    QString err;
    bool ok() const { return exited && exit_code == 0; }
};

/// `fieldproof-sync run --db DB --quiet` as a child process.
class SyncChild
{
  public:
    explicit SyncChild(std::string db) : m_db(std::move(db)) {}
    bool start();
    /// Waits until the relay has carried `upstreamBytes` towards the server in all (true: the
    /// sync is still running then) or the child ended (false); at most 60 s.
    bool waitForUpstream(const TcpRelay &relay, std::int64_t upstreamBytes);
    void kill();
    /// Waits (at most 120 s) for the child to end by itself.
    SyncRun finish();

  private:
    std::string m_db;
    QProcess m_process;
};

/// One whole sync by the CLI.
SyncRun runSyncCli(const std::string &db);

/// Enrols `store` at `url` (the relay) over libcurl; false (test failed) on an error.
bool enrolThrough(DeviceStore &store, const std::string &url, const std::string &user,
                  const std::string &password);

/// "ok", or every line PRAGMA integrity_check reported.
std::string integrityCheck(Database &db);
/// Partial uploads in the office's tmp/ folder.
int countPartials(const std::string &dataDir);

struct OfficeCounts
{
    std::int64_t inspections = 0;
    std::int64_t audit_rows = 0;
    std::int64_t blobs = 0;
};
OfficeCounts officeCounts(Database &office, const std::string &dataDir);

struct CampaignTally
{
    int client_kills = 0;     // SIGKILLs of a running fieldproof-sync
    int client_missed = 0;    // the sync had ended before the chosen byte
    int server_kills = 0;     // SIGKILLs of fieldproof-server
    int server_kills_mid = 0; // … while a sync was running through it
    int partials_seen = 0;    // partial uploads found right after a server kill
    int cuts = 0;             // connections cut by the relay
    int failed_cut_runs = 0;  // syncs that ended in an error because of a cut
    QString summary(const OfficeCounts &office, qint64 elapsedMs) const;
};

} // namespace fp::test
