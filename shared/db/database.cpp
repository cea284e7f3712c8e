#include "db/database.h"

#include <sqlite3.h>

namespace fp {

void Database::Deleter::operator()(sqlite3 *db) const
{
    sqlite3_close_v2(db);
}

void Statement::Deleter::operator()(sqlite3_stmt *s) const
{
    sqlite3_finalize(s);
}

Database::Database(const std::filesystem::path &file)
{
    sqlite3 *raw = nullptr;
    const int rc =
        sqlite3_open_v2(file.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    m_db.reset(raw);
    if (rc != SQLITE_OK)
        fail("cannot open database " + file.string(), rc);
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, 5000);
    sqlite3_db_config(raw, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    execScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
}

void Database::fail(const std::string &context, int rc) const
{
    std::string msg = context;
    if (m_db)
        msg += ": " + std::string(sqlite3_errmsg(m_db.get()));
    else
        msg += ": " + std::string(sqlite3_errstr(rc));
    throw StoreError(msg, rc);
}

void Database::stepFailed(int rc, const std::string &message) const
{
    if (m_stepFailure)
        m_stepFailure(rc, message);
    throw StoreError("SQL step failed: " + message, rc);
}

void Database::execScript(std::string_view sql)
{
    char *err = nullptr;
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errstr(rc);
        sqlite3_free(err);
        throw StoreError("SQL failed: " + msg, rc);
    }
}

std::int64_t Database::userVersion()
{
    Statement s(*this, "PRAGMA user_version");
    s.step();
    return s.integer(0);
}

void Database::setUserVersion(std::int64_t version)
{
    // PRAGMA takes no bound parameters; the value is an integer we produced.
    execScript("PRAGMA user_version=" + std::to_string(version));
}

std::string Database::integrityCheck()
{
    Statement s(*this, "PRAGMA integrity_check");
    std::string out;
    while (s.step()) {
        if (!out.empty())
            out += "; ";
        out += s.text(0);
    }
    return out;
}

std::int64_t Database::changes() const
{
    return sqlite3_changes64(m_db.get());
}

Statement::Statement(Database &db, std::string_view sql) : m_db(db)
{
    sqlite3_stmt *raw = nullptr;
    const int rc =
        sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr);
    m_stmt.reset(raw);
    if (rc != SQLITE_OK)
        db.fail("cannot prepare '" + std::string(sql.substr(0, 60)) + "'", rc);
}

Statement &Statement::bind(int index, std::string_view text)
{
    const int rc = sqlite3_bind_text64(m_stmt.get(), index, text.data(), text.size(),
                                       SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        m_db.fail("bind failed", rc);
    return *this;
}

Statement &Statement::bind(int index, std::int64_t value)
{
    const int rc = sqlite3_bind_int64(m_stmt.get(), index, value);
    if (rc != SQLITE_OK)
        m_db.fail("bind failed", rc);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(m_stmt.get(), index, value);
    if (rc != SQLITE_OK)
        m_db.fail("bind failed", rc);
    return *this;
}

Statement &Statement::bindBlob(int index, const void *data, std::size_t size)
{
    const int rc = sqlite3_bind_blob64(m_stmt.get(), index, data, size, SQLITE_TRANSIENT);
    if (rc != SQLITE_OK)
        m_db.fail("bind failed", rc);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_stmt.get(), index);
    if (rc != SQLITE_OK)
        m_db.fail("bind failed", rc);
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt.get());
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const std::string msg = sqlite3_errmsg(m_db.handle());
    sqlite3_reset(m_stmt.get());
    m_db.stepFailed(rc, msg);
}

void Statement::exec()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt.get());
    sqlite3_clear_bindings(m_stmt.get());
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt.get(), column) == SQLITE_NULL;
}

std::string Statement::text(int column) const
{
    const auto *p = sqlite3_column_text(m_stmt.get(), column);
    const int n = sqlite3_column_bytes(m_stmt.get(), column);
    return p ? std::string(reinterpret_cast<const char *>(p), static_cast<std::size_t>(n))
             : std::string();
}

std::optional<std::string> Statement::optText(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt.get(), column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt.get(), column);
}

std::optional<double> Statement::optReal(int column) const
{
    if (isNull(column))
        return std::nullopt;
    return real(column);
}

Transaction::Transaction(Database &db) : m_db(db)
{
    m_db.execScript("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done) {
        try {
            m_db.execScript("ROLLBACK");
        } catch (...) {
            // Nothing more to do: SQLite has already rolled back on the error that got us here.
        }
    }
}

void Transaction::commit()
{
    m_db.execScript("COMMIT");
    m_done = true;
}

} // namespace fp
