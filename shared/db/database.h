#pragma once
// RAII over the sqlite3 C API: a connection, prepared statements and transactions.
// Shared by the tablet's device store and the office server's store.

#include "core/error.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace fp {

/// A failed SQLite call; message includes SQLite's own text. `code()` is the extended code.
class StoreError : public Error
{
  public:
    StoreError(const std::string &what, int code) : Error(what), m_code(code) {}
    int code() const { return m_code; }

  private:
    int m_code;
};

class Database;

/// One prepared statement. Bind by 1-based index, step, read columns by 0-based index.
class Statement
{
  public:
    Statement(Database &db, std::string_view sql);

    Statement &bind(int index, std::string_view text);
    Statement &bind(int index, const char *text) { return bind(index, std::string_view(text)); }
    Statement &bind(int index, const std::string &text)
    {
        return bind(index, std::string_view(text));
    }
    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, int value) { return bind(index, std::int64_t(value)); }
    Statement &bind(int index, bool value) { return bind(index, std::int64_t(value ? 1 : 0)); }
    Statement &bind(int index, double value);
    Statement &bindBlob(int index, const void *data, std::size_t size);
    Statement &bindNull(int index);
    template <typename T> Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    /// Advances; true while a row is available.
    bool step();
    /// Runs a statement that returns no rows (or ignores them).
    void exec();
    void reset();

    bool isNull(int column) const;
    std::string text(int column) const;
    std::optional<std::string> optText(int column) const;
    std::int64_t integer(int column) const;
    double real(int column) const;
    std::optional<double> optReal(int column) const;

  private:
    struct Deleter
    {
        void operator()(sqlite3_stmt *s) const;
    };
    Database &m_db;
    std::unique_ptr<sqlite3_stmt, Deleter> m_stmt;
};

/// One SQLite connection with FieldProof's settings: WAL, synchronous=FULL, foreign keys,
/// busy timeout, defensive mode.
class Database
{
  public:
    explicit Database(const std::filesystem::path &file);

    sqlite3 *handle() const { return m_db.get(); }
    /// Runs SQL text with no parameters (schema steps, pragmas).
    void execScript(std::string_view sql);
    std::int64_t userVersion();
    void setUserVersion(std::int64_t version);
    /// "ok", or what `PRAGMA integrity_check` found.
    std::string integrityCheck();
    std::int64_t changes() const;
    [[noreturn]] void fail(const std::string &context, int rc) const;

    /// Lets the owner of the connection turn a failed step into an error of its own (the device
    /// store turns the RAISE of its guard triggers into its ImmutableError). Called with the
    /// extended result code and SQLite's message; when it returns, StoreError is thrown.
    using StepFailureHook = std::function<void(int code, const std::string &message)>;
    void setStepFailureHook(StepFailureHook hook) { m_stepFailure = std::move(hook); }
    [[noreturn]] void stepFailed(int rc, const std::string &message) const;

  private:
    struct Deleter
    {
        void operator()(sqlite3 *db) const;
    };
    std::unique_ptr<sqlite3, Deleter> m_db;
    StepFailureHook m_stepFailure;
};

/// BEGIN IMMEDIATE on construction; ROLLBACK unless commit() was called.
class Transaction
{
  public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

  private:
    Database &m_db;
    bool m_done = false;
};

} // namespace fp
