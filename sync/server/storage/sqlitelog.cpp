// SqliteOfficeStore: the office log's port (logstore.h) and the logging of review decisions.

#include "server/storage/logverify.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

namespace {

// Who made a review decision. review_history (schema version 5) has no column for it, and this
// branch may not add a schema version; until one adds `review_history.username`, the name is
// kept as an entry of the office's change history, card_history, under the key
// "review:<inspection id>", with the review_history seq as its `card` text. Both tables are
// append-only in use; a later schema step can copy these rows into the new column.
std::string reviewerKey(const std::string &inspectionId)
{
    return std::string("review:").append(inspectionId);
}

void recordReviewerLocked(Database &db, const std::string &inspectionId, const std::string &seq,
                          const std::string &by, const std::string &state, const std::string &when)
{
    Statement(db, "INSERT INTO card_history (card_id, at, by, action, card) VALUES (?,?,?,?,?)")
        .bind(1, reviewerKey(inspectionId))
        .bind(2, when)
        .bind(3, by)
        .bind(4, std::string("review_").append(state))
        .bind(5, seq)
        .exec();
}

} // namespace

std::optional<SignedTreeHead> SqliteOfficeStore::latestTreeHead()
{
    std::lock_guard lock(m_mutex);
    return m_log.latestHead(m_db);
}

std::string SqliteOfficeStore::officePublicKey()
{
    return m_log.signer() ? m_log.signer()->publicKeyHex() : std::string();
}

ConsistencyAnswer SqliteOfficeStore::consistencyProof(std::int64_t from, std::int64_t to)
{
    std::lock_guard lock(m_mutex);
    return m_log.consistency(m_db, from, to);
}

InclusionAnswer SqliteOfficeStore::inclusionProof(std::int64_t index, std::int64_t size)
{
    std::lock_guard lock(m_mutex);
    return m_log.inclusion(m_db, index, size);
}

LogVerifyReport SqliteOfficeStore::verifyLog()
{
    std::lock_guard lock(m_mutex);
    return verifyOfficeLog(m_db, officePublicKey());
}

void SqliteOfficeStore::logReviewLocked(OfficeLog::Batch &log, const std::string &inspectionId,
                                        ReviewState state, const std::string &reason,
                                        const std::string &when, const std::string &by)
{
    Statement data(m_db, "SELECT data FROM inspection WHERE id = ?");
    if (!data.bind(1, inspectionId).step())
        throw StoreRuleError("the office holds no inspection with id '" + inspectionId + "'");
    const std::string stateName(enumName(state));
    Statement(m_db, "INSERT INTO review_history (inspection_id, state, reason, reviewed_at) "
                    "VALUES (?,?,?,?)")
        .bind(1, inspectionId)
        .bind(2, stateName)
        .bind(3, reason)
        .bind(4, when)
        .exec();
    Statement last(m_db, "SELECT last_insert_rowid()");
    last.step();
    const std::string seq = std::to_string(last.integer(0));
    log.append(ReviewLeaf{inspectionId, merkle::sha256(data.text(0)), stateName, reason, when}, seq,
               when);
    if (!by.empty())
        recordReviewerLocked(m_db, inspectionId, seq, by, stateName, when);
}

std::vector<ReviewChange> SqliteOfficeStore::reviewHistoryLocked(const std::string &inspectionId)
{
    Statement s(m_db, "SELECT h.reviewed_at, COALESCE(c.by, ''), h.state, h.reason FROM "
                      "review_history h LEFT JOIN card_history c ON c.card_id = ? AND c.card = "
                      "CAST(h.seq AS TEXT) WHERE h.inspection_id = ? ORDER BY h.seq");
    s.bind(1, reviewerKey(inspectionId)).bind(2, inspectionId);
    std::vector<ReviewChange> out;
    while (s.step())
        out.push_back(ReviewChange{
            s.text(0), s.text(1),
            enumFromString<ReviewState>(s.text(2)).value_or(ReviewState::Received), s.text(3)});
    return out;
}

std::vector<ReviewChange> SqliteOfficeStore::reviewHistory(const std::string &inspectionId)
{
    std::lock_guard lock(m_mutex);
    return reviewHistoryLocked(inspectionId);
}

} // namespace fp
