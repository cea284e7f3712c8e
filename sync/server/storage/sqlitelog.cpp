// SqliteOfficeStore: the office log's port (logstore.h) and the logging of review decisions.

#include "server/storage/logverify.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

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
    Statement(m_db, "INSERT INTO review_history (inspection_id, state, reason, reviewed_at, "
                    "reviewed_by) VALUES (?,?,?,?,?)")
        .bind(1, inspectionId)
        .bind(2, stateName)
        .bind(3, reason)
        .bind(4, when)
        .bind(5, by)
        .exec();
    Statement last(m_db, "SELECT last_insert_rowid()");
    last.step();
    const std::string seq = std::to_string(last.integer(0));
    log.append(ReviewLeaf{inspectionId, merkle::sha256(data.text(0)), stateName, reason, when}, seq,
               when);
}

std::vector<ReviewChange> SqliteOfficeStore::reviewHistoryLocked(const std::string &inspectionId)
{
    Statement s(m_db, "SELECT reviewed_at, reviewed_by, state, reason FROM review_history WHERE "
                      "inspection_id = ? ORDER BY seq");
    s.bind(1, inspectionId);
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
