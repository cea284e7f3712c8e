#pragma once
// A private PostgreSQL 15 cluster for one test program (issue 18): Debian's initdb into a
// temporary folder, the postmaster as a child process listening only on a Unix socket in that
// folder (fsync off; track_commit_timestamp on, so that a test can check the order in which rows
// committed), one fresh database per createDatabase(). Stopped and deleted when the object goes,
// also when a test fails; the postmaster gets SIGTERM if the test program itself dies.
//
// PostgreSQL refuses to run as root: a root test program runs initdb and the postmaster as the
// `postgres` system user (Debian's postgresql package creates it). Without PostgreSQL 15, or as
// root without that user, available() is false and skipReason() says why.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <optional>

namespace fp::test {

class PgCluster
{
  public:
    PgCluster();
    ~PgCluster();
    PgCluster(const PgCluster &) = delete;
    PgCluster &operator=(const PgCluster &) = delete;

    /// Whether PostgreSQL 15 is installed and may run here.
    bool available() const { return m_skipReason.isEmpty(); }
    QString skipReason() const { return m_skipReason; }

    /// initdb, start, and wait (at most 30 s) until it accepts connections. False, with the
    /// reason and the server's log in errorText(), otherwise.
    bool start();
    /// Fast shutdown (SIGINT), waits at most 30 s, then SIGKILL. True on a clean stop.
    bool stop();
    bool isRunning() const;

    /// Creates the database `name` with a linguistic (ICU en-US) collation, so that a query
    /// that relies on the database's collation for byte order shows it. Returns its libpq
    /// connection string, or "" with errorText() set.
    QString createDatabase(const QString &name);
    /// Runs SQL text (no parameters) in database `name`; false with errorText() set.
    bool exec(const QString &name, const QString &sql);

    /// The connection string of database `name` on this cluster.
    QString conninfo(const QString &name) const;
    QString errorText() const { return m_error; }
    /// Milliseconds initdb took, and the start until the first accepted connection.
    qint64 initMs() const { return m_initMs; }
    qint64 startMs() const { return m_startMs; }
    qint64 stopMs() const { return m_stopMs; }

  private:
    bool runTool(const QString &tool, const QStringList &args);
    QString logTail() const;

    QString m_bin = QStringLiteral("/usr/lib/postgresql/15/bin");
    QString m_skipReason;
    QString m_error;
    std::optional<unsigned> m_uid; // the user to run as, when the test runs as root
    std::optional<unsigned> m_gid;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<QProcess> m_postmaster;
    qint64 m_initMs = 0;
    qint64 m_startMs = 0;
    qint64 m_stopMs = 0;
};

} // namespace fp::test
