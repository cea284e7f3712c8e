// PgOfficeStore: the office's review decisions (reviewstore.h), as SqliteOfficeStore's
// (sqlitesyncstore.cpp, sqlitelog.cpp): the review row holds the latest decision, review_history
// every one; each decision feeds the change log (the pull sends the review to the devices) and
// is a leaf of the office log.

#include "protocol/recordtype.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"

#include <utility>

namespace fp {

namespace {

std::vector<ReviewChange> readHistory(PgConnection &db, const std::string &inspectionId)
{
    const PgResult r = db.exec("SELECT reviewed_at, reviewed_by, state, reason FROM review_history "
                               "WHERE inspection_id = $1 ORDER BY seq",
                               {inspectionId});
    std::vector<ReviewChange> out;
    out.reserve(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(
            ReviewChange{r.text(i, 0), r.text(i, 1),
                         enumFromString<ReviewState>(r.text(i, 2)).value_or(ReviewState::Received),
                         r.text(i, 3)});
    return out;
}

} // namespace

void PgOfficeStore::setReview(const std::string &inspectionId, ReviewState state,
                              const std::string &reason, const std::string &when,
                              const std::string &by, std::optional<std::int64_t> expectedVersion)
{
    const PgPool::Lease lease(m_pool);
    pgRetrying("the review decision", [&] {
        PgTransaction tx(m_db);
        // The review row, locked until the commit: two servers deciding on one inspection take
        // turns, and the second one counts the first one's decision below.
        const PgResult found = m_db.exec(
            "SELECT e.region_id, e.id, i.data FROM review r JOIN inspection i ON i.id = "
            "r.inspection_id JOIN enterprise e ON e.id = i.enterprise_id WHERE r.inspection_id = "
            "$1 FOR UPDATE OF r",
            {inspectionId});
        if (expectedVersion) {
            // Checked in the same transaction as the change: two clerks cannot both pass.
            const auto history = readHistory(m_db, inspectionId);
            if (std::cmp_not_equal(history.size(), *expectedVersion)) {
                LastChange last;
                if (!history.empty())
                    last = LastChange{history.back().at, history.back().by,
                                      std::string(enumName(history.back().state))};
                throw StaleVersionError(*expectedVersion, std::int64_t(history.size()), last);
            }
        }
        if (found.rows() == 0)
            throw StoreRuleError("the office has received no final inspection with id '" +
                                 inspectionId + "'");
        const RowKeys keys{found.text(0, 0), found.text(0, 1), {}};
        const std::string stateName(enumName(state));
        m_db.exec("UPDATE review SET state = $1, reason = $2, reviewed_at = $3 WHERE "
                  "inspection_id = $4",
                  {stateName, reason, when, inspectionId});
        const std::string seq =
            m_db.exec("INSERT INTO review_history (inspection_id, state, reason, reviewed_at, "
                      "reviewed_by) VALUES ($1, $2, $3, $4, $5) RETURNING seq",
                      {inspectionId, stateName, reason, when, by})
                .text(0, 0);
        const auto log =
            appendChanges({PgChange{std::string(wire::kReview), inspectionId, keys, keys}},
                          {PendingLeaf{ReviewLeaf{inspectionId, merkle::sha256(found.text(0, 2)),
                                                  stateName, reason, when},
                                       seq, when}});
        tx.commit();
        if (log)
            log->keep();
    });
}

std::vector<ReviewChange> PgOfficeStore::reviewHistory(const std::string &inspectionId)
{
    const PgPool::Lease lease(m_pool);
    return readHistory(m_db, inspectionId);
}

} // namespace fp
