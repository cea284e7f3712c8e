#include "server/pgstore/pgofficelog.h"

#include "server/storage/officelog.h"

namespace fp {

PgOfficeLog::Batch::Batch(PgOfficeLog &log, PgConnection &db)
    : m_log(log), m_lock(log.m_mutex), m_db(db)
{
    m_log.refreshLocked(m_db);
    m_start = m_log.m_tree.size();
}

PgOfficeLog::Batch::~Batch()
{
    if (!m_kept)
        m_log.m_tree.truncate(m_start);
}

void PgOfficeLog::Batch::append(const LogLeaf &leaf, const std::string &record,
                                const std::string &at)
{
    const std::string bytes = encodeLeaf(leaf);
    const merkle::Hash hash = merkle::leafHash(bytes);
    const std::string hashBytes(hash.begin(), hash.end());
    // The caller holds the change-log lock: the memory tree, refreshed under it, has every
    // committed leaf, and no other server appends until this transaction ends.
    m_db.exec("INSERT INTO log_leaf (idx, type, record, leaf, leaf_hash, appended_at) VALUES "
              "($1, $2, $3, $4, $5, $6)",
              {std::to_string(m_log.m_tree.size()), std::string(leafTypeName(leaf)), record,
               pgBytea(bytes), pgBytea(hashBytes), at});
    m_log.m_tree.append(hash);
}

void PgOfficeLog::Batch::seal()
{
    if (m_log.m_tree.size() == m_start || !m_log.m_signer)
        return;
    const auto size = static_cast<std::int64_t>(m_log.m_tree.size());
    const SignedTreeHead head =
        m_log.m_signer->sign(size, merkle::rootHash(m_log.m_tree, m_log.m_tree.size()));
    m_db.exec("INSERT INTO log_head (tree_size, timestamp_ms, root_hash, signature) VALUES ($1, "
              "$2, $3, $4)",
              {std::to_string(head.tree_size), std::to_string(head.timestamp_ms), head.root_hash,
               head.signature});
}

void PgOfficeLog::refresh(PgConnection &db)
{
    const std::lock_guard lock(m_mutex);
    refreshLocked(db);
}

void PgOfficeLog::refreshLocked(PgConnection &db)
{
    const auto held = static_cast<std::uint64_t>(
        db.exec("SELECT COALESCE(MAX(idx) + 1, 0) FROM log_leaf").integer(0, 0));
    if (held < m_tree.size())
        m_tree.truncate(0); // rows went away under us: start again from the table
    if (held == m_tree.size())
        return;
    const PgResult rows =
        db.exec("SELECT idx, leaf_hash FROM log_leaf WHERE idx >= $1 ORDER BY idx",
                {std::to_string(m_tree.size())});
    for (int i = 0; i < rows.rows(); ++i)
        logtree::appendStored(m_tree, rows.integer(i, 0), rows.bytes(i, 1));
}

std::optional<SignedTreeHead> PgOfficeLog::latestHead(PgConnection &db) const
{
    const PgResult r = db.exec("SELECT tree_size, timestamp_ms, root_hash, signature FROM log_head "
                               "ORDER BY tree_size DESC LIMIT 1");
    if (r.rows() == 0)
        return std::nullopt;
    return SignedTreeHead{r.integer(0, 0), r.integer(0, 1), r.text(0, 2), r.text(0, 3)};
}

ConsistencyAnswer PgOfficeLog::consistency(PgConnection &db, std::int64_t from, std::int64_t to)
{
    const std::lock_guard lock(m_mutex);
    refreshLocked(db);
    return logtree::consistency(m_tree, from, to);
}

InclusionAnswer PgOfficeLog::inclusion(PgConnection &db, std::int64_t index, std::int64_t size)
{
    const std::lock_guard lock(m_mutex);
    refreshLocked(db);
    return logtree::inclusion(m_tree, index, size);
}

} // namespace fp
