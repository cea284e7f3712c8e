#pragma once
// The one test office: a temporary data directory with the sample plan imported and the given
// accounts added through the real admin CLI, and the real fieldproof-server serving it on an
// ephemeral 127.0.0.1 port. ApiFixture (server tests) and SyncOffice (sync tests) build on it.

#include "db/database.h"
#include "serverprocess.h"
#include "testdata.h"

#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace fp::test {

/// One account the office is built with (`regions` empty for office accounts).
struct OfficeAccount
{
    const char *name;
    const char *role;
    QStringList regions;
};

/// Fills a new office through its admin CLI: imports the sample plan, then adds `accounts`
/// (anything with a name, a role and regions) all with `password`. `cli(args, stdin)` runs one
/// admin command against the office and returns its CliRun. "" or why it failed.
template <typename Accounts, typename Cli>
QString importPlanAndAddAccounts(const Accounts &accounts, const QByteArray &password,
                                 const Cli &cli)
{
    const CliRun import = cli(QStringList{"import-plan", samplePlan()}, QByteArray());
    if (import.exitCode != 0)
        return "import-plan failed: " + import.err;
    for (const auto &account : accounts) {
        QStringList args{"user", "add", "--username", account.name, "--role", account.role};
        for (const QString &region : account.regions)
            args << "--region" << region;
        const CliRun run = cli(args, password + "\n");
        if (run.exitCode != 0)
            return "user add failed: " + run.err;
    }
    return {};
}

class TestOffice
{
  public:
    /// Imports the sample plan, adds `accounts` (all with `password`) and starts the server
    /// with `serveExtra`; false with the reason in error().
    bool setUpOffice(const std::vector<OfficeAccount> &accounts, const char *password,
                     const QStringList &serveExtra);
    QString error() const { return m_error; }

    QString dataDir() const { return m_tmp.path() + "/data"; }
    QString tempPath() const { return m_tmp.path(); }
    ServerProcess &server() { return *m_server; }
    std::string baseUrl() const { return m_server->baseUrl().toStdString(); }
    std::uint16_t port() const;

    /// Runs an admin command against this office's data directory (--data added).
    CliRun cli(QStringList args, const QByteArray &input = {}) const;

    /// The office database, opened beside the running server (WAL: readers do not block it).
    /// On PostgreSQL (officedatabase.h) a snapshot of its tables, taken now, in an SQLite file.
    std::unique_ptr<Database> officeDb() const;
    /// The file of officeDb(): office.db, or on PostgreSQL a snapshot taken now.
    QString officeDbFile() const;
    std::filesystem::path blobFile(const std::string &sha256) const;

  protected:
    QTemporaryDir m_tmp;
    std::unique_ptr<ServerProcess> m_server;
    QString m_error;
    mutable int m_snapshots = 0;
    mutable QString m_lastSnapshot;
};

/// The first column of the first row `sql` selects, as an integer (0 when there is no row).
std::int64_t scalar(Database &db, const std::string &sql);
/// The same as text (empty when there is no row).
std::string text(Database &db, const std::string &sql);

} // namespace fp::test
