// PgOfficeStore: the office log's port (logstore.h) on pgofficelog, and `log verify`'s full
// re-check of the log against the database: storage/logverify.cpp's checks, rule for rule, on
// PostgreSQL.

#include "protocol/logleaf.h"
#include "server/domain/storeruleerror.h"
#include "server/pgstore/pgofficestore.h"
#include "server/storage/logverify.h"

#include <set>

namespace fp {

namespace {

/// What a leaf's index and record are called in a finding.
std::string leafName(std::int64_t index, const LogLeaf &leaf, const std::string &record)
{
    std::string out = "leaf " + std::to_string(index) + " (";
    if (const auto *i = std::get_if<InspectionLeaf>(&leaf))
        out.append("inspection ").append(i->inspection_id);
    else if (const auto *s = std::get_if<StatementLeaf>(&leaf))
        out.append("statement of inspection ").append(s->inspection_id);
    else
        out.append("review of inspection ")
            .append(std::get<ReviewLeaf>(leaf).inspection_id)
            .append(", review_history seq ")
            .append(record);
    return out + ")";
}

class PgVerifier
{
  public:
    PgVerifier(PgConnection &db, std::string publicKey)
        : m_db(db), m_publicKey(std::move(publicKey))
    {
    }

    LogVerifyReport run()
    {
        // One snapshot for every check, whatever other servers commit meanwhile.
        PgTransaction read(m_db);
        m_db.execScript("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
        checkLeaves() && checkEveryRecordLogged() && checkHeads();
        return m_report; // rolled back: nothing was written
    }

  private:
    bool fail(std::string problem)
    {
        m_report.problem = std::move(problem);
        return false;
    }

    bool checkInspection(const InspectionLeaf &leaf, const std::string &name)
    {
        const PgResult s =
            m_db.exec("SELECT device_id, version, data, state FROM inspection WHERE id = $1",
                      {leaf.inspection_id});
        if (s.rows() == 0)
            return fail(name + " records an inspection that is no longer in the office database "
                               "(deleted)");
        const InspectionLeaf now{leaf.inspection_id, s.text(0, 0), s.integer(0, 1),
                                 merkle::sha256(s.text(0, 2))};
        if (now.data_sha256 != leaf.data_sha256)
            return fail(name +
                        " does not match the inspection row: the log recorded JSON with "
                        "SHA-256 " +
                        merkle::toHex(leaf.data_sha256) + ", the stored JSON hashes to " +
                        merkle::toHex(now.data_sha256));
        if (now != leaf || s.text(0, 3) != "final")
            return fail(name + " does not match the inspection row's device, version or state");
        m_loggedInspections.insert(leaf.inspection_id);
        return true;
    }

    bool checkStatement(const StatementLeaf &leaf, const std::string &name)
    {
        const PgResult s = m_db.exec(
            "SELECT i.statement, i.statement_signature, d.device_id, d.seq FROM inspection i "
            "LEFT JOIN device_statement d ON d.inspection_id = i.id WHERE i.id = $1",
            {leaf.inspection_id});
        if (s.rows() == 0 || s.isNull(0, 0))
            return fail(name + " records a statement that the office database no longer holds "
                               "(deleted?)");
        const merkle::Hash hash = merkle::sha256(s.text(0, 0));
        if (hash != leaf.statement_sha256)
            return fail(name + " does not match the stored statement: the log recorded " +
                        merkle::toHex(leaf.statement_sha256) + ", the stored statement hashes to " +
                        merkle::toHex(hash));
        if (s.text(0, 1) != leaf.signature)
            return fail(name + " does not match the stored signature");
        if (s.isNull(0, 2) || s.text(0, 2) != leaf.device_id || s.integer(0, 3) != leaf.seq)
            return fail(name +
                        " does not match its place in the device's chain (device_statement)");
        m_loggedStatements.insert(leaf.inspection_id);
        return true;
    }

    bool checkReview(const ReviewLeaf &leaf, const std::string &record, const std::string &name)
    {
        std::int64_t seq = -1;
        try {
            seq = std::stoll(record);
        } catch (const std::exception &) {
        }
        const PgResult s = m_db.exec("SELECT h.inspection_id, h.state, h.reason, h.reviewed_at, "
                                     "i.data FROM review_history h LEFT JOIN inspection i ON i.id "
                                     "= h.inspection_id WHERE h.seq = $1",
                                     {std::to_string(seq)});
        if (s.rows() == 0)
            return fail(name + " records a review decision that is no longer in review_history "
                               "(deleted)");
        if (s.isNull(0, 4))
            return fail(name + ": the reviewed inspection is no longer in the office database "
                               "(deleted)");
        const ReviewLeaf now{s.text(0, 0), merkle::sha256(s.text(0, 4)), s.text(0, 1), s.text(0, 2),
                             s.text(0, 3)};
        if (now.data_sha256 != leaf.data_sha256)
            return fail(name +
                        " does not match the reviewed inspection: the log recorded JSON "
                        "with SHA-256 " +
                        merkle::toHex(leaf.data_sha256) + ", the stored JSON hashes to " +
                        merkle::toHex(now.data_sha256));
        if (now != leaf)
            return fail(name + " does not match its row in review_history");
        m_loggedReviews.insert(seq);
        return true;
    }

    bool checkLeaves()
    {
        const PgResult rows =
            m_db.exec("SELECT idx, record, leaf, leaf_hash FROM log_leaf ORDER BY idx");
        for (int row = 0; row < rows.rows(); ++row) {
            const std::int64_t index = rows.integer(row, 0);
            if (index != m_report.leaves)
                return fail("leaf " + std::to_string(m_report.leaves) +
                            " is missing from log_leaf (the next row is leaf " +
                            std::to_string(index) + ")");
            const std::string bytes = rows.bytes(row, 2);
            const std::string stored = rows.bytes(row, 3);
            const merkle::Hash hash = merkle::leafHash(bytes);
            const auto leaf = decodeLeaf(bytes);
            if (!leaf)
                return fail("leaf " + std::to_string(index) +
                            ": its bytes are not a leaf of this log (edited?)");
            const std::string name = leafName(index, *leaf, rows.text(row, 1));
            if (stored.size() != hash.size() ||
                !std::equal(hash.begin(), hash.end(), stored.begin(),
                            [](std::uint8_t a, char b) { return a == std::uint8_t(b); }))
                return fail(name + ": its stored hash does not match its bytes (edited?)");
            bool ok = false;
            if (const auto *i = std::get_if<InspectionLeaf>(&*leaf))
                ok = checkInspection(*i, name);
            else if (const auto *s = std::get_if<StatementLeaf>(&*leaf))
                ok = checkStatement(*s, name);
            else
                ok = checkReview(std::get<ReviewLeaf>(*leaf), rows.text(row, 1), name);
            if (!ok)
                return false;
            m_tree.append(hash);
            ++m_report.leaves;
        }
        return true;
    }

    bool checkEveryRecordLogged()
    {
        const PgResult finals =
            m_db.exec("SELECT id FROM inspection WHERE state = 'final' ORDER BY id");
        for (int i = 0; i < finals.rows(); ++i) {
            if (!m_loggedInspections.count(finals.text(i, 0)))
                return fail("final inspection " + finals.text(i, 0) +
                            " is in the office database but not in the log (added behind the "
                            "office's back?)");
        }
        const PgResult signedFinals = m_db.exec("SELECT id FROM inspection WHERE state = 'final' "
                                                "AND statement IS NOT NULL ORDER BY id");
        for (int i = 0; i < signedFinals.rows(); ++i) {
            if (!m_loggedStatements.count(signedFinals.text(i, 0)))
                return fail("the statement of final inspection " + signedFinals.text(i, 0) +
                            " is in the office database but not in the log");
        }
        const PgResult decisions =
            m_db.exec("SELECT seq, inspection_id FROM review_history ORDER BY seq");
        for (int i = 0; i < decisions.rows(); ++i) {
            if (!m_loggedReviews.count(decisions.integer(i, 0)))
                return fail("review decision " + std::to_string(decisions.integer(i, 0)) +
                            " on inspection " + decisions.text(i, 1) +
                            " is in review_history but not in the log");
        }
        // The review row the office shows is the newest logged decision.
        const PgResult reviews = m_db.exec(
            "SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, h.state, h.reason, "
            "h.reviewed_at FROM review r LEFT JOIN review_history h ON h.seq = (SELECT MAX(seq) "
            "FROM review_history WHERE inspection_id = r.inspection_id) WHERE r.state != "
            "'received' OR h.seq IS NOT NULL ORDER BY r.inspection_id");
        for (int i = 0; i < reviews.rows(); ++i) {
            if (reviews.isNull(i, 4) || reviews.text(i, 1) != reviews.text(i, 4) ||
                reviews.text(i, 2) != reviews.text(i, 5) ||
                reviews.text(i, 3) != reviews.text(i, 6))
                return fail("the review of inspection " + reviews.text(i, 0) +
                            " differs from the newest decision the log recorded for it");
        }
        return true;
    }

    bool checkHeads()
    {
        const PgResult rows = m_db.exec("SELECT tree_size, timestamp_ms, root_hash, signature "
                                        "FROM log_head ORDER BY tree_size");
        std::vector<SignedTreeHead> heads;
        for (int i = 0; i < rows.rows(); ++i)
            heads.push_back(
                {rows.integer(i, 0), rows.integer(i, 1), rows.text(i, 2), rows.text(i, 3)});
        if (auto problem = treeHeadsProblem(heads, m_tree, m_publicKey, m_report))
            return fail(std::move(*problem));
        return true;
    }

    PgConnection &m_db;
    std::string m_publicKey;
    LogVerifyReport m_report;
    merkle::MemoryTree m_tree;
    std::set<std::string> m_loggedInspections;
    std::set<std::string> m_loggedStatements;
    std::set<std::int64_t> m_loggedReviews;
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
    return PgVerifier(m_db, officePublicKey()).run();
}

} // namespace fp
