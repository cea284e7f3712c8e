#pragma once
// The office log (storage/officelog.h) on PostgreSQL: leaves in log_leaf, signed heads in
// log_head, the complete subtrees in memory (merkle::MemoryTree), caught up from the table
// before each use so that what other servers appended is seen. Leaves are appended only under
// the change-log lock (pgofficestore.h, kChangeLogLock), so that leaf indexes follow commit
// order and a server that holds the lock sees every earlier leaf. Several threads of one store
// share the memory tree: a Batch holds its mutex from before its first leaf until it is kept or
// dropped (after its transaction ended), the proofs and refresh() hold it while they read.

#include "protocol/logleaf.h"
#include "protocol/logwire.h"
#include "server/domain/officekey.h"
#include "server/pgstore/pgconnection.h"

#include <mutex>
#include <optional>
#include <string>

namespace fp {

class PgOfficeLog
{
  public:
    explicit PgOfficeLog(const TreeHeadSigner *signer) : m_signer(signer) {}

    /// The leaves of one office change, in the caller's write transaction that holds the
    /// change-log lock: seal() before the commit signs the new head, keep() after it; dropped
    /// unkept, the memory tree forgets them again.
    class Batch
    {
      public:
        Batch(PgOfficeLog &log, PgConnection &db);
        ~Batch();
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;

        void append(const LogLeaf &leaf, const std::string &record, const std::string &at);
        void seal();
        void keep() { m_kept = true; }

      private:
        PgOfficeLog &m_log;
        std::unique_lock<std::mutex> m_lock; // m_log.m_mutex, for the batch's whole life
        PgConnection &m_db;
        std::uint64_t m_start;
        bool m_kept = false;
    };

    std::optional<SignedTreeHead> latestHead(PgConnection &db) const;
    const TreeHeadSigner *signer() const { return m_signer; }
    /// Catches the memory tree up with log_leaf.
    void refresh(PgConnection &db);
    /// The proofs of LogStore (storage/officelog.h's), on the log as `db` sees it; throw
    /// StoreRuleError for sizes the log does not have.
    ConsistencyAnswer consistency(PgConnection &db, std::int64_t from, std::int64_t to);
    InclusionAnswer inclusion(PgConnection &db, std::int64_t index, std::int64_t size);

  private:
    void refreshLocked(PgConnection &db);

    const TreeHeadSigner *m_signer;
    std::mutex m_mutex; // guards m_tree
    merkle::MemoryTree m_tree;
};

} // namespace fp
