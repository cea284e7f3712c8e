#include "server/storage/logverify.h"

#include "protocol/logleaf.h"

#include <map>
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

class Verifier
{
  public:
    Verifier(Database &db, std::string publicKey) : m_db(db), m_publicKey(std::move(publicKey)) {}

    LogVerifyReport run()
    {
        m_db.execScript("BEGIN");
        try {
            checkLeaves() && checkEveryRecordLogged() && checkHeads();
        } catch (...) {
            m_db.execScript("ROLLBACK");
            throw;
        }
        m_db.execScript("ROLLBACK");
        return m_report;
    }

  private:
    bool fail(std::string problem)
    {
        m_report.problem = std::move(problem);
        return false;
    }

    std::optional<std::string> inspectionData(const std::string &id)
    {
        Statement s(m_db, "SELECT data FROM inspection WHERE id = ?");
        if (!s.bind(1, id).step())
            return std::nullopt;
        return s.text(0);
    }

    bool checkInspection(const InspectionLeaf &leaf, const std::string &name)
    {
        Statement s(m_db, "SELECT device_id, version, data, state FROM inspection WHERE id = ?");
        if (!s.bind(1, leaf.inspection_id).step())
            return fail(name + " records an inspection that is no longer in the office database "
                               "(deleted)");
        const InspectionLeaf now{leaf.inspection_id, s.text(0), s.integer(1),
                                 merkle::sha256(s.text(2))};
        if (now.data_sha256 != leaf.data_sha256)
            return fail(name +
                        " does not match the inspection row: the log recorded JSON with "
                        "SHA-256 " +
                        merkle::toHex(leaf.data_sha256) + ", the stored JSON hashes to " +
                        merkle::toHex(now.data_sha256));
        if (now != leaf || s.text(3) != "final")
            return fail(name + " does not match the inspection row's device, version or state");
        m_loggedInspections.insert(leaf.inspection_id);
        return true;
    }

    bool checkStatement(const StatementLeaf &leaf, const std::string &name)
    {
        Statement s(m_db, "SELECT i.statement, i.statement_signature, d.device_id, d.seq FROM "
                          "inspection i LEFT JOIN device_statement d ON d.inspection_id = i.id "
                          "WHERE i.id = ?");
        if (!s.bind(1, leaf.inspection_id).step() || s.isNull(0))
            return fail(name + " records a statement that the office database no longer holds "
                               "(deleted?)");
        const merkle::Hash hash = merkle::sha256(s.text(0));
        if (hash != leaf.statement_sha256)
            return fail(name + " does not match the stored statement: the log recorded " +
                        merkle::toHex(leaf.statement_sha256) + ", the stored statement hashes to " +
                        merkle::toHex(hash));
        if (s.text(1) != leaf.signature)
            return fail(name + " does not match the stored signature");
        if (s.isNull(2) || s.text(2) != leaf.device_id || s.integer(3) != leaf.seq)
            return fail(name +
                        " does not match its place in the device's chain (device_statement)");
        m_loggedStatements.insert(leaf.inspection_id);
        return true;
    }

    bool checkReview(const ReviewLeaf &leaf, const std::string &record, const std::string &name)
    {
        Statement s(m_db, "SELECT inspection_id, state, reason, reviewed_at FROM review_history "
                          "WHERE seq = ?");
        std::int64_t seq = -1;
        try {
            seq = std::stoll(record);
        } catch (const std::exception &) {
        }
        if (!s.bind(1, seq).step())
            return fail(name + " records a review decision that is no longer in review_history "
                               "(deleted)");
        const auto data = inspectionData(s.text(0));
        if (!data)
            return fail(name + ": the reviewed inspection is no longer in the office database "
                               "(deleted)");
        const ReviewLeaf now{s.text(0), merkle::sha256(*data), s.text(1), s.text(2), s.text(3)};
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
        Statement rows(m_db, "SELECT idx, record, leaf, leaf_hash FROM log_leaf ORDER BY idx");
        while (rows.step()) {
            const std::int64_t index = rows.integer(0);
            if (index != m_report.leaves)
                return fail("leaf " + std::to_string(m_report.leaves) +
                            " is missing from log_leaf (the next row is leaf " +
                            std::to_string(index) + ")");
            const std::string bytes = rows.text(2);
            const std::string stored = rows.text(3);
            const merkle::Hash hash = merkle::leafHash(bytes);
            const auto leaf = decodeLeaf(bytes);
            if (!leaf)
                return fail("leaf " + std::to_string(index) +
                            ": its bytes are not a leaf of this log (edited?)");
            const std::string name = leafName(index, *leaf, rows.text(1));
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
                ok = checkReview(std::get<ReviewLeaf>(*leaf), rows.text(1), name);
            if (!ok)
                return false;
            m_tree.append(hash);
            ++m_report.leaves;
        }
        return true;
    }

    bool checkEveryRecordLogged()
    {
        Statement finals(m_db, "SELECT id FROM inspection WHERE state = 'final' ORDER BY id");
        while (finals.step()) {
            if (!m_loggedInspections.count(finals.text(0)))
                return fail("final inspection " + finals.text(0) +
                            " is in the office database but not in the log (added behind the "
                            "office's back?)");
        }
        Statement signedFinals(m_db, "SELECT id FROM inspection WHERE state = 'final' AND "
                                     "statement IS NOT NULL ORDER BY id");
        while (signedFinals.step()) {
            if (!m_loggedStatements.count(signedFinals.text(0)))
                return fail("the statement of final inspection " + signedFinals.text(0) +
                            " is in the office database but not in the log");
        }
        Statement decisions(m_db, "SELECT seq, inspection_id FROM review_history ORDER BY seq");
        while (decisions.step()) {
            if (!m_loggedReviews.count(decisions.integer(0)))
                return fail("review decision " + std::to_string(decisions.integer(0)) +
                            " on inspection " + decisions.text(1) +
                            " is in review_history but not in the log");
        }
        // The review row the office shows is the newest logged decision.
        Statement reviews(
            m_db, "SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, h.state, h.reason, "
                  "h.reviewed_at FROM review r LEFT JOIN review_history h ON h.seq = (SELECT "
                  "MAX(seq) FROM review_history WHERE inspection_id = r.inspection_id) WHERE "
                  "r.state != 'received' OR h.seq IS NOT NULL");
        while (reviews.step()) {
            if (reviews.isNull(4) || reviews.text(1) != reviews.text(4) ||
                reviews.text(2) != reviews.text(5) || reviews.text(3) != reviews.text(6))
                return fail("the review of inspection " + reviews.text(0) +
                            " differs from the newest decision the log recorded for it");
        }
        return true;
    }

    bool checkHeads()
    {
        Statement rows(m_db, "SELECT tree_size, timestamp_ms, root_hash, signature FROM log_head "
                             "ORDER BY tree_size");
        std::vector<SignedTreeHead> heads;
        while (rows.step())
            heads.push_back({rows.integer(0), rows.integer(1), rows.text(2), rows.text(3)});
        if (auto problem = treeHeadsProblem(heads, m_tree, m_publicKey, m_report))
            return fail(std::move(*problem));
        return true;
    }

    Database &m_db;
    std::string m_publicKey;
    LogVerifyReport m_report;
    merkle::MemoryTree m_tree;
    std::set<std::string> m_loggedInspections;
    std::set<std::string> m_loggedStatements;
    std::set<std::int64_t> m_loggedReviews;
};

} // namespace

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

LogVerifyReport verifyOfficeLog(Database &db, const std::string &publicKeyHex)
{
    return Verifier(db, publicKeyHex).run();
}

} // namespace fp
