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
                                        const std::string &when)
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
    log.append(ReviewLeaf{inspectionId, merkle::sha256(data.text(0)), stateName, reason, when},
               std::to_string(last.integer(0)), when);
}

} // namespace fp
