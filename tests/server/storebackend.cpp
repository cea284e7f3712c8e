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

class SqliteBackend final : public StoreBackend
{
  public:
    QString name() const override { return QStringLiteral("sqlite"); }

    bool newOffice(const std::string &seedSql) override
    {
        try {
            m_file = m_dir.filePath("office-" + QString::number(++m_count) + ".db").toStdString();
            SqliteOfficeStore migrated(m_file); // brings the new file's schema up to date
            Database db(m_file);
            db.execScript(seedSql);
            return true;
        } catch (const std::exception &e) {
            m_error = QString::fromUtf8(e.what());
            return false;
        }
    }

    std::unique_ptr<AccountStore> openAccounts() override
    {
        return std::make_unique<SqliteOfficeStore>(m_file);
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

    std::unique_ptr<AccountStore> openAccounts() override
    {
        return std::make_unique<PgOfficeStore>(m_conninfo);
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
        try {
            PgOfficeStore migrated(m_conninfo); // brings the new database's schema up to date
        } catch (const std::exception &e) {
            m_error = QString::fromUtf8(e.what());
            return false;
        }
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
