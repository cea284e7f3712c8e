#include "storebackend.h"

#include "db/database.h"
#include "pgcluster.h"
#include "server/pgstore/pgofficestore.h"
#include "server/storage/sqliteofficestore.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtGlobal>

namespace fp::test {

namespace {

/// Runs `work`; false with `error` set to what it threw.
template <typename Work> bool noThrow(QString &error, Work &&work)
{
    try {
        work();
        return true;
    } catch (const std::exception &e) {
        error = QString::fromUtf8(e.what());
        return false;
    }
}

class SqliteBackend final : public StoreBackend
{
  public:
    QString name() const override { return QStringLiteral("sqlite"); }

    bool newOffice(const std::string &seedSql) override
    {
        m_file = m_dir.filePath("office-" + QString::number(++m_count) + ".db").toStdString();
        return noThrow(m_error,
                       [&] {
                           SqliteOfficeStore migrated(
                               m_file); // brings the new file's schema up to date
                       }) &&
               execSql(seedSql);
    }

    std::unique_ptr<OfficeStore> openOffice(const TreeHeadSigner *signer) override
    {
        return std::make_unique<SqliteOfficeStore>(m_file, signer);
    }

    bool execSql(const std::string &sql) override
    {
        return noThrow(m_error, [&] { Database(m_file).execScript(sql); });
    }
    std::int64_t scalar(const std::string &sql) override
    {
        Database db(m_file);
        Statement s(db, sql);
        s.step();
        return s.integer(0);
    }

  private:
    QTemporaryDir m_dir;
    std::string m_file;
    int m_count = 0;
};

class PostgresBackend final : public StoreBackend
{
  public:
    ~PostgresBackend() override
    {
        if (m_cluster.isRunning()) {
            m_cluster.stop();
            qInfo("PostgreSQL cluster: stop %lld ms; %d offices made in %lld ms",
                  static_cast<long long>(m_cluster.stopMs()), m_count,
                  static_cast<long long>(m_newOfficeMs));
        }
    }

    QString name() const override { return QStringLiteral("postgresql"); }
    QString unavailable() const override { return m_cluster.skipReason(); }

    bool start() override
    {
        if (!m_cluster.start()) {
            m_error = m_cluster.errorText();
            return false;
        }
        qInfo("PostgreSQL cluster: initdb %lld ms, start %lld ms",
              static_cast<long long>(m_cluster.initMs()),
              static_cast<long long>(m_cluster.startMs()));
        return true;
    }

    bool newOffice(const std::string &seedSql) override
    {
        QElapsedTimer timer;
        timer.start();
        const bool made = makeOffice(seedSql);
        m_newOfficeMs += timer.elapsed();
        return made;
    }

    std::unique_ptr<OfficeStore> openOffice(const TreeHeadSigner *signer) override
    {
        return std::make_unique<PgOfficeStore>(m_conninfo, signer);
    }
    std::unique_ptr<OfficeStore> openPooledOffice(int connections,
                                                  const TreeHeadSigner *signer) override
    {
        PgPoolOptions pool;
        pool.size = connections;
        return std::make_unique<PgOfficeStore>(m_conninfo, signer, pool);
    }
    std::string conninfo() const override { return m_conninfo; }

    bool execSql(const std::string &sql) override
    {
        return noThrow(m_error, [&] { PgConnection(m_conninfo).execScript(sql); });
    }
    std::int64_t scalar(const std::string &sql) override
    {
        PgConnection db(m_conninfo);
        return db.exec(sql).integer(0, 0);
    }

    QString commitOrderProblem() override
    {
        // The cluster runs with track_commit_timestamp=on (pgcluster.cpp). A transaction
        // holds the change-log lock until its commit, so a row's commit time is never later
        // than that of a row with a higher number.
        try {
            PgConnection db(m_conninfo);
            for (const auto &[table, key] :
                 {std::pair{"change_log", "seq"}, std::pair{"log_leaf", "idx"},
                  std::pair{"push_audit", "seq"}, std::pair{"office_journal", "seq"}}) {
                const std::string sql =
                    std::string("SELECT k, next_k FROM (SELECT ") + key +
                    " AS k, pg_xact_commit_timestamp(xmin) AS t, lead(" + key +
                    ") OVER (ORDER BY " + key +
                    ") AS next_k, lead(pg_xact_commit_timestamp(xmin)) OVER (ORDER BY " + key +
                    ") AS next_t FROM " + table + ") x WHERE next_t < t ORDER BY k LIMIT 1";
                const PgResult r = db.exec(sql);
                if (r.rows() > 0)
                    return QString::fromStdString(std::string(table) + ": " + key + " " +
                                                  r.text(0, 0) + " committed after " + key + " " +
                                                  r.text(0, 1));
            }
        } catch (const std::exception &e) {
            return QString::fromUtf8(e.what());
        }
        return {};
    }

  private:
    bool makeOffice(const std::string &seedSql)
    {
        const QString name = "office_" + QString::number(++m_count);
        m_conninfo = m_cluster.createDatabase(name).toStdString();
        if (m_conninfo.empty()) {
            m_error = m_cluster.errorText();
            return false;
        }
        if (!noThrow(m_error, [&] {
                PgOfficeStore migrated(m_conninfo); // brings the new database's schema up to date
            }))
            return false;
        if (!m_cluster.exec(name, QString::fromStdString(seedSql))) {
            m_error = m_cluster.errorText();
            return false;
        }
        return true;
    }

    PgCluster m_cluster;
    std::string m_conninfo;
    int m_count = 0;
    qint64 m_newOfficeMs = 0;
};

} // namespace

std::unique_ptr<StoreBackend> StoreBackend::fromEnvironment(QString &why)
{
    const QString name = qEnvironmentVariable("FIELDPROOF_STORE_BACKEND", "sqlite");
    if (name == QLatin1String("sqlite"))
        return std::make_unique<SqliteBackend>();
    if (name == QLatin1String("postgresql"))
        return std::make_unique<PostgresBackend>();
    why = "FIELDPROOF_STORE_BACKEND names no back end: '" + name + "' (sqlite, postgresql)";
    return nullptr;
}

bool backendRequired()
{
    return qEnvironmentVariableIntValue("FIELDPROOF_REQUIRE_POSTGRESQL") == 1;
}

} // namespace fp::test
