#include "server/storage/officelog.h"

#include "server/domain/storeruleerror.h"

#include <algorithm>

namespace fp {

namespace logtree {

void appendStored(merkle::MemoryTree &tree, std::int64_t index, const std::string &hashBytes)
{
    if (static_cast<std::uint64_t>(index) != tree.size())
        throw StoreRuleError("the office log has no leaf " + std::to_string(tree.size()) +
                             "; run `fieldproof-server log verify`");
    merkle::Hash h{};
    if (hashBytes.size() == h.size())
        std::copy(hashBytes.begin(), hashBytes.end(), h.begin());
    tree.append(h);
}

ConsistencyAnswer consistency(const merkle::MemoryTree &tree, std::int64_t from, std::int64_t to)
{
    if (from < 0 || from > to || std::uint64_t(to) > tree.size())
        throw StoreRuleError(
            "a consistency proof needs 0 <= from <= to <= " + std::to_string(tree.size()) +
            " (the log's size), not from " + std::to_string(from) + " to " + std::to_string(to));
    return ConsistencyAnswer{
        from, to,
        merkle::toHex(merkle::consistencyProof(tree, std::uint64_t(from), std::uint64_t(to)))};
}

InclusionAnswer inclusion(const merkle::MemoryTree &tree, std::int64_t index, std::int64_t size)
{
    if (index < 0 || index >= size || std::uint64_t(size) > tree.size())
        throw StoreRuleError("an inclusion proof needs 0 <= index < size <= " +
                             std::to_string(tree.size()) + " (the log's size), not index " +
                             std::to_string(index) + " of size " + std::to_string(size));
    return InclusionAnswer{
        index, size, merkle::toHex(tree.node(0, std::uint64_t(index))),
        merkle::toHex(merkle::inclusionProof(tree, std::uint64_t(index), std::uint64_t(size)))};
}

} // namespace logtree

merkle::Hash insertLeafRow(Database &db, const LogLeaf &leaf, const std::string &record,
                           const std::string &at)
{
    const std::string bytes = encodeLeaf(leaf);
    const merkle::Hash hash = merkle::leafHash(bytes);
    Statement next(db, "SELECT COALESCE(MAX(idx) + 1, 0) FROM log_leaf");
    next.step();
    const std::int64_t index = next.integer(0);
    next.reset();
    Statement(db, "INSERT INTO log_leaf (idx, type, record, leaf, leaf_hash, appended_at) "
                  "VALUES (?,?,?,?,?,?)")
        .bind(1, index)
        .bind(2, leafTypeName(leaf))
        .bind(3, record)
        .bindBlob(4, bytes.data(), bytes.size())
        .bindBlob(5, hash.data(), hash.size())
        .bind(6, at)
        .exec();
    return hash;
}

OfficeLog::Batch::Batch(OfficeLog &log, Database &db) : m_log(log), m_db(db)
{
    m_log.refresh(m_db);
    m_start = m_log.m_tree.size();
}

OfficeLog::Batch::~Batch()
{
    if (!m_kept)
        m_log.m_tree.truncate(m_start);
}

void OfficeLog::Batch::append(const LogLeaf &leaf, const std::string &record, const std::string &at)
{
    m_log.m_tree.append(insertLeafRow(m_db, leaf, record, at));
}

void OfficeLog::Batch::seal()
{
    if (m_log.m_tree.size() != m_start)
        m_log.signHead(m_db);
}

void OfficeLog::refresh(Database &db)
{
    Statement count(db, "SELECT COALESCE(MAX(idx) + 1, 0) FROM log_leaf");
    count.step();
    const auto held = static_cast<std::uint64_t>(count.integer(0));
    if (held < m_tree.size())
        m_tree.truncate(0); // rows went away under us: start again from the table
    if (held == m_tree.size())
        return;
    Statement rows(db, "SELECT idx, leaf_hash FROM log_leaf WHERE idx >= ? ORDER BY idx");
    rows.bind(1, static_cast<std::int64_t>(m_tree.size()));
    while (rows.step())
        logtree::appendStored(m_tree, rows.integer(0), rows.text(1));
}

void OfficeLog::signHead(Database &db)
{
    if (!m_signer)
        return;
    const auto size = static_cast<std::int64_t>(m_tree.size());
    const SignedTreeHead head = m_signer->sign(size, merkle::rootHash(m_tree, m_tree.size()));
    // A plain INSERT: a second head for a size already signed (leaves deleted and appended
    // again) fails the change instead of replacing the evidence.
    Statement(db, "INSERT INTO log_head (tree_size, timestamp_ms, root_hash, signature) VALUES "
                  "(?,?,?,?)")
        .bind(1, head.tree_size)
        .bind(2, head.timestamp_ms)
        .bind(3, head.root_hash)
        .bind(4, head.signature)
        .exec();
}

std::optional<SignedTreeHead> OfficeLog::latestHead(Database &db) const
{
    Statement s(db, "SELECT tree_size, timestamp_ms, root_hash, signature FROM log_head ORDER BY "
                    "tree_size DESC LIMIT 1");
    if (!s.step())
        return std::nullopt;
    return SignedTreeHead{s.integer(0), s.integer(1), s.text(2), s.text(3)};
}

void OfficeLog::signIfBehind(Database &db)
{
    if (!m_signer)
        return;
    refresh(db);
    const auto head = latestHead(db);
    // Only growth is signed here: a log shorter than its newest head lost leaves, and that is
    // for `log verify` to report, not for a new signature to paper over.
    if (m_tree.size() > 0 && (!head || std::uint64_t(head->tree_size) < m_tree.size()))
        signHead(db);
}

ConsistencyAnswer OfficeLog::consistency(Database &db, std::int64_t from, std::int64_t to)
{
    refresh(db);
    return logtree::consistency(m_tree, from, to);
}

InclusionAnswer OfficeLog::inclusion(Database &db, std::int64_t index, std::int64_t size)
{
    refresh(db);
    return logtree::inclusion(m_tree, index, size);
}

} // namespace fp
