#pragma once
// A province on loopback (issue 18): a private PostgreSQL 15 cluster (pgcluster), N real
// fieldproof-server processes on it sharing one --data folder (blobs, the office key), and
// Debian's nginx in front of them with TLS, its configuration built from the deployment's own
// site file (deploy/fieldproof-nginx.conf) with only the addresses, the certificate and the
// timeouts a test names replaced. nginx runs unprivileged (as www-data when the test runs as
// root) with its own prefix folder: pid file, logs and temp paths there. Everything is stopped
// when the object goes, also when a test fails; every child gets SIGTERM if the test dies.
//
// Without --database (postgresql = false) the servers share the data folder's SQLite office:
// the single-server reference the benchmark compares with.

#include "device/devicestore.h"
#include "pgcluster.h"
#include "serverprocess.h"

#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace fp::test {

struct ProvinceOptions
{
    int servers = 3;
    bool postgresql = true;
    /// nginx directives to set to another value wherever the site file has them, e.g.
    /// {"client_header_timeout", "3s"} (a test's short timeouts).
    QMap<QString, QString> nginxOverrides{};
    /// nginx worker processes (the site file leaves it to nginx.conf).
    int nginxWorkers = 1;
    /// Each server's --database-pool on PostgreSQL; 0: the server's default.
    int databasePool = 0;
};

/// An account the office is built with (inspectors: their regions).
struct ProvinceAccount
{
    QString name;
    QString role;
    QStringList regions{};
};

/// One fieldproof-server of the stack, on a fixed loopback port so that it can be SIGKILLed
/// and started again where nginx (or the kill campaign's relay) expects it.
class ProvinceServer
{
  public:
    /// `serve --listen 127.0.0.1:PORT storeArgs... serveExtra...`, its stderr to `logFile`; port
    /// 0: any free port the first time, kept afterwards.
    ProvinceServer(QStringList storeArgs, QStringList serveExtra, QString logFile,
                   std::uint16_t port = 0);
    ~ProvinceServer();
    ProvinceServer(const ProvinceServer &) = delete;
    ProvinceServer &operator=(const ProvinceServer &) = delete;

    /// Starts `serve` on 127.0.0.1:port (0 the first time: any free port, kept afterwards) and
    /// waits at most 20 s for its "listening on" line.
    bool start();
    /// SIGKILL, then waits for the process to be gone (at most 10 s).
    void kill();
    /// SIGTERM, then waits at most 20 s; the exit code (-1 if it had to be killed).
    int stop();
    bool isRunning() const;
    std::uint16_t port() const { return m_port; }
    qint64 pid() const { return m_process ? m_process->processId() : 0; }
    QString errorText() const { return m_error; }
    QString logFile() const { return m_logFile; }

  private:
    QStringList m_storeArgs;
    QStringList m_serveExtra;
    QString m_logFile;
    std::uint16_t m_port = 0;
    std::unique_ptr<QProcess> m_process;
    QString m_error;
};

/// The rows of the office database, whichever store holds them: SQL with $1, $2 … parameters
/// that both SQLite and PostgreSQL read, every value as text.
class OfficeRows
{
  public:
    virtual ~OfficeRows() = default;
    using Row = std::vector<std::string>;
    virtual std::vector<Row> rows(const std::string &sql, const std::vector<std::string> &params,
                                  int columns) = 0;
    virtual QString errorText() const { return {}; }
};

class ProvinceStack
{
  public:
    explicit ProvinceStack(ProvinceOptions options = {});
    ~ProvinceStack();
    ProvinceStack(const ProvinceStack &) = delete;
    ProvinceStack &operator=(const ProvinceStack &) = delete;

    /// Empty when nginx, openssl (and PostgreSQL 15 when asked for) are here; else why not.
    QString skipReason() const;

    /// The cluster and its database, the office (the sample plan, `accounts` with `password`),
    /// the servers and nginx; false with the reason in errorText().
    bool start(const std::vector<ProvinceAccount> &accounts, const QString &password);
    /// nginx (graceful), the servers (SIGTERM), the cluster. True when all stopped cleanly.
    bool stop();

    /// An admin command on the office (--data and --database added).
    CliRun cli(QStringList args, const QByteArray &input = {}) const;

    QString baseUrl() const { return m_baseUrl; }   // https://127.0.0.1:PORT (nginx)
    QString plainUrl() const { return m_plainUrl; } // the same nginx server, plain HTTP
    QString caFile() const { return m_cert.cert; }  // the certificate a client pins
    QString dataDir() const { return m_tmp.path() + "/data"; }
    QString databaseUrl() const { return m_databaseUrl; } // "" on SQLite
    QString nginxConfig() const;                          // the generated nginx.conf text
    QString nginxErrorLog() const;
    QString errorText() const { return m_error; }

    int serverCount() const { return int(m_servers.size()); }
    ProvinceServer &server(int i) { return *m_servers.at(std::size_t(i)); }
    /// The libpq connection to the office database (cluster only; "" on SQLite).
    QString conninfo() const;
    /// Backends connected to the office database now (pg_stat_activity); -1 on SQLite.
    int databaseConnections() const;

    /// Reads the office database (SQLite file or PostgreSQL).
    std::unique_ptr<OfficeRows> officeRows() const;
    std::filesystem::path blobsDir() const;

  private:
    bool startNginx();
    QString buildNginxConfig(const QString &site, const QString &prefix, quint16 tlsPort,
                             quint16 plainPort, quint16 redirectPort) const;

    ProvinceOptions m_options;
    QTemporaryDir m_tmp;
    std::unique_ptr<QTemporaryDir> m_nginxDir; // its own, so that www-data may own it
    std::unique_ptr<PgCluster> m_cluster;
    QString m_databaseUrl;
    std::vector<std::unique_ptr<ProvinceServer>> m_servers;
    std::unique_ptr<QProcess> m_nginx;
    TestCertificate m_cert;
    QString m_baseUrl;
    QString m_plainUrl;
    QString m_config;
    QString m_error;
};

/// Empty when everything final on `store` is at the office exactly once and unchanged (same
/// revision, same content, recorded for this device), every photo and signature it references
/// is in `blobs` whole with the right hash, the outbox is empty, the office holds no other
/// inspection of this device and stored no revision twice; else the first difference found.
/// The kill campaign's comparison (officecheck.h), read through OfficeRows so that it holds
/// for the PostgreSQL office too.
QString compareDeviceWithOffice(DeviceStore &store, OfficeRows &office,
                                const std::filesystem::path &blobs);

/// The rows of an office database in the SQLite file `file` (office.db, or a snapshot of one).
std::unique_ptr<OfficeRows> sqliteOfficeRows(const std::filesystem::path &file);

/// The base URL's port ("https://127.0.0.1:8443" -> 8443).
std::uint16_t urlPort(const QString &url);

} // namespace fp::test
