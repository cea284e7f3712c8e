#pragma once
// RAII over libpq: one connection, its results and transactions. Every query is parameterised
// and prepared once per connection (the SQL text is the statement's key); no value is ever put
// into SQL text. Results are read as text, as libpq sends them by default.

#include "core/error.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace fp {

/// A failed PostgreSQL call, with PostgreSQL's message and its SQLSTATE ("" when the
/// connection itself failed).
class PgError : public Error
{
  public:
    PgError(const std::string &what, std::string sqlstate)
        : Error(what), m_sqlstate(std::move(sqlstate))
    {
    }
    const std::string &sqlstate() const { return m_sqlstate; }
    /// A UNIQUE or PRIMARY KEY constraint refused the row (SQLSTATE 23505).
    bool isUniqueViolation() const { return m_sqlstate == "23505"; }

  private:
    std::string m_sqlstate;
};

/// One bound value; nullopt is SQL NULL.
using PgParam = std::optional<std::string>;

/// `bytes` as the text of a bytea parameter ("\\x" and hex digits).
std::string pgBytea(std::string_view bytes);

/// The rows of one query, every value as text.
class PgResult
{
  public:
    int rows() const;
    bool isNull(int row, int column) const;
    std::string text(int row, int column) const;
    std::optional<std::string> optText(int row, int column) const;
    std::int64_t integer(int row, int column) const;
    double real(int row, int column) const;
    std::optional<double> optReal(int row, int column) const;
    /// A bytea column's bytes (PostgreSQL sends them as "\\x" and hex digits).
    std::string bytes(int row, int column) const;
    /// Rows an INSERT, UPDATE or DELETE touched.
    std::int64_t affected() const;

  private:
    friend class PgConnection;
    struct Deleter
    {
        void operator()(pg_result *r) const;
    };
    explicit PgResult(pg_result *r) : m_result(r) {}
    std::unique_ptr<pg_result, Deleter> m_result;
};

/// One connection to a PostgreSQL database. Not for several threads at once: its owner
/// leases it to one thread at a time (PgPool).
class PgConnection
{
  public:
    /// `conninfo`: a libpq connection string or URI (postgresql://...). Throws PgError when the
    /// server cannot be reached or refuses the connection.
    explicit PgConnection(const std::string &conninfo);

    /// Runs `sql` with $1, $2 ... bound to `params`; the statement is prepared on its first use
    /// on this connection. Throws PgError.
    PgResult exec(const std::string &sql, const std::vector<PgParam> &params = {});
    /// Runs SQL text without parameters (schema steps, BEGIN, COMMIT) and returns the last
    /// command's tag ("COMMIT", or "ROLLBACK" for a COMMIT of a failed transaction). Throws
    /// PgError.
    std::string execScript(const std::string &sql);
    /// Whether the connection may go back to a pool: open, and no transaction left open.
    bool reusable() const;
    /// reusable(), and the server still answers (one empty query, a round trip): a backend
    /// that ended while the connection sat idle (terminated, a restart) is found here.
    bool alive();

  private:
    [[noreturn]] void fail(const std::string &context, pg_result *result) const;
    struct Deleter
    {
        void operator()(pg_conn *c) const;
    };
    std::unique_ptr<pg_conn, Deleter> m_conn;
    std::unordered_map<std::string, std::string> m_prepared; // SQL text -> statement name
};

/// BEGIN on construction (READ COMMITTED); ROLLBACK unless commit() was called. commit() throws
/// when PostgreSQL rolled back instead (a statement of the transaction had failed).
class PgTransaction
{
  public:
    explicit PgTransaction(PgConnection &db);
    ~PgTransaction();
    PgTransaction(const PgTransaction &) = delete;
    PgTransaction &operator=(const PgTransaction &) = delete;
    void commit();

  private:
    PgConnection &m_db;
    bool m_done = false;
};

} // namespace fp
