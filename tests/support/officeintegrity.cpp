#include "officeintegrity.h"

#include "core/error.h"
#include "db/database.h"
#include "officedatabase.h"

#include <libpq-fe.h>

#include <memory>
#include <vector>

namespace fp::test {

namespace {

struct PgConnDeleter
{
    void operator()(PGconn *c) const { PQfinish(c); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgConnDeleter>;
struct PgResultDeleter
{
    void operator()(PGresult *r) const { PQclear(r); }
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultDeleter>;

PgConnPtr connect(const QString &conninfo)
{
    PgConnPtr conn(PQconnectdb(conninfo.toUtf8().constData()));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw Error(std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn.get()));
    return conn;
}

bool succeeded(const PGresult *r)
{
    const auto status = PQresultStatus(r);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

/// One query with text parameters; its result, or PostgreSQL's error in `error`.
PgResultPtr run(PGconn *conn, const std::string &sql, const std::vector<std::string> &params,
                std::string &error)
{
    std::vector<const char *> values;
    values.reserve(params.size());
    for (const auto &p : params)
        values.push_back(p.c_str());
    PgResultPtr r(PQexecParams(conn, sql.c_str(), int(values.size()), nullptr, values.data(),
                               nullptr, nullptr, 0));
    error.clear();
    if (!succeeded(r.get())) {
        error = PQresultErrorMessage(r.get());
        while (!error.empty() && (error.back() == '\n' || error.back() == ' '))
            error.pop_back();
    }
    return r;
}

void addLine(std::string &out, const std::string &line)
{
    if (!out.empty())
        out.append("\n");
    out.append(line);
}

/// SQLite's PRAGMA integrity_check of `file`: "ok" or its lines joined by "; ".
std::string sqliteIntegrity(const std::string &file)
{
    Database db(file);
    return db.integrityCheck();
}

} // namespace

void pgExec(const QString &conninfo, const std::string &sql)
{
    const PgConnPtr conn = connect(conninfo);
    const PgResultPtr r(PQexec(conn.get(), sql.c_str()));
    if (!succeeded(r.get()))
        throw Error("'" + sql + "' failed: " + PQresultErrorMessage(r.get()));
}

std::string pgAmcheck(const QString &conninfo)
{
    const PgConnPtr conn = connect(conninfo);
    std::string error;
    run(conn.get(), "CREATE SCHEMA IF NOT EXISTS fp_amcheck", {}, error);
    if (error.empty())
        run(conn.get(), "CREATE EXTENSION IF NOT EXISTS amcheck SCHEMA fp_amcheck", {}, error);
    if (!error.empty())
        return "amcheck: cannot create the extension: " + error;

    std::string problems;
    // Each index in its own statement (autocommit), so that one broken index does not hide
    // the others: bt_index_check raises an error on the first problem of its index.
    const PgResultPtr indexes =
        run(conn.get(),
            "SELECT c.oid::text, c.relname FROM pg_index i JOIN pg_class c ON c.oid = "
            "i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid "
            "= c.relam WHERE n.nspname = 'public' AND am.amname = 'btree' AND i.indisvalid AND "
            "i.indisready AND c.relpersistence <> 't' ORDER BY c.relname",
            {}, error);
    if (!error.empty())
        return "amcheck: cannot list the indexes: " + error;
    if (PQntuples(indexes.get()) == 0)
        addLine(problems, "amcheck: the schema public has no btree index (not the office?)");
    for (int i = 0; i < PQntuples(indexes.get()); ++i) {
        const std::string oid = PQgetvalue(indexes.get(), i, 0);
        const std::string name = PQgetvalue(indexes.get(), i, 1);
        run(conn.get(), "SELECT fp_amcheck.bt_index_check($1::oid::regclass, true)", {oid}, error);
        if (!error.empty())
            addLine(problems, "amcheck: index " + name + ": " + error);
    }

    const PgResultPtr tables =
        run(conn.get(),
            "SELECT c.oid::text, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = "
            "c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm') AND "
            "c.relpersistence <> 't' ORDER BY c.relname",
            {}, error);
    if (!error.empty())
        return "amcheck: cannot list the tables: " + error;
    for (int i = 0; i < PQntuples(tables.get()); ++i) {
        const std::string oid = PQgetvalue(tables.get(), i, 0);
        const std::string name = PQgetvalue(tables.get(), i, 1);
        const PgResultPtr found = run(conn.get(),
                                      "SELECT coalesce(blkno::text, ''), coalesce(offnum::text, "
                                      "''), coalesce(msg, '') FROM fp_amcheck.verify_heapam("
                                      "$1::oid::regclass, check_toast => true)",
                                      {oid}, error);
        if (!error.empty()) {
            addLine(problems, "amcheck: table " + name + ": " + error);
            continue;
        }
        for (int row = 0; row < PQntuples(found.get()); ++row)
            addLine(problems, "amcheck: table " + name + " block " +
                                  PQgetvalue(found.get(), row, 0) + " item " +
                                  PQgetvalue(found.get(), row, 1) + ": " +
                                  PQgetvalue(found.get(), row, 2));
    }
    return problems.empty() ? "ok" : problems;
}

std::string officeIntegrity(const TestOffice &office)
{
    std::string problems;
    const QString conninfo = officeDatabaseFor(office.dataDir());
    const std::string database =
        conninfo.isEmpty() ? sqliteIntegrity((office.dataDir() + "/office.db").toStdString())
                           : pgAmcheck(conninfo);
    if (database != "ok")
        addLine(problems, conninfo.isEmpty() ? "integrity_check: " + database : database);
    const CliRun verify = office.cli({"log", "verify"});
    if (verify.exitCode != 0)
        addLine(problems, "log verify (exit " + std::to_string(verify.exitCode) +
                              "): " + verify.err.trimmed().toStdString());
    return problems.empty() ? "ok" : problems;
}

} // namespace fp::test
