// PgOfficeStore: the office log's port (logstore.h) on pgofficelog, and the rows that `log
// verify`'s re-check (storage/logverify.cpp, the same walk as on SQLite) reads on PostgreSQL.

#include "server/domain/storeruleerror.h"
#include "server/pgstore/pgofficestore.h"
#include "server/storage/logverify.h"

namespace fp {

namespace {

/// The rows `log verify` reads, on PostgreSQL (the walk is storage/logverify's).
class PgLogRows final : public LogVerifyRows
{
  public:
    explicit PgLogRows(PgConnection &db) : m_db(db) {}

    bool eachLeaf(const std::function<bool(const LeafRow &)> &visit) override
    {
        const PgResult rows =
            m_db.exec("SELECT idx, record, leaf, leaf_hash FROM log_leaf ORDER BY idx");
        for (int row = 0; row < rows.rows(); ++row) {
            if (!visit(LeafRow{rows.integer(row, 0), rows.text(row, 1), rows.bytes(row, 2),
                               rows.bytes(row, 3)}))
                return false;
        }
        return true;
    }

    std::optional<InspectionRow> inspection(const std::string &id) override
    {
        const PgResult s =
            m_db.exec("SELECT device_id, version, data, state FROM inspection WHERE id = $1", {id});
        if (s.rows() == 0)
            return std::nullopt;
        return InspectionRow{s.text(0, 0), s.integer(0, 1), s.text(0, 2), s.text(0, 3)};
    }

    std::optional<StatementRow> statement(const std::string &inspectionId) override
    {
        const PgResult s = m_db.exec(
            "SELECT i.statement, i.statement_signature, d.device_id, d.seq FROM inspection i "
            "LEFT JOIN device_statement d ON d.inspection_id = i.id WHERE i.id = $1",
            {inspectionId});
        if (s.rows() == 0)
            return std::nullopt;
        return StatementRow{s.optText(0, 0), s.text(0, 1), s.optText(0, 2),
                            s.isNull(0, 3) ? 0 : s.integer(0, 3)};
    }

    std::optional<ReviewRow> review(std::int64_t seq) override
    {
        const PgResult s = m_db.exec("SELECT h.inspection_id, h.state, h.reason, h.reviewed_at, "
                                     "i.data FROM review_history h LEFT JOIN inspection i ON i.id "
                                     "= h.inspection_id WHERE h.seq = $1",
                                     {std::to_string(seq)});
        if (s.rows() == 0)
            return std::nullopt;
        return ReviewRow{s.text(0, 0), Decision{s.text(0, 1), s.text(0, 2), s.text(0, 3)},
                         s.optText(0, 4)};
    }

    std::vector<std::string> finalInspections(bool signedOnly) override
    {
        const PgResult s =
            m_db.exec(signedOnly ? "SELECT id FROM inspection WHERE state = 'final' AND "
                                   "statement IS NOT NULL ORDER BY id"
                                 : "SELECT id FROM inspection WHERE state = 'final' "
                                   "ORDER BY id");
        std::vector<std::string> out;
        for (int i = 0; i < s.rows(); ++i)
            out.push_back(s.text(i, 0));
        return out;
    }

    std::vector<std::pair<std::int64_t, std::string>> decisions() override
    {
        const PgResult s = m_db.exec("SELECT seq, inspection_id FROM review_history ORDER BY seq");
        std::vector<std::pair<std::int64_t, std::string>> out;
        for (int i = 0; i < s.rows(); ++i)
            out.emplace_back(s.integer(i, 0), s.text(i, 1));
        return out;
    }

    std::vector<ShownReview> shownReviews() override
    {
        const PgResult s = m_db.exec(
            "SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, h.state, h.reason, "
            "h.reviewed_at FROM review r LEFT JOIN review_history h ON h.seq = (SELECT MAX(seq) "
            "FROM review_history WHERE inspection_id = r.inspection_id) WHERE r.state != "
            "'received' OR h.seq IS NOT NULL ORDER BY r.inspection_id");
        std::vector<ShownReview> out;
        for (int i = 0; i < s.rows(); ++i) {
            ShownReview review{s.text(i, 0), Decision{s.text(i, 1), s.text(i, 2), s.text(i, 3)},
                               std::nullopt};
            if (!s.isNull(i, 4))
                review.newest = Decision{s.text(i, 4), s.text(i, 5), s.text(i, 6)};
            out.push_back(std::move(review));
        }
        return out;
    }

    std::vector<SignedTreeHead> heads() override
    {
        const PgResult s = m_db.exec("SELECT tree_size, timestamp_ms, root_hash, signature "
                                     "FROM log_head ORDER BY tree_size");
        std::vector<SignedTreeHead> out;
        for (int i = 0; i < s.rows(); ++i)
            out.push_back({s.integer(i, 0), s.integer(i, 1), s.text(i, 2), s.text(i, 3)});
        return out;
    }

  private:
    PgConnection &m_db;
};

} // namespace

std::optional<SignedTreeHead> PgOfficeStore::latestTreeHead()
{
    const PgPool::Lease lease(m_pool);
    return m_log.latestHead(m_db);
}

std::string PgOfficeStore::officePublicKey()
{
    return m_log.signer() ? m_log.signer()->publicKeyHex() : std::string();
}

ConsistencyAnswer PgOfficeStore::consistencyProof(std::int64_t from, std::int64_t to)
{
    const PgPool::Lease lease(m_pool);
    return m_log.consistency(m_db, from, to);
}

InclusionAnswer PgOfficeStore::inclusionProof(std::int64_t index, std::int64_t size)
{
    const PgPool::Lease lease(m_pool);
    return m_log.inclusion(m_db, index, size);
}

LogVerifyReport PgOfficeStore::verifyLog()
{
    const PgPool::Lease lease(m_pool);
    // One snapshot for every check, whatever other servers commit meanwhile.
    PgTransaction read(m_db);
    m_db.execScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PgLogRows rows(m_db);
    return verifyOfficeLog(rows, officePublicKey()); // rolled back: nothing was written
}

} // namespace fp
