#include "provincestack.h"

#include "client/blobrefs.h"
#include "client/syncsettings.h"
#include "core/json.h"
#include "core/sha256.h"
#include "db/database.h"
#include "protocol/blobpath.h"
#include "testdata.h"
#include "testoffice.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QThread>
#include <QUrl>

#include <libpq-fe.h>

#include <csignal>
#include <set>

#include <arpa/inet.h>
#include <grp.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace fp::test {

namespace {

const QString kNginx = QStringLiteral("/usr/sbin/nginx");

/// A loopback port that is free now (bound to 0, then released).
quint16 freePort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return 0;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    socklen_t len = sizeof a;
    quint16 port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr *>(&a), &len) == 0)
        port = ntohs(a.sin_port);
    ::close(fd);
    return port;
}

QString readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

/// The user nginx runs as when the test runs as root: Debian's nginx package makes www-data.
struct RunAs
{
    std::optional<unsigned> uid;
    std::optional<unsigned> gid;
};

RunAs nginxUser()
{
    if (::geteuid() != 0)
        return {};
    const passwd *pw = ::getpwnam("www-data");
    if (pw == nullptr)
        pw = ::getpwnam("nobody");
    if (pw == nullptr)
        return {};
    return {pw->pw_uid, pw->pw_gid};
}

/// Percent-encodes a Unix socket folder for a postgresql:// URI's host parameter.
QString uriEncoded(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

class SqliteRows final : public OfficeRows
{
  public:
    explicit SqliteRows(const std::filesystem::path &file) : m_db(file) {}
    std::vector<Row> rows(const std::string &sql, const std::vector<std::string> &params,
                          int columns) override
    {
        Statement s(m_db, sql);
        for (std::size_t i = 0; i < params.size(); ++i)
            s.bind(int(i) + 1, params[i]);
        std::vector<Row> out;
        while (s.step()) {
            Row row;
            for (int c = 0; c < columns; ++c)
                row.push_back(s.text(c));
            out.push_back(std::move(row));
        }
        return out;
    }

  private:
    Database m_db;
};

class PgRows final : public OfficeRows
{
  public:
    explicit PgRows(const QString &conninfo) : m_conn(PQconnectdb(conninfo.toUtf8().constData()))
    {
        if (PQstatus(m_conn) != CONNECTION_OK)
            m_error = QString::fromUtf8(PQerrorMessage(m_conn));
    }
    ~PgRows() override { PQfinish(m_conn); }
    PgRows(const PgRows &) = delete;
    PgRows &operator=(const PgRows &) = delete;

    std::vector<Row> rows(const std::string &sql, const std::vector<std::string> &params,
                          int columns) override
    {
        std::vector<const char *> values;
        values.reserve(params.size());
        for (const auto &p : params)
            values.push_back(p.c_str());
        PGresult *r = PQexecParams(m_conn, sql.c_str(), int(params.size()), nullptr, values.data(),
                                   nullptr, nullptr, 0);
        std::vector<Row> out;
        if (PQresultStatus(r) != PGRES_TUPLES_OK) {
            const std::string message = PQresultErrorMessage(r);
            PQclear(r);
            throw std::runtime_error("'" + sql + "' failed: " + message);
        }
        for (int i = 0; i < PQntuples(r); ++i) {
            Row row;
            for (int c = 0; c < columns; ++c)
                row.emplace_back(PQgetvalue(r, i, c));
            out.push_back(std::move(row));
        }
        PQclear(r);
        return out;
    }
    QString errorText() const override { return m_error; }

  private:
    PGconn *m_conn;
    QString m_error;
};

QString say(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace

std::unique_ptr<OfficeRows> sqliteOfficeRows(const std::filesystem::path &file)
{
    return std::make_unique<SqliteRows>(file);
}

std::uint16_t urlPort(const QString &url)
{
    return static_cast<std::uint16_t>(QUrl(url).port());
}

// ---------------------------------------------------------------------------------------------

ProvinceServer::ProvinceServer(QStringList storeArgs, QStringList serveExtra, QString logFile,
                               std::uint16_t port)
    : m_storeArgs(std::move(storeArgs)), m_serveExtra(std::move(serveExtra)),
      m_logFile(std::move(logFile)), m_port(port)
{
}

ProvinceServer::~ProvinceServer()
{
    if (isRunning())
        stop();
}

bool ProvinceServer::start()
{
    m_process = std::make_unique<QProcess>();
    QStringList args{"serve", "--listen", "127.0.0.1:" + QString::number(m_port)};
    args += m_storeArgs;
    args += m_serveExtra;
    const QString url = startServe(*m_process, args, m_logFile, m_error);
    if (url.isEmpty())
        return false;
    m_port = urlPort(url);
    return true;
}

void ProvinceServer::kill()
{
    if (!m_process)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
}

int ProvinceServer::stop()
{
    return m_process ? stopServe(*m_process) : -1;
}

bool ProvinceServer::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

// ---------------------------------------------------------------------------------------------

ProvinceStack::ProvinceStack(ProvinceOptions options) : m_options(std::move(options)) {}

ProvinceStack::~ProvinceStack()
{
    stop();
}

QString ProvinceStack::skipReason() const
{
    if (!QFileInfo(kNginx).isExecutable())
        return kNginx + " is missing: install nginx (Debian package nginx; scripts/setup does)";
    if (!hasOpenssl())
        return QStringLiteral("the openssl command is missing (it makes the test certificate)");
    if (m_options.postgresql) {
        PgCluster probe;
        if (!probe.available())
            return probe.skipReason();
    }
    return {};
}

QString ProvinceStack::conninfo() const
{
    return m_cluster ? m_cluster->conninfo(QStringLiteral("province")) : QString();
}

CliRun ProvinceStack::cli(QStringList args, const QByteArray &input) const
{
    args << "--data" << dataDir();
    if (!m_databaseUrl.isEmpty())
        args << "--database" << m_databaseUrl;
    return runServerCli(args, input);
}

bool ProvinceStack::start(const std::vector<ProvinceAccount> &accounts, const QString &password)
{
    if (!m_tmp.isValid()) {
        m_error = QStringLiteral("no temporary folder");
        return false;
    }
    if (const QString why = skipReason(); !why.isEmpty()) {
        m_error = why;
        return false;
    }
    const QString site = readFile(sourceDir() + "/deploy/fieldproof-nginx.conf");
    if (site.isEmpty()) {
        m_error = "cannot read " + sourceDir() + "/deploy/fieldproof-nginx.conf";
        return false;
    }
    // The servers take blobs as large as nginx lets through to them.
    static const QRegularExpression blobLimit(
        "location /api/v1/blobs/ \\{[^}]*client_max_body_size (\\d+)m;");
    const auto limit = blobLimit.match(site);
    if (!limit.hasMatch()) {
        m_error = QStringLiteral("the site file has no client_max_body_size in its blob location");
        return false;
    }

    if (m_options.postgresql) {
        m_cluster = std::make_unique<PgCluster>();
        if (!m_cluster->start() ||
            m_cluster->createDatabase(QStringLiteral("province")).isEmpty()) {
            m_error = "PostgreSQL: " + m_cluster->errorText();
            return false;
        }
        // The cluster listens on a Unix socket only; its folder is the URI's host.
        static const QRegularExpression hostOf("host='([^']*)'");
        const QString host = hostOf.match(conninfo()).captured(1);
        m_databaseUrl = "postgresql:///province?host=" + uriEncoded(host) + "&user=fieldproof";
    }

    if (!QDir().mkpath(dataDir())) {
        m_error = "cannot make " + dataDir();
        return false;
    }
    m_error = importPlanAndAddAccounts(
        accounts, password.toUtf8(),
        [this](const QStringList &args, const QByteArray &input) { return cli(args, input); });
    if (!m_error.isEmpty())
        return false;

    QStringList store{"--data", dataDir()};
    if (!m_databaseUrl.isEmpty())
        store << "--database" << m_databaseUrl;
    QStringList serveExtra{"--max-blob-mb", limit.captured(1)};
    if (!m_databaseUrl.isEmpty() && m_options.databasePool > 0)
        serveExtra << "--database-pool" << QString::number(m_options.databasePool);
    for (int i = 0; i < m_options.servers; ++i) {
        m_servers.push_back(std::make_unique<ProvinceServer>(
            store, serveExtra, m_tmp.path() + "/server" + QString::number(i) + ".log"));
        if (!m_servers.back()->start()) {
            m_error = "server " + QString::number(i) + ": " + m_servers.back()->errorText();
            return false;
        }
    }
    return startNginx();
}

QString ProvinceStack::buildNginxConfig(const QString &site, const QString &prefix, quint16 tlsPort,
                                        quint16 plainPort, quint16 redirectPort) const
{
    QStringList out;
    bool upstreamWritten = false;
    static const QRegularExpression upstreamServer("^(\\s*)server 127\\.0\\.0\\.1:\\d+( [^;]*)?;");
    static const QRegularExpression directive("^(\\s*)([a-z_0-9]+)\\s[^;]*;");
    for (const QString &line : site.split('\n')) {
        if (const auto m = upstreamServer.match(line); m.hasMatch()) {
            if (!upstreamWritten)
                for (const auto &server : m_servers)
                    out << m.captured(1) + "server 127.0.0.1:" + QString::number(server->port()) +
                               m.captured(2) + ";";
            upstreamWritten = true;
            continue;
        }
        const auto d = directive.match(line);
        const QString name = d.hasMatch() ? d.captured(2) : QString();
        const QString indent = d.captured(1);
        if (name == "listen") {
            if (line.contains("[::]"))
                continue; // loopback IPv4 only
            if (line.contains(" 80;")) {
                out << indent + "listen 127.0.0.1:" + QString::number(redirectPort) + ";";
            } else {
                QString tls = line;
                tls.replace(QRegularExpression("listen 443"),
                            "listen 127.0.0.1:" + QString::number(tlsPort));
                out << tls;
                // The same server block on plain HTTP, for the raw-socket requests of a test.
                out << indent + "listen 127.0.0.1:" + QString::number(plainPort) + ";";
            }
            continue;
        }
        if (name == "ssl_certificate") {
            out << indent + "ssl_certificate " + prefix + "/cert.pem;";
            continue;
        }
        if (name == "ssl_certificate_key") {
            out << indent + "ssl_certificate_key " + prefix + "/key.pem;";
            continue;
        }
        if (name == "server_name") {
            out << indent + "server_name 127.0.0.1;";
            continue;
        }
        if (!name.isEmpty() && m_options.nginxOverrides.contains(name)) {
            out << indent + name + " " + m_options.nginxOverrides.value(name) + ";";
            continue;
        }
        out << line;
    }
    QString conf;
    conf += "# Generated by tests/support/provincestack.cpp from deploy/fieldproof-nginx.conf.\n";
    conf += "daemon off;\nmaster_process on;\n";
    conf += "worker_processes " + QString::number(m_options.nginxWorkers) + ";\n";
    conf += "worker_rlimit_nofile 16384;\n";
    conf += "pid " + prefix + "/nginx.pid;\n";
    conf += "error_log " + prefix + "/error.log info;\n";
    conf += "events { worker_connections 8192; }\n";
    conf += "http {\n";
    conf += "    default_type application/octet-stream;\n";
    conf += "    access_log " + prefix + "/access.log;\n";
    for (const char *temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
        conf += QString("    %1_temp_path %2/%1;\n").arg(temp, prefix);
    conf += out.join('\n');
    conf += "\n}\n";
    return conf;
}

bool ProvinceStack::startNginx()
{
    m_nginxDir = std::make_unique<QTemporaryDir>();
    if (!m_nginxDir->isValid()) {
        m_error = QStringLiteral("no temporary folder for nginx");
        return false;
    }
    const QString prefix = m_nginxDir->path();
    m_cert = makeTestCertificate(prefix);
    if (!m_cert.error.isEmpty()) {
        m_error = m_cert.error;
        return false;
    }
    const quint16 tlsPort = freePort();
    const quint16 plainPort = freePort();
    const quint16 redirectPort = freePort();
    const QString site = readFile(sourceDir() + "/deploy/fieldproof-nginx.conf");
    m_config = buildNginxConfig(site, prefix, tlsPort, plainPort, redirectPort);
    if (!writeFile(prefix + "/nginx.conf", m_config.toUtf8())) {
        m_error = "cannot write " + prefix + "/nginx.conf";
        return false;
    }
    const RunAs user = nginxUser();
    if (user.uid) {
        // nginx refuses nothing as root, but it has no business running as root here: the
        // prefix folder (certificate, key, logs, temp files) becomes www-data's.
        for (const QString &file : {prefix, prefix + "/nginx.conf", m_cert.cert, m_cert.key})
            if (::chown(file.toLocal8Bit().constData(), *user.uid, *user.gid) != 0) {
                m_error = "cannot give " + file + " to the nginx user";
                return false;
            }
    }
    m_nginx = std::make_unique<QProcess>();
    m_nginx->setProcessChannelMode(QProcess::MergedChannels);
    m_nginx->setStandardOutputFile(prefix + "/stderr.log");
    m_nginx->setWorkingDirectory(prefix);
    m_nginx->setChildProcessModifier([user] {
        if (user.uid &&
            (::setgroups(0, nullptr) != 0 || ::setgid(*user.gid) != 0 || ::setuid(*user.uid) != 0))
            ::_exit(127);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    m_nginx->start(kNginx,
                   {"-p", prefix, "-c", prefix + "/nginx.conf", "-e", prefix + "/error.log"});
    if (!m_nginx->waitForStarted(20000)) {
        m_error = "cannot start nginx: " + m_nginx->errorString();
        return false;
    }
    m_baseUrl = "https://127.0.0.1:" + QString::number(tlsPort);
    m_plainUrl = "http://127.0.0.1:" + QString::number(plainPort);
    // Ready when the plain port accepts a connection.
    const QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        if (m_nginx->state() != QProcess::Running) {
            m_error = "nginx exited: " + readFile(prefix + "/stderr.log") + nginxErrorLog();
            return false;
        }
        const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        a.sin_port = htons(plainPort);
        const bool up = ::connect(fd, reinterpret_cast<sockaddr *>(&a), sizeof a) == 0;
        ::close(fd);
        if (up)
            return true;
        QThread::msleep(20);
    }
    m_error = "nginx did not listen within 20 s: " + nginxErrorLog();
    return false;
}

QString ProvinceStack::nginxConfig() const
{
    return m_config;
}

QString ProvinceStack::nginxErrorLog() const
{
    return m_nginxDir ? readFile(m_nginxDir->path() + "/error.log").right(4000) : QString();
}

bool ProvinceStack::stop()
{
    bool clean = true;
    if (m_nginx && m_nginx->state() != QProcess::NotRunning) {
        // SIGQUIT: graceful shutdown (requests in flight finish).
        ::kill(static_cast<pid_t>(m_nginx->processId()), SIGQUIT);
        if (!m_nginx->waitForFinished(20000)) {
            m_nginx->kill();
            m_nginx->waitForFinished(5000);
            clean = false;
        }
    }
    for (auto &server : m_servers)
        if (server->isRunning() && server->stop() != 0)
            clean = false;
    if (m_cluster && !m_cluster->stop())
        clean = false;
    return clean;
}

int ProvinceStack::databaseConnections() const
{
    if (!m_cluster)
        return -1;
    PgRows rows(m_cluster->conninfo(QStringLiteral("postgres")));
    if (!rows.errorText().isEmpty())
        return -1;
    // Our own connection to `postgres` is not counted: only the office database's backends.
    const auto r =
        rows.rows("SELECT count(*) FROM pg_stat_activity WHERE datname = 'province'", {}, 1);
    return r.empty() ? -1 : std::stoi(r[0][0]);
}

std::unique_ptr<OfficeRows> ProvinceStack::officeRows() const
{
    if (m_cluster)
        return std::make_unique<PgRows>(conninfo());
    return sqliteOfficeRows(std::filesystem::path(dataDir().toStdString()) / "office.db");
}

std::filesystem::path ProvinceStack::blobsDir() const
{
    return std::filesystem::path(dataDir().toStdString()) / "blobs";
}

// ---------------------------------------------------------------------------------------------

QString compareDeviceWithOffice(DeviceStore &store, OfficeRows &office,
                                const std::filesystem::path &blobs)
{
    if (const auto n = store.pendingCount(); n != 0)
        return say(std::to_string(n) + " items are still pending on the device");
    const auto enrolment = loadEnrolment(store);
    if (!enrolment)
        return "the device is not enrolled";
    if (!office.errorText().isEmpty())
        return "cannot read the office: " + office.errorText();

    std::set<std::string> deviceIds;
    Database device(store.databaseFile());
    Statement mine(device, "SELECT id, revision FROM inspections");
    while (mine.step()) {
        const std::string id = mine.text(0);
        const std::int64_t revision = mine.integer(1);
        deviceIds.insert(id);
        const InspectionBundle bundle = store.bundle(id);
        const auto held =
            office.rows("SELECT version, data, device_id FROM inspection WHERE id = $1", {id}, 3);
        if (held.empty())
            return say("inspection " + id + " is missing at the office");
        if (std::stoll(held[0][0]) != revision)
            return say("inspection " + id + ": the office holds version " + held[0][0] +
                       ", the device " + std::to_string(revision));
        if (held[0][2] != enrolment->device_id)
            return say("inspection " + id + " is recorded for another device");
        if (!(decode<InspectionBundle>(parseJson(held[0][1])) == bundle))
            return say("inspection " + id + " differs between device and office");
        for (const std::string &sha : blobRefs(Json(bundle))) {
            const auto file = blobs / blobRelativePath(sha);
            if (!std::filesystem::exists(file))
                return say(std::string("blob ")
                               .append(sha)
                               .append(" of inspection ")
                               .append(id)
                               .append(" is missing at the office"));
            if (sha256File(file) != sha)
                return say("blob " + sha + " at the office does not hash to its name");
            if (std::filesystem::file_size(file) !=
                std::filesystem::file_size(store.photos().pathOf(sha)))
                return say("blob " + sha + " differs in size");
        }
    }
    const auto theirs =
        office.rows("SELECT id FROM inspection WHERE device_id = $1", {enrolment->device_id}, 1);
    for (const auto &row : theirs)
        if (!deviceIds.contains(row[0]))
            return say("the office holds inspection " + row[0] + " the device does not");
    if (theirs.size() != deviceIds.size())
        return say("the office holds " + std::to_string(theirs.size()) +
                   " inspections of this device, the device " + std::to_string(deviceIds.size()));
    const auto twice = office.rows(
        "SELECT item_id, version, count(*) FROM push_audit WHERE device_id = $1 AND status = "
        "'stored' GROUP BY item_id, version HAVING count(*) > 1",
        {enrolment->device_id}, 3);
    if (!twice.empty())
        return say("revision " + twice[0][1] + " of " + twice[0][0] + " was stored " + twice[0][2] +
                   " times");
    return {};
}

} // namespace fp::test
