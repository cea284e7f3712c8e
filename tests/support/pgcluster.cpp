#include "pgcluster.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QThread>

#include <libpq-fe.h>

#include <csignal>
#include <memory>

#include <grp.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace fp::test {

namespace {

constexpr int kPort = 5432; // only names the socket file: the cluster listens on no TCP port
const QString kSuperuser = QStringLiteral("fieldproof");

/// Becomes `uid`/`gid` in a forked child before exec; exits the child if it cannot.
void becomeUser(std::optional<unsigned> uid, std::optional<unsigned> gid)
{
    if (!uid)
        return;
    if (::setgroups(0, nullptr) != 0 || ::setgid(*gid) != 0 || ::setuid(*uid) != 0)
        ::_exit(127);
}

} // namespace

PgCluster::PgCluster()
{
    for (const char *tool : {"initdb", "postgres"}) {
        if (!QFileInfo(m_bin + "/" + tool).isExecutable()) {
            m_skipReason = m_bin + "/" + tool +
                           " is missing: install PostgreSQL 15 (Debian package postgresql-15; "
                           "scripts/setup installs it)";
            return;
        }
    }
    if (::geteuid() == 0) {
        // PostgreSQL refuses to run as root; Debian's package made this system user for it.
        const passwd *pw = ::getpwnam("postgres");
        if (pw == nullptr) {
            m_skipReason = QStringLiteral("running as root and there is no 'postgres' user to run "
                                          "PostgreSQL as (PostgreSQL refuses root)");
            return;
        }
        m_uid = pw->pw_uid;
        m_gid = pw->pw_gid;
    }
}

PgCluster::~PgCluster()
{
    stop();
}

bool PgCluster::runTool(const QString &tool, const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir->path()); // the test's own folder may be closed to postgres
    const auto uid = m_uid;
    const auto gid = m_gid;
    p.setChildProcessModifier([uid, gid] {
        becomeUser(uid, gid);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    p.start(m_bin + "/" + tool, args);
    const bool finished = p.waitForStarted(20000) && p.waitForFinished(120000);
    if (!finished)
        p.kill();
    if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        m_error = tool + " failed (exit " + QString::number(p.exitCode()) +
                  "): " + QString::fromUtf8(p.readAll());
        return false;
    }
    return true;
}

bool PgCluster::start()
{
    if (!available()) {
        m_error = m_skipReason;
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot make a temporary folder for PostgreSQL");
        return false;
    }
    // The socket's path must fit a sockaddr_un (107 bytes).
    if (m_dir->path().size() > 80) {
        m_error = "the temporary folder's path is too long for a Unix socket: " + m_dir->path();
        return false;
    }
    if (m_uid && ::chown(m_dir->path().toLocal8Bit().constData(), *m_uid, *m_gid) != 0) {
        m_error = "cannot give " + m_dir->path() + " to the postgres user";
        return false;
    }
    const QString data = m_dir->path() + "/data";
    QElapsedTimer timer;
    timer.start();
    // No fsync anywhere: a test cluster is thrown away, and CI time matters.
    if (!runTool("initdb", {"-D", data, "-U", kSuperuser, "--auth=trust", "--no-sync",
                            "--encoding=UTF8", "--locale=C", "--no-instructions"}))
        return false;
    m_initMs = timer.restart();

    m_postmaster = std::make_unique<QProcess>();
    m_postmaster->setProcessChannelMode(QProcess::MergedChannels);
    m_postmaster->setStandardOutputFile(m_dir->path() + "/postgres.log");
    m_postmaster->setWorkingDirectory(m_dir->path());
    const auto uid = m_uid;
    const auto gid = m_gid;
    // If the test program dies, the postmaster gets SIGTERM instead of living on. Set after
    // the change of user, which clears it.
    m_postmaster->setChildProcessModifier([uid, gid] {
        becomeUser(uid, gid);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    });
    m_postmaster->start(m_bin + "/postgres",
                        {"-D", data, "-k", m_dir->path(), "-p", QString::number(kPort), "-c",
                         "listen_addresses=", "-c", "fsync=off", "-c", "full_page_writes=off", "-c",
                         "max_connections=60", "-c", "track_commit_timestamp=on"});
    if (!m_postmaster->waitForStarted(20000)) {
        m_error = "cannot start postgres: " + m_postmaster->errorString();
        return false;
    }
    const QByteArray info = conninfo(QStringLiteral("postgres")).toUtf8();
    const QDeadlineTimer deadline(30000);
    while (PQping(info.constData()) != PQPING_OK) {
        if (m_postmaster->state() != QProcess::Running) {
            m_error = "postgres exited while starting: " + logTail();
            return false;
        }
        if (deadline.hasExpired()) {
            m_error = "postgres did not accept connections within 30 s: " + logTail();
            stop();
            return false;
        }
        QThread::msleep(20);
    }
    m_startMs = timer.elapsed();
    return true;
}

bool PgCluster::isRunning() const
{
    return m_postmaster && m_postmaster->state() == QProcess::Running;
}

bool PgCluster::stop()
{
    if (!isRunning())
        return true;
    QElapsedTimer timer;
    timer.start();
    // SIGINT is PostgreSQL's fast shutdown: sessions are cut, the cluster stops cleanly.
    ::kill(static_cast<pid_t>(m_postmaster->processId()), SIGINT);
    bool clean = m_postmaster->waitForFinished(30000);
    if (!clean) {
        m_postmaster->kill();
        m_postmaster->waitForFinished(5000);
    }
    m_stopMs = timer.elapsed();
    return clean;
}

QString PgCluster::conninfo(const QString &name) const
{
    return QStringLiteral("host='%1' port=%2 user=%3 dbname='%4' connect_timeout=10")
        .arg(m_dir ? m_dir->path() : QString(), QString::number(kPort), kSuperuser, name);
}

bool PgCluster::exec(const QString &name, const QString &sql)
{
    struct Finish
    {
        void operator()(PGconn *c) const { PQfinish(c); }
    };
    std::unique_ptr<PGconn, Finish> conn(PQconnectdb(conninfo(name).toUtf8().constData()));
    if (PQstatus(conn.get()) != CONNECTION_OK) {
        m_error =
            "cannot connect to " + name + ": " + QString::fromUtf8(PQerrorMessage(conn.get()));
        return false;
    }
    PGresult *r = PQexec(conn.get(), sql.toUtf8().constData());
    const auto status = PQresultStatus(r);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok)
        m_error = "'" + sql + "' failed: " + QString::fromUtf8(PQresultErrorMessage(r));
    PQclear(r);
    return ok;
}

QString PgCluster::createDatabase(const QString &name)
{
    // An ICU collation sorts "B" after "a": a query that should sort by bytes but leaves it to
    // the database shows it here, where a C-locale database would hide it. FILE_COPY: with
    // fsync off it copies the small template at once, and the stop has no WAL to flush.
    if (!exec(QStringLiteral("postgres"), "CREATE DATABASE \"" + name +
                                              "\" TEMPLATE template0 LOCALE_PROVIDER icu "
                                              "ICU_LOCALE 'en-US' LOCALE 'C' STRATEGY FILE_COPY"))
        return {};
    return conninfo(name);
}

QString PgCluster::logTail() const
{
    QFile log(m_dir ? m_dir->path() + "/postgres.log" : QString());
    if (!log.open(QIODevice::ReadOnly))
        return QStringLiteral("(no log)");
    const QByteArray all = log.readAll();
    return QString::fromUtf8(all.right(2000));
}

} // namespace fp::test
