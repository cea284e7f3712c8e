// PgOfficeStore: the pull feed over the change log, and applying pushed inspections.

#include "protocol/recordtype.h"
#include "server/domain/pullcursor.h"
#include "server/domain/pushrules.h"
#include "server/pgstore/pgchain.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"
#include "server/pgstore/pgrows.h"

#include <map>
#include <set>
#include <utility>

namespace fp {

namespace {

struct LogEntry
{
    std::int64_t seq = 0;
    std::string type;
    std::string row_id;
    RowKeys now;
    RowKeys before;
};

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
std::vector<LogEntry> scopeEntries(PgConnection &db, const Scope &scope, std::int64_t start,
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
    std::vector<LogEntry> out;
    out.reserve(static_cast<std::size_t>(entries.rows()));
    for (int i = 0; i < entries.rows(); ++i) {
        out.push_back(LogEntry{entries.integer(i, 0),
                               entries.text(i, 1),
                               entries.text(i, 2),
                               {entries.text(i, 3), entries.text(i, 4), entries.text(i, 5)},
                               {entries.text(i, 6), entries.text(i, 7), entries.text(i, 8)}});
    }
    return out;
}

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

    PullPage page;
    std::int64_t start = 0;
    std::string startTag = "0";
    if (from) {
        // As on SQLite: another epoch, or a cursor this log cannot continue, starts over.
        std::string tagHere = "0";
        if (from->seq > 0) {
            const PgResult at = m_db.exec("SELECT row_id FROM change_log WHERE seq = $1",
                                          {std::to_string(from->seq)});
            tagHere = at.rows() > 0 ? pullCursorTag(at.text(0, 0)) : std::string();
        }
        if (from->epoch == epoch && from->seq <= maxSeq && from->tag == tagHere) {
            start = from->seq;
            startTag = tagHere;
        } else {
            page.reset = true;
        }
    }

    const Scope scope = loadScope(user.id, user.username, user.role);
    std::vector<LogEntry> batch = scopeEntries(m_db, scope, start, limit + 1);
    page.more = batch.size() > static_cast<std::size_t>(limit);
    if (page.more)
        batch.pop_back();

    PgRowLoader loader(m_db);
    std::set<std::pair<std::string, std::string>> tombstoned;
    for (const auto &e : batch) {
        const auto row = loader.load(e.type, e.row_id);
        const bool visibleNow = row && scope.sees(e.type, row->keys);
        if (visibleNow) {
            // Only the row's last change sends its data; earlier ones would send it again.
            if (m_db.exec("SELECT 1 FROM change_log WHERE type = $1 AND row_id = $2 AND seq > $3 "
                          "LIMIT 1",
                          {e.type, e.row_id, std::to_string(e.seq)})
                    .rows() == 0)
                page.items.push_back(PullItem{e.type, e.row_id, row->data});
        } else if ((scope.sees(e.type, e.before) || scope.sees(e.type, e.now)) &&
                   tombstoned.emplace(e.type, e.row_id).second) {
            // Deleted, or moved out of the scope: the device may hold it, so tell it to drop it.
            page.deleted.push_back(Tombstone{e.type, e.row_id});
        }
    }
    if (!page.more && maxSeq > start) {
        // Every entry up to the head was read, those outside the scope through the index
        // that skips them: the next pull continues from the head. (Sequence numbers are
        // taken in commit order, so none below the head can appear later.)
        const PgResult at =
            m_db.exec("SELECT row_id FROM change_log WHERE seq = $1", {std::to_string(maxSeq)});
        page.cursor = formatPullCursor(PullCursor{epoch, maxSeq, pullCursorTag(at.text(0, 0))});
    } else {
        page.cursor = batch.empty()
                          ? formatPullCursor(PullCursor{epoch, start, startTag})
                          : formatPullCursor(PullCursor{epoch, batch.back().seq,
                                                        pullCursorTag(batch.back().row_id)});
    }
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
    PushState st;
    const Scope scope = loadScope(by.user.id, by.user.username, by.user.role);
    std::vector<PushResult> results;
    results.reserve(batch.size());
    for (const auto &candidate : batch) {
        results.push_back(applyOne(st, by, scope, candidate));
        audit(by, candidate.item, results.back());
    }
    const auto log = appendChanges(st.changes, st.leaves);
    tx.commit();
    if (log)
        log->keep();
    return results;
}

PushResult PgOfficeStore::applyOne(PushState &st, const Principal &by, const Scope &scope,
                                   const PushCandidate &candidate)
{
    const IncomingItem &item = candidate.item;
    if (candidate.refused)
        return pushResult(item, PushStatus::Rejected, candidate.refused->code,
                          candidate.refused->reason);

    // The stored revision, locked until the commit: another server pushing the same item
    // waits here and then decides on what this batch stored.
    std::optional<StoredRevision> stored;
    std::string ownerUserId;
    const PgResult held = m_db.exec(
        "SELECT i.version, i.content_hash, i.state, d.user_id FROM inspection i LEFT JOIN device "
        "d ON d.id = i.device_id WHERE i.id = $1 FOR UPDATE OF i",
        {item.id});
    if (held.rows() > 0) {
        stored = StoredRevision{
            held.integer(0, 0), held.text(0, 1),
            enumFromString<InspectionState>(held.text(0, 2)).value_or(InspectionState::Final)};
        ownerUserId = held.isNull(0, 3) ? std::string() : held.text(0, 3);
    }

    switch (decidePush(stored, item.version, item.content_hash)) {
    case PushDecision::Duplicate:
        return pushResult(item, PushStatus::Duplicate);
    case PushDecision::Superseded:
        return pushResult(item, PushStatus::Duplicate, "superseded",
                          "the office already holds version " + std::to_string(stored->version) +
                              " of this inspection");
    case PushDecision::Conflict:
        return pushResult(item, PushStatus::Rejected, "conflict",
                          "version " + std::to_string(item.version) +
                              " of this inspection was already received with different content");
    case PushDecision::FinalImmutable:
        return pushResult(item, PushStatus::Rejected, "final_immutable",
                          "final inspections are immutable; record a correction as a new "
                          "inspection that amends this one");
    case PushDecision::Store:
        break;
    }
    if (stored && ownerUserId != by.user.id)
        return pushResult(item, PushStatus::Rejected, "not_owner",
                          "this inspection belongs to another user's device");
    auto found = st.regions.find(item.enterprise_id);
    if (found == st.regions.end()) {
        const PgResult r =
            m_db.exec("SELECT region_id FROM enterprise WHERE id = $1", {item.enterprise_id});
        found = st.regions
                    .emplace(item.enterprise_id,
                             r.rows() > 0 ? std::optional(r.text(0, 0)) : std::nullopt)
                    .first;
    }
    const std::optional<std::string> &region = found->second;
    if (!region || !scope.seesEnterprise(item.enterprise_id, *region))
        return pushResult(item, PushStatus::Rejected, "out_of_scope",
                          "enterprise " + item.enterprise_id + " is not in the scope of " +
                              by.user.username);
    if (candidate.pre)
        return pushResult(item, PushStatus::Rejected, candidate.pre->code, candidate.pre->reason);
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
    if (stored) {
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
            std::string(wire::kReview), item.id, RowKeys{*region, item.enterprise_id, {}}, {}});
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
