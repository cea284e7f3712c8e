#include "server/storage/logverify.h"

#include "protocol/logleaf.h"

#include <algorithm>
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

/// The heads' rule: every head (oldest first) covers no more than the leaves of `tree`,
/// matches its root at its size and verifies under `publicKeyHex` (skipped when empty), and
/// the newest covers them all. Counts the heads checked into `report.heads`.
std::optional<std::string> treeHeadsProblem(const std::vector<SignedTreeHead> &heads,
                                            const merkle::MemoryTree &tree,
                                            const std::string &publicKeyHex,
                                            LogVerifyReport &report)
{
    std::int64_t newest = 0;
    for (const SignedTreeHead &head : heads) {
        const std::string name = "the signed tree head of size " + std::to_string(head.tree_size);
        if (head.tree_size > report.leaves)
            return name + " covers more leaves than the log holds (" +
                   std::to_string(report.leaves) + "): leaves were deleted";
        const auto root = merkle::rootHash(tree, std::uint64_t(head.tree_size));
        if (merkle::toHex(root) != head.root_hash)
            return name + " does not match the leaves (the log was rewritten before leaf " +
                   std::to_string(head.tree_size) + ")";
        if (!publicKeyHex.empty() && !verifyTreeHead(head, publicKeyHex))
            return name + ": its signature does not verify under the office key";
        newest = head.tree_size;
        ++report.heads;
    }
    if (newest != report.leaves)
        return "the newest signed tree head covers " + std::to_string(newest) +
               " leaves, but the log holds " + std::to_string(report.leaves);
    return std::nullopt;
}

/// The walk over one store's rows; stops at the first mismatch.
class Verifier
{
  public:
    Verifier(LogVerifyRows &rows, const std::string &publicKey)
        : m_rows(rows), m_publicKey(publicKey)
    {
    }

    LogVerifyReport run()
    {
        checkLeaves() && checkEveryRecordLogged() && checkHeads();
        return m_report;
    }

  private:
    bool fail(std::string problem)
    {
        m_report.problem = std::move(problem);
        return false;
    }

    bool checkInspection(const InspectionLeaf &leaf, const std::string &name)
    {
        const auto row = m_rows.inspection(leaf.inspection_id);
        if (!row)
            return fail(name + " records an inspection that is no longer in the office database "
                               "(deleted)");
        const InspectionLeaf now{leaf.inspection_id, row->device_id, row->version,
                                 merkle::sha256(row->data)};
        if (now.data_sha256 != leaf.data_sha256)
            return fail(name +
                        " does not match the inspection row: the log recorded JSON with "
                        "SHA-256 " +
                        merkle::toHex(leaf.data_sha256) + ", the stored JSON hashes to " +
                        merkle::toHex(now.data_sha256));
        if (now != leaf || row->state != "final")
            return fail(name + " does not match the inspection row's device, version or state");
        m_loggedInspections.insert(leaf.inspection_id);
        return true;
    }

    bool checkStatement(const StatementLeaf &leaf, const std::string &name)
    {
        const auto row = m_rows.statement(leaf.inspection_id);
        if (!row || !row->statement)
            return fail(name + " records a statement that the office database no longer holds "
                               "(deleted?)");
        const merkle::Hash hash = merkle::sha256(*row->statement);
        if (hash != leaf.statement_sha256)
            return fail(name + " does not match the stored statement: the log recorded " +
                        merkle::toHex(leaf.statement_sha256) + ", the stored statement hashes to " +
                        merkle::toHex(hash));
        if (row->signature != leaf.signature)
            return fail(name + " does not match the stored signature");
        if (row->device_id != leaf.device_id || row->seq != leaf.seq)
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
        const auto row = m_rows.review(seq);
        if (!row)
            return fail(name + " records a review decision that is no longer in review_history "
                               "(deleted)");
        if (!row->data)
            return fail(name + ": the reviewed inspection is no longer in the office database "
                               "(deleted)");
        const ReviewLeaf now{row->inspection_id, merkle::sha256(*row->data), row->decision.state,
                             row->decision.reason, row->decision.reviewed_at};
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

    bool checkLeaf(const LogVerifyRows::LeafRow &row)
    {
        if (row.index != m_report.leaves)
            return fail("leaf " + std::to_string(m_report.leaves) +
                        " is missing from log_leaf (the next row is leaf " +
                        std::to_string(row.index) + ")");
        const merkle::Hash hash = merkle::leafHash(row.bytes);
        const auto leaf = decodeLeaf(row.bytes);
        if (!leaf)
            return fail("leaf " + std::to_string(row.index) +
                        ": its bytes are not a leaf of this log (edited?)");
        const std::string name = leafName(row.index, *leaf, row.record);
        if (row.stored_hash.size() != hash.size() ||
            !std::equal(hash.begin(), hash.end(), row.stored_hash.begin(),
                        [](std::uint8_t a, char b) { return a == std::uint8_t(b); }))
            return fail(name + ": its stored hash does not match its bytes (edited?)");
        bool ok = false;
        if (const auto *i = std::get_if<InspectionLeaf>(&*leaf))
            ok = checkInspection(*i, name);
        else if (const auto *s = std::get_if<StatementLeaf>(&*leaf))
            ok = checkStatement(*s, name);
        else
            ok = checkReview(std::get<ReviewLeaf>(*leaf), row.record, name);
        if (!ok)
            return false;
        m_tree.append(hash);
        ++m_report.leaves;
        return true;
    }

    bool checkLeaves()
    {
        return m_rows.eachLeaf(
            [this](const LogVerifyRows::LeafRow &row) { return checkLeaf(row); });
    }

    bool checkEveryRecordLogged()
    {
        for (const std::string &id : m_rows.finalInspections(false)) {
            if (!m_loggedInspections.count(id))
                return fail("final inspection " + id +
                            " is in the office database but not in the log (added behind the "
                            "office's back?)");
        }
        for (const std::string &id : m_rows.finalInspections(true)) {
            if (!m_loggedStatements.count(id))
                return fail("the statement of final inspection " + id +
                            " is in the office database but not in the log");
        }
        for (const auto &[seq, inspectionId] : m_rows.decisions()) {
            if (!m_loggedReviews.count(seq))
                return fail("review decision " + std::to_string(seq) + " on inspection " +
                            inspectionId + " is in review_history but not in the log");
        }
        // The review row the office shows is the newest logged decision.
        for (const auto &review : m_rows.shownReviews()) {
            if (review.newest != review.shown)
                return fail("the review of inspection " + review.inspection_id +
                            " differs from the newest decision the log recorded for it");
        }
        return true;
    }

    bool checkHeads()
    {
        if (auto problem = treeHeadsProblem(m_rows.heads(), m_tree, m_publicKey, m_report))
            return fail(std::move(*problem));
        return true;
    }

    LogVerifyRows &m_rows;
    const std::string &m_publicKey;
    LogVerifyReport m_report;
    merkle::MemoryTree m_tree;
    std::set<std::string> m_loggedInspections;
    std::set<std::string> m_loggedStatements;
    std::set<std::int64_t> m_loggedReviews;
};

/// The rows on SQLite.
class SqliteLogRows final : public LogVerifyRows
{
  public:
    explicit SqliteLogRows(Database &db) : m_db(db) {}

    bool eachLeaf(const std::function<bool(const LeafRow &)> &visit) override
    {
        Statement rows(m_db, "SELECT idx, record, leaf, leaf_hash FROM log_leaf ORDER BY idx");
        while (rows.step()) {
            if (!visit(LeafRow{rows.integer(0), rows.text(1), rows.text(2), rows.text(3)}))
                return false;
        }
        return true;
    }

    std::optional<InspectionRow> inspection(const std::string &id) override
    {
        Statement s(m_db, "SELECT device_id, version, data, state FROM inspection WHERE id = ?");
        if (!s.bind(1, id).step())
            return std::nullopt;
        return InspectionRow{s.text(0), s.integer(1), s.text(2), s.text(3)};
    }

    std::optional<StatementRow> statement(const std::string &inspectionId) override
    {
        Statement s(m_db, "SELECT i.statement, i.statement_signature, d.device_id, d.seq FROM "
                          "inspection i LEFT JOIN device_statement d ON d.inspection_id = i.id "
                          "WHERE i.id = ?");
        if (!s.bind(1, inspectionId).step())
            return std::nullopt;
        return StatementRow{s.optText(0), s.text(1), s.optText(2), s.integer(3)};
    }

    std::optional<ReviewRow> review(std::int64_t seq) override
    {
        Statement s(m_db, "SELECT h.inspection_id, h.state, h.reason, h.reviewed_at, i.data FROM "
                          "review_history h LEFT JOIN inspection i ON i.id = h.inspection_id "
                          "WHERE h.seq = ?");
        if (!s.bind(1, seq).step())
            return std::nullopt;
        return ReviewRow{s.text(0), Decision{s.text(1), s.text(2), s.text(3)}, s.optText(4)};
    }

    std::vector<std::string> finalInspections(bool signedOnly) override
    {
        Statement s(m_db, signedOnly
                              ? "SELECT id FROM inspection WHERE state = 'final' AND "
                                "statement IS NOT NULL ORDER BY id"
                              : "SELECT id FROM inspection WHERE state = 'final' ORDER BY id");
        std::vector<std::string> out;
        while (s.step())
            out.push_back(s.text(0));
        return out;
    }

    std::vector<std::pair<std::int64_t, std::string>> decisions() override
    {
        Statement s(m_db, "SELECT seq, inspection_id FROM review_history ORDER BY seq");
        std::vector<std::pair<std::int64_t, std::string>> out;
        while (s.step())
            out.emplace_back(s.integer(0), s.text(1));
        return out;
    }

    std::vector<ShownReview> shownReviews() override
    {
        Statement s(m_db,
                    "SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, h.state, h.reason, "
                    "h.reviewed_at FROM review r LEFT JOIN review_history h ON h.seq = (SELECT "
                    "MAX(seq) FROM review_history WHERE inspection_id = r.inspection_id) WHERE "
                    "r.state != 'received' OR h.seq IS NOT NULL");
        std::vector<ShownReview> out;
        while (s.step()) {
            ShownReview review{s.text(0), Decision{s.text(1), s.text(2), s.text(3)}, std::nullopt};
            if (!s.isNull(4))
                review.newest = Decision{s.text(4), s.text(5), s.text(6)};
            out.push_back(std::move(review));
        }
        return out;
    }

    std::vector<SignedTreeHead> heads() override
    {
        Statement s(m_db, "SELECT tree_size, timestamp_ms, root_hash, signature FROM log_head "
                          "ORDER BY tree_size");
        std::vector<SignedTreeHead> out;
        while (s.step())
            out.push_back({s.integer(0), s.integer(1), s.text(2), s.text(3)});
        return out;
    }

  private:
    Database &m_db;
};

} // namespace

LogVerifyReport verifyOfficeLog(LogVerifyRows &rows, const std::string &publicKeyHex)
{
    return Verifier(rows, publicKeyHex).run();
}

LogVerifyReport verifyOfficeLog(Database &db, const std::string &publicKeyHex)
{
    db.execScript("BEGIN");
    try {
        SqliteLogRows rows(db);
        LogVerifyReport report = verifyOfficeLog(rows, publicKeyHex);
        db.execScript("ROLLBACK");
        return report;
    } catch (...) {
        db.execScript("ROLLBACK");
        throw;
    }
}

} // namespace fp
