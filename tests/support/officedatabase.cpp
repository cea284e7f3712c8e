#include "officedatabase.h"

#include "core/error.h"
#include "pgcluster.h"

#include <QCoreApplication>
#include <QDir>
#include <QMap>

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

namespace fp::test {

namespace {

struct Cluster
{
    std::mutex mutex;
    std::unique_ptr<PgCluster> pg;
    QMap<QString, QString> databases; // clean absolute data directory -> conninfo
};

Cluster &cluster()
{
    static Cluster c;
    return c;
}

/// Stops the cluster while Qt still runs (QProcess needs it): a post routine of the
/// QCoreApplication.
void stopCluster()
{
    Cluster &c = cluster();
    std::lock_guard lock(c.mutex);
    if (c.pg)
        c.pg->stop();
    c.pg.reset();
    c.databases.clear();
}

/// The started cluster; stops the program when it cannot start. Callers hold the mutex.
PgCluster &startedCluster(Cluster &c)
{
    if (c.pg)
        return *c.pg;
    auto pg = std::make_unique<PgCluster>();
    if (!pg->available())
        qFatal("FIELDPROOF_TEST_DATABASE=postgresql, but PostgreSQL cannot run here: %s",
               qPrintable(pg->skipReason()));
    if (!pg->start())
        qFatal("FIELDPROOF_TEST_DATABASE=postgresql, but the test cluster did not start: %s",
               qPrintable(pg->errorText()));
    c.pg = std::move(pg);
    qAddPostRoutine(stopCluster);
    return *c.pg;
}

struct PgConnDeleter
{
    void operator()(PGconn *c) const { PQfinish(c); }
};
struct PgResultDeleter
{
    void operator()(PGresult *r) const { PQclear(r); }
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

PgResultPtr query(PGconn *conn, const std::string &sql)
{
    PgResultPtr r(PQexec(conn, sql.c_str()));
    if (PQresultStatus(r.get()) != PGRES_TUPLES_OK)
        throw Error("snapshot of the office database: '" + sql +
                    "' failed: " + PQresultErrorMessage(r.get()));
    return r;
}

/// SQLite's column affinity for a PostgreSQL type, as information_schema names it.
const char *affinityOf(const std::string &type)
{
    if (type == "bigint" || type == "integer" || type == "smallint" || type == "boolean")
        return "INTEGER";
    if (type == "double precision" || type == "real" || type == "numeric")
        return "REAL";
    if (type == "bytea")
        return "BLOB";
    return "TEXT";
}

std::string quoted(const std::string &name)
{
    std::string out("\"");
    out.append(name).append("\"");
    return out;
}

struct Column
{
    std::string name;
    std::string type;
};

} // namespace

bool officeOnPostgres()
{
    const QByteArray mode = qgetenv("FIELDPROOF_TEST_DATABASE");
    if (mode.isEmpty() || mode == "sqlite")
        return false;
    if (mode == "postgresql")
        return true;
    qFatal("FIELDPROOF_TEST_DATABASE must be sqlite or postgresql, not '%s'", mode.constData());
}

void requireOfficeDatabase()
{
    if (!officeOnPostgres())
        return;
    Cluster &c = cluster();
    std::lock_guard lock(c.mutex);
    startedCluster(c);
}

QString officeDatabaseFor(const QString &dataDir)
{
    if (!officeOnPostgres())
        return {};
    const QString key = QDir::cleanPath(QDir(dataDir).absolutePath());
    Cluster &c = cluster();
    std::lock_guard lock(c.mutex);
    if (const auto it = c.databases.constFind(key); it != c.databases.cend())
        return *it;
    PgCluster &pg = startedCluster(c);
    const QString name = QStringLiteral("office%1").arg(c.databases.size() + 1);
    const QString conninfo = pg.createDatabase(name);
    if (conninfo.isEmpty())
        qFatal("cannot create the office database %s: %s", qPrintable(name),
               qPrintable(pg.errorText()));
    c.databases.insert(key, conninfo);
    return conninfo;
}

QStringList officeDatabaseArgs(const QString &dataDir)
{
    const QString conninfo = officeDatabaseFor(dataDir);
    return conninfo.isEmpty() ? QStringList() : QStringList{"--database", conninfo};
}

std::unique_ptr<Database> snapshotOfficeDatabase(const QString &conninfo,
                                                 const std::filesystem::path &file)
{
    std::unique_ptr<PGconn, PgConnDeleter> conn(PQconnectdb(conninfo.toUtf8().constData()));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw Error(std::string("snapshot of the office database: cannot connect: ") +
                    PQerrorMessage(conn.get()));
    // One snapshot of every table, as of one moment.
    PgResultPtr(PQexec(conn.get(), "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
    const PgResultPtr cols =
        query(conn.get(), "SELECT table_name, column_name, data_type FROM "
                          "information_schema.columns c WHERE table_schema = 'public' AND "
                          "EXISTS (SELECT 1 FROM information_schema.tables t WHERE "
                          "t.table_schema = 'public' AND t.table_name = c.table_name AND "
                          "t.table_type = 'BASE TABLE') ORDER BY table_name, ordinal_position");
    std::vector<std::pair<std::string, std::vector<Column>>> tables;
    for (int i = 0; i < PQntuples(cols.get()); ++i) {
        const std::string table = PQgetvalue(cols.get(), i, 0);
        if (tables.empty() || tables.back().first != table)
            tables.push_back({table, {}});
        tables.back().second.push_back(
            {PQgetvalue(cols.get(), i, 1), PQgetvalue(cols.get(), i, 2)});
    }

    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        std::filesystem::remove(file.string() + suffix, ec);
    auto db = std::make_unique<Database>(file);
    Transaction tx(*db);
    for (const auto &[table, columns] : tables) {
        std::string create = "CREATE TABLE " + quoted(table) + " (";
        std::string select = "SELECT ";
        std::string insert = "INSERT INTO " + quoted(table) + " VALUES (";
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const char *sep = i == 0 ? "" : ", ";
            create.append(sep).append(quoted(columns[i].name)).append(" ");
            create.append(affinityOf(columns[i].type));
            select.append(sep).append(quoted(columns[i].name));
            insert.append(sep).append("?");
        }
        db->execScript(create + ")");
        insert.append(")");
        const PgResultPtr rows = query(conn.get(), select + " FROM " + quoted(table));
        Statement put(*db, insert);
        for (int r = 0; r < PQntuples(rows.get()); ++r) {
            put.reset();
            for (int col = 0; col < int(columns.size()); ++col) {
                const int index = col + 1;
                if (PQgetisnull(rows.get(), r, col)) {
                    put.bindNull(index);
                    continue;
                }
                const std::string value = PQgetvalue(rows.get(), r, col);
                const std::string &type = columns[std::size_t(col)].type;
                if (type == "boolean") {
                    put.bind(index, std::int64_t(value == "t" ? 1 : 0));
                } else if (type == "bytea") {
                    std::size_t size = 0;
                    unsigned char *bytes = PQunescapeBytea(
                        reinterpret_cast<const unsigned char *>(value.c_str()), &size);
                    put.bindBlob(index, bytes, size);
                    PQfreemem(bytes);
                } else {
                    put.bind(index, value); // the column's affinity makes numbers of digits
                }
            }
            put.exec();
        }
    }
    tx.commit();
    PgResultPtr(PQexec(conn.get(), "COMMIT"));
    return db;
}

} // namespace fp::test
