// SqliteOfficeStore: the evidence of one enterprise for its bundle (docs/protocol.md §10): the
// final inspections with their statements and latest decisions, and the inclusion proof of each
// of their leaves under the newest signed tree head, read in one transaction.

#include "core/json.h"
#include "server/domain/storeruleerror.h"
#include "server/storage/sqliteofficestore.h"

namespace fp {

namespace {

/// The first leaf of `type` recording `record` (an inspection id, or a review_history seq).
std::optional<std::int64_t> leafIndex(Database &db, const char *type, const std::string &record)
{
    Statement s(db, "SELECT idx FROM log_leaf WHERE type = ? AND record = ? ORDER BY idx LIMIT 1");
    s.bind(1, std::string(type)).bind(2, record);
    if (!s.step())
        return std::nullopt;
    return s.integer(0);
}

/// Rolls back the read transaction however the reading ends.
class ReadTransaction
{
  public:
    explicit ReadTransaction(Database &db) : m_db(db) { m_db.execScript("BEGIN"); }
    ~ReadTransaction()
    {
        try {
            m_db.execScript("ROLLBACK");
        } catch (const std::exception &) {
            // Nothing was written; a failed rollback of a read leaves nothing to undo.
        }
    }
    ReadTransaction(const ReadTransaction &) = delete;
    ReadTransaction &operator=(const ReadTransaction &) = delete;

  private:
    Database &m_db;
};

} // namespace

EvidenceSet SqliteOfficeStore::evidenceOf(const std::string &enterpriseId)
{
    std::lock_guard lock(m_mutex);
    const ReadTransaction read(m_db);
    EvidenceSet out;
    out.office_public_key = officePublicKey();
    out.head = m_log.latestHead(m_db);
    const std::int64_t size = out.head ? out.head->tree_size : 0;
    const auto proofOf = [&](std::int64_t index) {
        return bundle::LeafProof{index, m_log.inclusion(m_db, index, size).proof};
    };
    Statement finals(m_db, "SELECT i.id, i.data, i.device_id, i.version, "
                           "COALESCE(i.statement, ''), COALESCE(i.statement_signature, ''), "
                           "d.device_id, k.public_key FROM inspection i "
                           "LEFT JOIN device_statement d ON d.inspection_id = i.id "
                           "LEFT JOIN device k ON k.id = d.device_id "
                           "WHERE i.enterprise_id = ? AND i.state = 'final' "
                           "ORDER BY i.received_at, i.id");
    finals.bind(1, enterpriseId);
    Statement review(m_db, "SELECT seq, state, reason, reviewed_at FROM review_history WHERE "
                           "inspection_id = ? ORDER BY seq DESC LIMIT 1");
    while (finals.step()) {
        EvidenceInspection e;
        e.id = finals.text(0);
        e.data = finals.text(1);
        e.statement = finals.text(4);
        e.signature = finals.text(5);
        const Json data = parseJson(e.data);
        const Json &amends = data.at("inspection").value("amends_id", Json());
        if (amends.is_string())
            e.amends_id = amends.get<std::string>();
        e.proof.tree_size = size;
        e.proof.pushed_by = finals.text(2);
        if (!finals.isNull(6) && !finals.isNull(7))
            out.device_keys[finals.text(6)] = finals.text(7);
        if (const auto at = leafIndex(m_db, "inspection", e.id); at && *at < size)
            e.proof.inspection_leaf = proofOf(*at);
        else
            throw StoreRuleError("the office log holds no signed leaf of final inspection '" +
                                 e.id + "'; run `fieldproof-server log verify`");
        if (const auto at = leafIndex(m_db, "statement", e.id); at && *at < size) {
            e.proof.statement_leaf = proofOf(*at);
            e.statement_logged = true;
        }
        review.reset();
        if (review.bind(1, e.id).step()) {
            e.proof.review_state = review.text(1);
            e.proof.review_reason = review.text(2);
            e.proof.reviewed_at = review.text(3);
            if (const auto at = leafIndex(m_db, "review", std::to_string(review.integer(0)));
                at && *at < size) {
                e.proof.review_leaf = proofOf(*at);
                e.review_logged = true;
            }
        }
        out.inspections.push_back(std::move(e));
    }
    return out;
}

} // namespace fp
