#pragma once
// The pull feed's page (docs/protocol.md, "The pull answer"), assembled once for every store:
// where a cursor continues or starts over, which entries send their row and which a
// tombstone, and the next cursor. A store supplies the reads, in one snapshot.

#include "protocol/pullpage.h"
#include "server/domain/officerecords.h"
#include "server/domain/scope.h"
#include "server/storage/officerows.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// A change-log entry and the scope keys of its row after and before the change.
struct ChangeEntry
{
    std::int64_t seq = 0;
    std::string type{};
    std::string row_id{};
    RowKeys now{};
    RowKeys before{};
};

/// What a pull reads from a store, all in the snapshot of one read transaction.
class PullReads
{
  public:
    virtual ~PullReads() = default;
    /// The row id of change-log entry `seq`, or nothing when there is none.
    virtual std::optional<std::string> rowIdAt(std::int64_t seq) = 0;
    /// The first `count` entries after `start` that `scope` may see, in order, and perhaps
    /// some it may not.
    virtual std::vector<ChangeEntry> entries(const Scope &scope, std::int64_t start, int count) = 0;
    /// The office-owned row now, or nothing (deleted, or not office-owned).
    virtual std::optional<OfficeRow> row(std::string_view type, const std::string &id) = 0;
    /// True when the log holds a change of this row after `seq`.
    virtual bool changedAfter(const std::string &type, const std::string &rowId,
                              std::int64_t seq) = 0;
};

/// The page of at most `limit` items after `from` for `scope`, whose account is at scope
/// epoch `epoch`, on a log whose newest entry is `maxSeq`: its items, tombstones, `more`,
/// `reset` and cursor (the rest of PullPage is the store's).
PullPage pullPage(PullReads &reads, const Scope &scope, std::int64_t epoch, std::int64_t maxSeq,
                  const std::optional<PullCursor> &from, int limit);

} // namespace fp
