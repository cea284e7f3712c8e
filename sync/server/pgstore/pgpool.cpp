#include "server/pgstore/pgpool.h"

#include <stdexcept>

namespace fp {

namespace {

/// The calling thread's leases, innermost first (one per pool; several pools: several stores).
thread_local PgPool::Lease *t_leases = nullptr;

} // namespace

PgPool::PgPool(std::string conninfo, PgPoolOptions options)
    : m_conninfo(std::move(conninfo)), m_options(options)
{
    if (m_options.size < 1)
        throw std::invalid_argument("a PostgreSQL connection pool needs at least 1 connection");
}

int PgPool::openConnections() const
{
    const std::lock_guard lock(m_mutex);
    return m_open;
}

std::unique_ptr<PgConnection> PgPool::acquire()
{
    std::unique_lock lock(m_mutex);
    const bool got = m_freed.wait_for(
        lock, m_options.wait, [this] { return !m_idle.empty() || m_open < m_options.size; });
    if (!got)
        throw PgError("all " + std::to_string(m_options.size) +
                          " connections to PostgreSQL stayed busy for " +
                          std::to_string(m_options.wait.count()) + " ms",
                      "");
    std::unique_ptr<PgConnection> conn;
    if (!m_idle.empty()) {
        conn = std::move(m_idle.back());
        m_idle.pop_back();
    } else {
        ++m_open; // this slot is ours while the connection opens
    }
    lock.unlock();
    // An idle connection whose backend went away (terminated, the server restarted) is
    // replaced here rather than failing the call it would be handed to.
    if (conn && conn->alive())
        return conn;
    conn.reset();
    try {
        return std::make_unique<PgConnection>(m_conninfo);
    } catch (...) {
        lock.lock();
        --m_open;
        lock.unlock();
        m_freed.notify_one();
        throw;
    }
}

void PgPool::release(std::unique_ptr<PgConnection> conn)
{
    // A broken connection, or one that a failed ROLLBACK left inside a transaction, is closed.
    if (!conn->reusable())
        conn.reset();
    {
        const std::lock_guard lock(m_mutex);
        if (conn)
            m_idle.push_back(std::move(conn));
        else
            --m_open;
    }
    m_freed.notify_one();
}

PgPool::Lease::Lease(PgPool &pool) : m_pool(pool)
{
    for (const Lease *l = t_leases; l; l = l->m_outer) {
        if (&l->m_pool == &pool)
            throw std::logic_error("a thread leased a second connection of one PostgreSQL pool "
                                   "(a port method called another)");
    }
    m_conn = m_pool.acquire();
    m_outer = t_leases;
    t_leases = this;
}

PgPool::Lease::~Lease()
{
    t_leases = m_outer;
    m_pool.release(std::move(m_conn));
}

PgConnection &PgLeased::get() const
{
    for (PgPool::Lease *l = t_leases; l; l = l->m_outer) {
        if (&l->m_pool == &m_pool)
            return *l->m_conn;
    }
    throw std::logic_error("a PostgreSQL store used its connection without a lease");
}

} // namespace fp
