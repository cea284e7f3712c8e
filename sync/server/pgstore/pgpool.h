#pragma once
// A small pool of libpq connections to one database, for a store that several HTTP threads
// use at once (issue 18: one connection per store serialised every request of a server). A
// thread leases one connection for a whole port method (PgPool::Lease), so a transaction never
// spans two connections; the store's helpers reach that connection through PgLeased, which
// finds the calling thread's lease. Connections are opened lazily (prepared statements are per
// connection, PgConnection prepares each on its first use there); one that broke (the server
// restarted, the backend was terminated) or was left inside a transaction is closed, not
// handed out again.

#include "server/pgstore/pgconnection.h"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace fp {

/// Settings of a PgPool.
struct PgPoolOptions
{
    /// Connections at most (at least 1; 1 serialises every call, as before the pool).
    int size = 1;
    /// How long a lease waits for a connection when all are leased before it throws.
    std::chrono::milliseconds wait{std::chrono::seconds(30)};
};

/// Up to `size` connections to one database, each leased to one thread at a time.
class PgPool
{
  public:
    /// Opens no connection yet: the first lease does.
    PgPool(std::string conninfo, PgPoolOptions options);
    PgPool(const PgPool &) = delete;
    PgPool &operator=(const PgPool &) = delete;

    /// One connection for the calling thread until the lease ends (on every exit path). Waits
    /// at most the pool's `wait` when all are leased (then throws PgError); throws PgError when
    /// a new connection cannot be opened. A thread holds at most one lease of a pool.
    class Lease
    {
      public:
        explicit Lease(PgPool &pool);
        ~Lease();
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        PgConnection &db() { return *m_conn; }

      private:
        friend class PgLeased;
        PgPool &m_pool;
        std::unique_ptr<PgConnection> m_conn;
        Lease *m_outer = nullptr; // the calling thread's lease of another pool, if any
    };

    int size() const { return m_options.size; }
    /// Connections open now (leased or idle).
    int openConnections() const;

  private:
    std::unique_ptr<PgConnection> acquire();
    void release(std::unique_ptr<PgConnection> conn);

    const std::string m_conninfo;
    const PgPoolOptions m_options;
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
    std::vector<std::unique_ptr<PgConnection>> m_idle;
    int m_open = 0; // idle + leased, and those being opened
};

/// "The current connection" of a store: the connection the calling thread leased from `pool`.
/// Throws std::logic_error when the thread holds no lease of it (a port method that forgot its
/// Lease). Converts to PgConnection& for helpers that take one.
class PgLeased
{
  public:
    explicit PgLeased(const PgPool &pool) : m_pool(pool) {}
    PgConnection &get() const;
    operator PgConnection &() const { return get(); } // NOLINT(google-explicit-constructor)
    /// PgConnection::exec on the current connection.
    PgResult exec(const std::string &sql, const std::vector<PgParam> &params = {}) const
    {
        return get().exec(sql, params);
    }
    /// PgConnection::execScript on the current connection.
    std::string execScript(const std::string &sql) const { return get().execScript(sql); }

  private:
    const PgPool &m_pool;
};

} // namespace fp
