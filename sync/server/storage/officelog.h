#pragma once
// The office log's storage on office.db: leaves in log_leaf (index, leaf bytes, leaf hash,
// time), signed heads in log_head, and every complete subtree of the leaf hashes kept in
// memory (merkle::MemoryTree), caught up from the table before each use so that another
// process's appends (an admin command beside the server) are seen. Callers hold the store's
// mutex; appends run inside the caller's write transaction.

#include "db/database.h"
#include "protocol/logleaf.h"
#include "protocol/logwire.h"
#include "server/domain/officekey.h"

#include <optional>
#include <string>

namespace fp {

/// Appends `leaf` as the log's next row (inside the caller's transaction) and returns its
/// hash. Used by the store and by the schema step that logs what an older office held.
merkle::Hash insertLeafRow(Database &db, const LogLeaf &leaf, const std::string &record,
                           const std::string &at);

/// The rules both stores' logs share on their memory tree of the leaf hashes: catching up
/// from log_leaf and answering proofs (LogStore's), whatever database holds the rows.
namespace logtree {
/// Appends the stored hash of leaf `index` (read from log_leaf in index order) to `tree`;
/// throws StoreRuleError when it is not the next leaf (a row is missing).
void appendStored(merkle::MemoryTree &tree, std::int64_t index, const std::string &hashBytes);
/// The consistency proof from size `from` to `to`; StoreRuleError for sizes it does not have.
ConsistencyAnswer consistency(const merkle::MemoryTree &tree, std::int64_t from, std::int64_t to);
/// The inclusion proof of leaf `index` in size `size`; StoreRuleError for what it lacks.
InclusionAnswer inclusion(const merkle::MemoryTree &tree, std::int64_t index, std::int64_t size);
} // namespace logtree

class OfficeLog
{
  public:
    explicit OfficeLog(const TreeHeadSigner *signer) : m_signer(signer) {}

    /// The leaves of one office change, appended in the caller's write transaction: seal()
    /// before the commit signs the new head, keep() after it; dropped unkept, the memory tree
    /// forgets them again (the transaction rolled back).
    class Batch
    {
      public:
        Batch(OfficeLog &log, Database &db);
        ~Batch();
        Batch(const Batch &) = delete;
        Batch &operator=(const Batch &) = delete;

        void append(const LogLeaf &leaf, const std::string &record, const std::string &at);
        void seal();
        void keep() { m_kept = true; }

      private:
        OfficeLog &m_log;
        Database &m_db;
        std::uint64_t m_start;
        bool m_kept = false;
    };

    std::optional<SignedTreeHead> latestHead(Database &db) const;
    const TreeHeadSigner *signer() const { return m_signer; }
    /// Signs a head for the log as it is when the newest head does not cover every leaf (a
    /// schema step logged an older office's records). In the caller's write transaction.
    void signIfBehind(Database &db);
    /// Catches the memory tree up with log_leaf (at open: the first request need not).
    void refresh(Database &db);
    ConsistencyAnswer consistency(Database &db, std::int64_t from, std::int64_t to);
    InclusionAnswer inclusion(Database &db, std::int64_t index, std::int64_t size);

  private:
    void signHead(Database &db);

    const TreeHeadSigner *m_signer;
    merkle::MemoryTree m_tree;
};

} // namespace fp
