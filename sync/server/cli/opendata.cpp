// Opening the office for a command: the data directory (--data) and the office database in it
// (office.db, SQLite) or on a PostgreSQL server (--database, or FIELDPROOF_DATABASE).

#include "cli/args.h"
#include "server/cli/clicommands.h"
#include "server/domain/officekey.h"
#include "server/pgstore/pgofficestore.h"
#include "server/storage/sqliteofficestore.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <memory>

namespace fp {

namespace {

/// Where a libpq connection string points, for messages: "host H port P database D", from
/// libpq's own parser; never the password.
std::string whereOf(const std::string &conninfo)
{
    char *error = nullptr;
    PQconninfoOption *options = PQconninfoParse(conninfo.c_str(), &error);
    if (!options) {
        std::string why = error ? error : "libpq could not read it";
        PQfreemem(error);
        while (!why.empty() && (why.back() == '\n' || why.back() == ' '))
            why.pop_back();
        // libpq may quote the string, which may hold a password.
        for (auto at = why.find(conninfo); !conninfo.empty() && at != std::string::npos;
             at = why.find(conninfo))
            why.replace(at, conninfo.size(), "...");
        throw UsageError("--database is not a PostgreSQL connection string: " + why);
    }
    std::string host;
    std::string port;
    std::string dbname;
    for (const PQconninfoOption *o = options; o->keyword; ++o) {
        const std::string keyword = o->keyword;
        const std::string value = o->val ? o->val : "";
        if (keyword == "host" && !value.empty())
            host = value;
        else if (keyword == "hostaddr" && !value.empty() && host.empty())
            host = value;
        else if (keyword == "port")
            port = value;
        else if (keyword == "dbname")
            dbname = value;
    }
    PQconninfoFree(options);
    std::string where = "host ";
    where.append(host.empty() ? "(the local socket)" : host);
    where.append(" port ").append(port.empty() ? "5432" : port);
    if (!dbname.empty())
        where.append(" database ").append(dbname);
    return where;
}

/// libpq's message on one line: its lines joined with "; ", tabs gone.
std::string oneLine(std::string text)
{
    std::string out;
    for (char c : text) {
        if (c == '\n') {
            if (!out.empty() && out.back() != ' ')
                out.append("; ");
        } else if (c != '\t') {
            out.push_back(c);
        }
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == ';'))
        out.pop_back();
    return out;
}

/// The office store on PostgreSQL; an unreachable server is one line saying where.
std::unique_ptr<OfficeStore> openPostgres(const std::string &conninfo, const TreeHeadSigner *signer,
                                          int pool)
{
    const std::string where = whereOf(conninfo);
    try {
        PgPoolOptions options;
        options.size = pool;
        return std::make_unique<PgOfficeStore>(conninfo, signer, options);
    } catch (const PgError &e) {
        // PgConnection's "cannot connect to PostgreSQL: ..." (no SQLSTATE): say where.
        if (!e.sqlstate().empty())
            throw;
        throw Error("cannot reach the office database on PostgreSQL (" + where +
                    "): " + oneLine(e.what()));
    }
}

} // namespace

std::optional<std::string> databaseOption(const CliArgs &args)
{
    if (auto given = args.value("database")) {
        if (given->empty())
            throw UsageError("--database needs a PostgreSQL connection string "
                             "(postgresql://USER@HOST:PORT/DBNAME)");
        return given;
    }
    const char *env = std::getenv("FIELDPROOF_DATABASE"); // NOLINT(concurrency-mt-unsafe)
    if (env && *env)
        return std::string(env);
    return std::nullopt;
}

OpenData openData(const CliArgs &args, int databasePool)
{
    OpenData d{DataDir{args.valueOr("data", "fieldproof-data")}, nullptr, nullptr, nullptr};
    const auto database = databaseOption(args);
    d.dir.create();
    d.signer = std::make_unique<TreeHeadSigner>(OfficeKey::loadOrCreate(d.dir.officeKey()),
                                                SystemClock::instance());
    if (database) {
        d.store = openPostgres(*database, d.signer.get(), databasePool);
    } else {
        auto sqlite = std::make_unique<SqliteOfficeStore>(d.dir.database(), d.signer.get());
        d.sqlite = sqlite.get();
        d.store = std::move(sqlite);
    }
    return d;
}

void requireSqliteStore(const CliArgs &args, const std::string &command)
{
    if (databaseOption(args))
        throw UsageError(command +
                         " is for the SQLite office store (office.db in --data); an office on "
                         "PostgreSQL is backed up with PostgreSQL's own tools (pg_dump, "
                         "pg_basebackup) and the data directory's blobs/ and office.key copied "
                         "beside it");
}

} // namespace fp
