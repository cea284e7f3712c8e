// SqliteOfficeStore: the pull feed over the change log, and applying pushed inspections.

#include "protocol/recordtype.h"
#include "server/domain/pullcursor.h"
#include "server/domain/pushrules.h"
#include "server/storage/officerows.h"
#include "server/storage/pullfeed.h"
#include "server/storage/sqlitechain.h"
#include "server/storage/sqliteofficestore.h"

#include <iterator>
#include <map>
#include <set>
#include <utility>

namespace fp {

namespace {

/// A deferred read transaction: one consistent snapshot for a whole page.
class ReadTransaction
{
  public:
    explicit ReadTransaction(Database &db) : m_db(db) { m_db.execScript("BEGIN"); }
    ~ReadTransaction()
    {
        try {
            m_db.execScript("COMMIT");
        } catch (...) {
            // A read-only transaction has nothing to lose.
        }
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

  private:
    Database &m_db;
};

ChangeEntry readEntry(Statement &s)
{
    return ChangeEntry{s.integer(0),
                       s.text(1),
                       s.text(2),
                       {s.text(3), s.text(4), s.text(5)},
                       {s.text(6), s.text(7), s.text(8)}};
}

/// The first `count` change-log entries after `start` that `scope` may see, in order, and
/// perhaps some it may not (the caller decides with Scope::sees). A scope that sees
/// everything reads the log; any other reads, for each of its keys in change_key, at most
/// `count` entries: the cost follows the scope and the page, not the length of the log.
std::vector<ChangeEntry> scopeEntries(Database &db, const Scope &scope, std::int64_t start,
                                      int count)
{
    static constexpr const char *kColumns =
        "SELECT seq, type, row_id, region_id, enterprise_id, assignees, old_region_id, "
        "old_enterprise_id, old_assignees FROM change_log ";
    std::vector<ChangeEntry> out;
    if (scope.everything) {
        Statement all(db, std::string(kColumns).append("WHERE seq > ? ORDER BY seq LIMIT ?"));
        all.bind(1, start).bind(2, std::int64_t(count));
        while (all.step())
            out.push_back(readEntry(all));
        return out;
    }
    std::set<std::int64_t> seqs;
    Statement byKey(db,
                    "SELECT seq FROM change_key WHERE key = ? AND seq > ? ORDER BY seq LIMIT ?");
    for (const auto &key : changeKeysOf(scope)) {
        byKey.reset();
        byKey.bind(1, key).bind(2, start).bind(3, std::int64_t(count));
        while (byKey.step())
            seqs.insert(byKey.integer(0));
        while (seqs.size() > static_cast<std::size_t>(count))
            seqs.erase(std::prev(seqs.end()));
    }
    Statement one(db, std::string(kColumns).append("WHERE seq = ?"));
    for (const std::int64_t seq : seqs) {
        one.reset();
        if (one.bind(1, seq).step())
            out.push_back(readEntry(one));
    }
    return out;
}

/// The pull's reads on office.db, statements prepared once per page.
class SqlitePullReads final : public PullReads
{
  public:
    explicit SqlitePullReads(Database &db)
        : m_db(db), m_at(db, "SELECT row_id FROM change_log WHERE seq = ?"),
          m_later(db, "SELECT 1 FROM change_log WHERE type = ? AND row_id = ? AND seq > ? LIMIT 1"),
          m_loader(db)
    {
    }

    std::optional<std::string> rowIdAt(std::int64_t seq) override
    {
        m_at.reset();
        return m_at.bind(1, seq).step() ? std::optional(m_at.text(0)) : std::nullopt;
    }

    std::vector<ChangeEntry> entries(const Scope &scope, std::int64_t start, int count) override
    {
        return scopeEntries(m_db, scope, start, count);
    }

    std::optional<OfficeRow> row(std::string_view type, const std::string &id) override
    {
        return m_loader.load(type, id);
    }

    bool changedAfter(const std::string &type, const std::string &rowId, std::int64_t seq) override
    {
        m_later.reset();
        return m_later.bind(1, type).bind(2, rowId).bind(3, seq).step();
    }

  private:
    Database &m_db;
    Statement m_at;
    Statement m_later;
    RowLoader m_loader;
};

} // namespace

PullPage SqliteOfficeStore::pull(const UserAccount &user, const std::optional<PullCursor> &from,
                                 int limit)
{
    std::lock_guard lock(m_mutex);
    ReadTransaction tx(m_db);

    Statement epochQuery(m_db, "SELECT scope_epoch FROM app_user WHERE id = ?");
    if (!epochQuery.bind(1, user.id).step())
        throw StoreRuleError("the account of this device no longer exists");
    const std::int64_t epoch = epochQuery.integer(0);
    Statement maxQuery(m_db, "SELECT COALESCE(MAX(seq), 0) FROM change_log");
    maxQuery.step();
    const std::int64_t maxSeq = maxQuery.integer(0);

    SqlitePullReads reads(m_db);
    PullPage page =
        pullPage(reads, loadScope(user.id, user.username, user.role), epoch, maxSeq, from, limit);
    page.tree_head = m_log.latestHead(m_db);
    page.epoch = m_epoch;
    return page;
}

/// The statements of a push batch, prepared once: a 500-item batch would otherwise spend
/// most of its time in SQLite's parser.
struct SqliteOfficeStore::PushStatements final : PushReads
{
    explicit PushStatements(Database &db)
        : stored(db, "SELECT i.version, i.content_hash, i.state, d.user_id FROM inspection i "
                     "LEFT JOIN device d ON d.id = i.device_id WHERE i.id = ?"),
          region(db, "SELECT region_id FROM enterprise WHERE id = ?"),
          upsert(db, "INSERT INTO inspection (id, version, state, enterprise_id, kind, device_id, "
                     "content_hash, data, device_time, received_at, statement, "
                     "statement_signature) VALUES "
                     "(?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET version = "
                     "excluded.version, state = excluded.state, enterprise_id = "
                     "excluded.enterprise_id, kind = excluded.kind, device_id = "
                     "excluded.device_id, content_hash = excluded.content_hash, data = "
                     "excluded.data, device_time = excluded.device_time, received_at = "
                     "excluded.received_at, statement = excluded.statement, "
                     "statement_signature = excluded.statement_signature"),
          review(db, "INSERT OR IGNORE INTO review (inspection_id, state, reason, reviewed_at) "
                     "VALUES (?, 'received', '', ?)"),
          audit(db, "INSERT INTO push_audit (received_at, device_id, batch_id, type, item_id, "
                    "version, content_hash, status, code, reason, device_time, signature, "
                    "prev_hash, data) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)"),
          chain(db)
    {
    }

    std::optional<Held> held(const std::string &inspectionId) override
    {
        stored.reset();
        std::optional<Held> out;
        if (stored.bind(1, inspectionId).step())
            out = Held{StoredRevision{stored.integer(0), stored.text(1),
                                      enumFromString<InspectionState>(stored.text(2))
                                          .value_or(InspectionState::Final)},
                       stored.text(3)};
        stored.reset();
        return out;
    }

    /// Cached for the batch.
    std::optional<std::string> regionOf(const std::string &enterpriseId) override
    {
        const auto it = regions.find(enterpriseId);
        if (it != regions.end())
            return it->second;
        region.reset();
        std::optional<std::string> found;
        if (region.bind(1, enterpriseId).step())
            found = region.text(0);
        region.reset();
        regions.emplace(enterpriseId, found);
        return found;
    }

    Statement stored;
    Statement region;
    Statement upsert;
    Statement review;
    Statement audit;
    ChainRecorder chain;
    std::map<std::string, std::optional<std::string>> regions;
    OfficeLog::Batch *log = nullptr; // the batch's leaves in the office log
};

std::vector<PushResult> SqliteOfficeStore::applyPush(const Principal &by,
                                                     const std::vector<PushCandidate> &batch)
{
    std::lock_guard lock(m_mutex);
    // One transaction (one fsync) per batch, not per item.
    Transaction tx(m_db);
    PushStatements st(m_db);
    OfficeLog::Batch log(m_log, m_db);
    st.log = &log;
    const Scope scope = loadScope(by.user.id, by.user.username, by.user.role);
    std::vector<PushResult> results;
    results.reserve(batch.size());
    for (const auto &candidate : batch) {
        results.push_back(applyOne(st, by, scope, candidate));
        audit(st, by, candidate.item, results.back());
    }
    log.seal();
    tx.commit();
    log.keep();
    return results;
}

PushResult SqliteOfficeStore::applyOne(PushStatements &st, const Principal &by, const Scope &scope,
                                       const PushCandidate &candidate)
{
    const IncomingItem &item = candidate.item;
    const PushCheck check = checkPush(candidate, by, scope, st);
    if (check.answer)
        return *check.answer;
    const std::string &region = check.region;
    ChainOutcome chain;
    if (item.statement) {
        chain = st.chain.record(*item.statement, item.id, item.received_at);
        if (chain.fork)
            return pushResult(item, PushStatus::Rejected, "fork",
                              "the statement forks its device's chain: " + chain.note);
    }

    Statement &up = st.upsert;
    up.reset();
    up.bind(1, item.id).bind(2, item.version).bind(3, enumName(item.state));
    up.bind(4, item.enterprise_id).bind(5, enumName(item.kind)).bind(6, by.device.id);
    up.bind(7, item.content_hash).bind(8, item.data).bind(9, item.device_time);
    up.bind(10, item.received_at);
    if (item.statement)
        up.bind(11, item.statement->bytes).bind(12, item.statement->signature);
    else
        up.bindNull(11).bindNull(12);
    up.exec();
    if (item.state == InspectionState::Final) {
        st.review.reset();
        st.review.bind(1, item.id).bind(2, item.received_at).exec();
        appendChange(wire::kReview, item.id, RowKeys{region, item.enterprise_id, {}}, {});
        st.log->append(
            InspectionLeaf{item.id, by.device.id, item.version, merkle::sha256(item.data)}, item.id,
            item.received_at);
        if (item.statement)
            st.log->append(StatementLeaf{item.id, item.statement->device_id, item.statement->seq,
                                         merkle::sha256(item.statement->bytes),
                                         item.statement->signature},
                           item.id, item.received_at);
    }
    if (!chain.note.empty()) // stored, and the office noted a gap before it
        return pushResult(item, PushStatus::Stored, "chain_gap", chain.note);
    return pushResult(item, PushStatus::Stored);
}

void SqliteOfficeStore::audit(PushStatements &st, const Principal &by, const IncomingItem &item,
                              const PushResult &result)
{
    Statement &s = st.audit;
    s.reset();
    s.bind(1, item.received_at).bind(2, by.device.id).bind(3, item.batch_id);
    s.bind(4, item.type).bind(5, item.id).bind(6, item.version).bind(7, item.content_hash);
    s.bind(8, enumName(result.status)).bind(9, result.code).bind(10, result.reason);
    s.bind(11, item.device_time).bind(12, item.signature).bind(13, item.prev_hash);
    // A duplicate's content is already held; every other verdict keeps what was sent.
    if (result.status == PushStatus::Duplicate)
        s.bindNull(14);
    else
        s.bind(14, item.data);
    s.exec();
}

void SqliteOfficeStore::setReview(const std::string &inspectionId, ReviewState state,
                                  const std::string &reason, const std::string &when,
                                  const std::string &by,
                                  std::optional<std::int64_t> expectedVersion)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    if (expectedVersion) {
        // Checked in the same transaction as the change: two clerks cannot both pass.
        const auto history = reviewHistoryLocked(inspectionId);
        if (std::cmp_not_equal(history.size(), *expectedVersion)) {
            LastChange last;
            if (!history.empty())
                last = LastChange{history.back().at, history.back().by,
                                  std::string(enumName(history.back().state))};
            throw StaleVersionError(*expectedVersion, std::int64_t(history.size()), last);
        }
    }
    OfficeLog::Batch log(m_log, m_db);
    Statement find(m_db, "SELECT e.region_id, e.id FROM review r JOIN inspection i ON i.id = "
                         "r.inspection_id JOIN enterprise e ON e.id = i.enterprise_id WHERE "
                         "r.inspection_id = ?");
    if (!find.bind(1, inspectionId).step())
        throw StoreRuleError("the office has received no final inspection with id '" +
                             inspectionId + "'");
    const RowKeys keys{find.text(0), find.text(1), {}};
    find.reset();
    Statement(m_db, "UPDATE review SET state = ?, reason = ?, reviewed_at = ? WHERE "
                    "inspection_id = ?")
        .bind(1, enumName(state))
        .bind(2, reason)
        .bind(3, when)
        .bind(4, inspectionId)
        .exec();
    appendChange(wire::kReview, inspectionId, keys, keys);
    logReviewLocked(log, inspectionId, state, reason, when, by);
    log.seal();
    tx.commit();
    log.keep();
}

} // namespace fp
