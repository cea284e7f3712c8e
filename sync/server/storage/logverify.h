#pragma once
// `fieldproof-server log verify`: the office log re-checked against the office database from
// scratch. The walk and its rules live here once; each store only reads its rows.

#include "db/database.h"
#include "protocol/merkle.h"
#include "server/storage/logstore.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fp {

/// The rows the office log's check reads, as one store's SQL finds them, all in one snapshot.
class LogVerifyRows
{
  public:
    /// A row of log_leaf.
    struct LeafRow
    {
        std::int64_t index = 0;
        std::string record{};
        std::string bytes{};
        std::string stored_hash{};
    };
    /// The inspection row an inspection leaf records.
    struct InspectionRow
    {
        std::string device_id{};
        std::int64_t version = 0;
        std::string data{};
        std::string state{};
    };
    /// The stored statement of an inspection and its place in the device's chain.
    struct StatementRow
    {
        std::optional<std::string> statement{};
        std::string signature{};
        std::optional<std::string> device_id{}; // none: not in device_statement
        std::int64_t seq = 0;
    };
    /// A decision as review and review_history hold it.
    struct Decision
    {
        std::string state{};
        std::string reason{};
        std::string reviewed_at{};
        bool operator==(const Decision &) const = default;
    };
    /// A row of review_history and the stored JSON of the inspection it reviews.
    struct ReviewRow
    {
        std::string inspection_id{};
        Decision decision{};
        std::optional<std::string> data{}; // none: the inspection is gone
    };
    /// The review row the office shows, and the newest decision review_history holds for it.
    struct ShownReview
    {
        std::string inspection_id{};
        Decision shown{};
        std::optional<Decision> newest{};
    };

    virtual ~LogVerifyRows() = default;
    /// Calls `visit` on every leaf in index order until it returns false; false then.
    virtual bool eachLeaf(const std::function<bool(const LeafRow &)> &visit) = 0;
    /// The inspection row with this id, or nothing.
    virtual std::optional<InspectionRow> inspection(const std::string &id) = 0;
    /// The statement of the inspection with this id, or nothing without that inspection.
    virtual std::optional<StatementRow> statement(const std::string &inspectionId) = 0;
    /// The review_history row with this seq, or nothing.
    virtual std::optional<ReviewRow> review(std::int64_t seq) = 0;
    /// The ids of the final inspections; with `signedOnly`, of those holding a statement.
    virtual std::vector<std::string> finalInspections(bool signedOnly) = 0;
    /// Every review_history row's seq and inspection id, by seq.
    virtual std::vector<std::pair<std::int64_t, std::string>> decisions() = 0;
    /// Every review row that is not 'received' or has a decision in review_history.
    virtual std::vector<ShownReview> shownReviews() = 0;
    /// Every signed tree head, oldest first.
    virtual std::vector<SignedTreeHead> heads() = 0;
};

/// Recomputes every leaf from the rows it records (an inspection's stored JSON, a review
/// decision), checks that every final inspection and every decision has its leaf, rebuilds the
/// tree from the leaves and checks every signed head against it and against `publicKeyHex`
/// (skipped when empty). Stops at the first mismatch. The caller holds the read snapshot.
LogVerifyReport verifyOfficeLog(LogVerifyRows &rows, const std::string &publicKeyHex);

/// verifyOfficeLog on the SQLite office database, in one read transaction.
LogVerifyReport verifyOfficeLog(Database &db, const std::string &publicKeyHex);

} // namespace fp
