// PgOfficeStore: the pull feed over the change log, and applying pushed inspections.

#include "protocol/recordtype.h"
#include "server/domain/pullcursor.h"
#include "server/domain/pushrules.h"
#include "server/pgstore/pgchain.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"
#include "server/pgstore/pgrows.h"
#include "server/storage/pullfeed.h"

#include <map>
#include <set>
#include <utility>

namespace fp {

namespace {

/// `values` as the text of a text[] parameter.
std::string pgTextArray(const std::vector<std::string> &values)
{
    std::string out = "{";
    for (const auto &v : values) {
        if (out.size() > 1)
            out += ',';
        out += '"';
        for (const char c : v) {
            if (c == '"' || c == '\\')
                out += '\\';
            out += c;
        }
        out += '"';
    }
    out += '}';
    return out;
}

/// As on SQLite (sqlitesyncstore.cpp): the first `count` change-log entries after `start`
/// that `scope` may see, and perhaps some it may not; a scope short of everything reads at
/// most `count` entries per key of change_key, in one statement.
std::vector<ChangeEntry> scopeEntries(PgConnection &db, const Scope &scope, std::int64_t start,
                                      int count)
{
    static constexpr const char *kColumns =
        "SELECT seq, type, row_id, region_id, enterprise_id, assignees, old_region_id, "
        "old_enterprise_id, old_assignees FROM change_log ";
    const PgResult entries =
        scope.everything
            ? db.exec(std::string(kColumns).append("WHERE seq > $1 ORDER BY seq LIMIT $2"),
                      {std::to_string(start), std::to_string(count)})
            : db.exec(
                  std::string(kColumns).append(
                      "WHERE seq IN (SELECT s.seq FROM unnest($3::text[]) AS k(key) "
                      "CROSS JOIN LATERAL (SELECT ck.seq FROM change_key ck WHERE "
                      "ck.key = k.key AND ck.seq > $1 ORDER BY ck.seq LIMIT $2) AS "
                      "s) ORDER BY seq LIMIT $2"),
                  {std::to_string(start), std::to_string(count), pgTextArray(changeKeysOf(scope))});
    std::vector<ChangeEntry> out;
    out.reserve(static_cast<std::size_t>(entries.rows()));
    for (int i = 0; i < entries.rows(); ++i) {
        out.push_back(ChangeEntry{entries.integer(i, 0),
                                  entries.text(i, 1),
                                  entries.text(i, 2),
                                  {entries.text(i, 3), entries.text(i, 4), entries.text(i, 5)},
                                  {entries.text(i, 6), entries.text(i, 7), entries.text(i, 8)}});
    }
    return out;
}

/// The pull's reads on PostgreSQL.
class PgPullReads final : public PullReads
{
  public:
    explicit PgPullReads(PgConnection &db) : m_db(db), m_loader(db) {}

    std::optional<std::string> rowIdAt(std::int64_t seq) override
    {
        const PgResult at =
            m_db.exec("SELECT row_id FROM change_log WHERE seq = $1", {std::to_string(seq)});
        return at.rows() > 0 ? std::optional(at.text(0, 0)) : std::nullopt;
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
        return m_db.exec("SELECT 1 FROM change_log WHERE type = $1 AND row_id = $2 AND seq > $3 "
                         "LIMIT 1",
                         {type, rowId, std::to_string(seq)})
                   .rows() > 0;
    }

  private:
    PgConnection &m_db;
    PgRowLoader m_loader;
};

} // namespace

PullPage PgOfficeStore::pull(const UserAccount &user, const std::optional<PullCursor> &from,
                             int limit)
{
    const PgPool::Lease lease(m_pool);
    // One snapshot for the whole page, whatever other servers commit meanwhile.
    PgTransaction tx(m_db);
    m_db.execScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");

    const PgResult epochRow =
        m_db.exec("SELECT scope_epoch FROM app_user WHERE id = $1", {user.id});
    if (epochRow.rows() == 0)
        throw StoreRuleError("the account of this device no longer exists");
    const std::int64_t epoch = epochRow.integer(0, 0);
    const std::int64_t maxSeq =
        m_db.exec("SELECT COALESCE(MAX(seq), 0) FROM change_log").integer(0, 0);

    PgPullReads reads(m_db);
    PullPage page =
        pullPage(reads, loadScope(user.id, user.username, user.role), epoch, maxSeq, from, limit);
    page.tree_head = m_log.latestHead(m_db);
    const PgResult officeEpoch = m_db.exec("SELECT value FROM office_meta WHERE key = 'epoch'");
    if (officeEpoch.rows() > 0)
        page.epoch = officeEpoch.text(0, 0);
    tx.commit();
    return page;
}

/// One attempt at a batch: the enterprises' regions looked up so far, and the change-log
/// entries and office-log leaves the batch appends at its end.
struct PgOfficeStore::PushState
{
    std::map<std::string, std::optional<std::string>> regions;
    std::vector<PgChange> changes;
    std::vector<PendingLeaf> leaves;
};

std::vector<PushResult> PgOfficeStore::applyPush(const Principal &by,
                                                 const std::vector<PushCandidate> &batch)
{
    const PgPool::Lease lease(m_pool);
    return pgRetrying("the push", [&] { return pushOnce(by, batch); });
}

std::vector<PushResult> PgOfficeStore::pushOnce(const Principal &by,
                                                const std::vector<PushCandidate> &batch)
{
    PgTransaction tx(m_db);
    // Every statement of the push (and the foreign-key checks and triggers it sets off) is
    // planned for its values and the tables' current size, never from a cached generic plan:
    // one made while `inspection` or `review` were (nearly) empty is a sequential scan, and it
    // would be kept while a new office's first pushes fill them (docs/performance.md, Growth).
    m_db.execScript("SET LOCAL plan_cache_mode = force_custom_plan");
    PushState st;
    const Scope scope = loadScope(by.user.id, by.user.username, by.user.role);
    std::vector<PushResult> results;
    results.reserve(batch.size());
    for (const auto &candidate : batch)
        results.push_back(applyOne(st, by, scope, candidate));
    const auto log = appendChanges(st.changes, st.leaves);
    // The audit rows last, as the change log's: their numbers are taken under kChangeLogLock
    // (schema v10's trigger), which this transaction then holds to its COMMIT.
    for (std::size_t i = 0; i < batch.size(); ++i)
        audit(by, batch[i].item, results[i]);
    tx.commit();
    if (log)
        log->keep();
    return results;
}

namespace {

/// The push rules' reads on PostgreSQL.
class PgPushReads final : public PushReads
{
  public:
    PgPushReads(PgConnection &db, std::map<std::string, std::optional<std::string>> &regions)
        : m_db(db), m_regions(regions)
    {
    }

    /// Locked until the commit: another server pushing the same item waits here and then
    /// decides on what this batch stored.
    std::optional<Held> held(const std::string &inspectionId) override
    {
        const PgResult row = m_db.exec(
            "SELECT i.version, i.content_hash, i.state, d.user_id FROM inspection i LEFT JOIN "
            "device d ON d.id = i.device_id WHERE i.id = $1 FOR UPDATE OF i",
            {inspectionId});
        if (row.rows() == 0)
            return std::nullopt;
        return Held{
            StoredRevision{
                row.integer(0, 0), row.text(0, 1),
                enumFromString<InspectionState>(row.text(0, 2)).value_or(InspectionState::Final)},
            row.isNull(0, 3) ? std::string() : row.text(0, 3)};
    }

    /// Cached for the attempt.
    std::optional<std::string> regionOf(const std::string &enterpriseId) override
    {
        auto found = m_regions.find(enterpriseId);
        if (found == m_regions.end()) {
            const PgResult r =
                m_db.exec("SELECT region_id FROM enterprise WHERE id = $1", {enterpriseId});
            found = m_regions
                        .emplace(enterpriseId,
                                 r.rows() > 0 ? std::optional(r.text(0, 0)) : std::nullopt)
                        .first;
        }
        return found->second;
    }

  private:
    PgConnection &m_db;
    std::map<std::string, std::optional<std::string>> &m_regions;
};

} // namespace

PushResult PgOfficeStore::applyOne(PushState &st, const Principal &by, const Scope &scope,
                                   const PushCandidate &candidate)
{
    const IncomingItem &item = candidate.item;
    PgPushReads reads(m_db, st.regions);
    const PushCheck check = checkPush(candidate, by, scope, reads);
    if (check.answer)
        return *check.answer;
    const std::string &region = check.region;
    PgChainOutcome chain;
    if (item.statement) {
        chain = recordStatement(m_db, *item.statement, item.id, item.received_at);
        if (chain.fork)
            return pushResult(item, PushStatus::Rejected, "fork",
                              "the statement forks its device's chain: " + chain.note);
    }

    const std::vector<PgParam> values{
        item.id,
        std::to_string(item.version),
        std::string(enumName(item.state)),
        item.enterprise_id,
        std::string(enumName(item.kind)),
        by.device.id,
        item.content_hash,
        item.data,
        item.device_time,
        item.received_at,
        item.statement ? PgParam(item.statement->bytes) : std::nullopt,
        item.statement ? PgParam(item.statement->signature) : std::nullopt};
    if (check.held) {
        m_db.exec("UPDATE inspection SET version = $2, state = $3, enterprise_id = $4, kind = $5, "
                  "device_id = $6, content_hash = $7, data = $8, device_time = $9, received_at = "
                  "$10, statement = $11, statement_signature = $12 WHERE id = $1",
                  values);
    } else if (m_db.exec("INSERT INTO inspection (id, version, state, enterprise_id, kind, "
                         "device_id, content_hash, data, device_time, received_at, statement, "
                         "statement_signature) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                         "$11, $12) ON CONFLICT (id) DO NOTHING",
                         values)
                   .affected() == 0) {
        // Another server stored this item after the look above, and has committed: decide again.
        throw PgConcurrentWrite{};
    }
    if (item.state == InspectionState::Final) {
        m_db.exec("INSERT INTO review (inspection_id, state, reason, reviewed_at) VALUES ($1, "
                  "'received', '', $2) ON CONFLICT (inspection_id) DO NOTHING",
                  {item.id, item.received_at});
        st.changes.push_back(PgChange{
            std::string(wire::kReview), item.id, RowKeys{region, item.enterprise_id, {}}, {}});
        st.leaves.push_back(PendingLeaf{
            InspectionLeaf{item.id, by.device.id, item.version, merkle::sha256(item.data)}, item.id,
            item.received_at});
        if (item.statement)
            st.leaves.push_back(PendingLeaf{
                StatementLeaf{item.id, item.statement->device_id, item.statement->seq,
                              merkle::sha256(item.statement->bytes), item.statement->signature},
                item.id, item.received_at});
    }
    if (!chain.note.empty()) // stored, and the office noted a gap before it
        return pushResult(item, PushStatus::Stored, "chain_gap", chain.note);
    return pushResult(item, PushStatus::Stored);
}

void PgOfficeStore::audit(const Principal &by, const IncomingItem &item, const PushResult &result)
{
    // A duplicate's content is already held; every other verdict keeps what was sent.
    m_db.exec("INSERT INTO push_audit (received_at, device_id, batch_id, type, item_id, version, "
              "content_hash, status, code, reason, device_time, signature, prev_hash, data) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
              {item.received_at, by.device.id, item.batch_id, item.type, item.id,
               std::to_string(item.version), item.content_hash,
               std::string(enumName(result.status)), result.code, result.reason, item.device_time,
               item.signature, item.prev_hash,
               result.status == PushStatus::Duplicate ? std::nullopt : PgParam(item.data)});
}

} // namespace fp
