#include "server/storage/pullfeed.h"

#include "server/domain/pullcursor.h"

#include <set>
#include <utility>

namespace fp {

PullPage pullPage(PullReads &reads, const Scope &scope, std::int64_t epoch, std::int64_t maxSeq,
                  const std::optional<PullCursor> &from, int limit)
{
    PullPage page;
    std::int64_t start = 0;
    std::string startTag = "0";
    if (from) {
        // Another epoch (the scope changed), or a cursor this log cannot continue (the office
        // restored an older backup: the sequence is ahead, or was reused by other changes):
        // the device's copy cannot be patched, so start over and say so.
        std::string tagHere = "0";
        if (from->seq > 0) {
            const auto at = reads.rowIdAt(from->seq);
            tagHere = at ? pullCursorTag(*at) : std::string();
        }
        if (from->epoch == epoch && from->seq <= maxSeq && from->tag == tagHere) {
            start = from->seq;
            startTag = tagHere;
        } else {
            page.reset = true;
        }
    }

    std::vector<ChangeEntry> batch = reads.entries(scope, start, limit + 1);
    page.more = batch.size() > static_cast<std::size_t>(limit);
    if (page.more)
        batch.pop_back();

    std::set<std::pair<std::string, std::string>> tombstoned;
    for (const auto &e : batch) {
        const auto row = reads.row(e.type, e.row_id);
        const bool visibleNow = row && scope.sees(e.type, row->keys);
        if (visibleNow) {
            // Only the row's last change sends its data; earlier ones would send it again.
            if (!reads.changedAfter(e.type, e.row_id, e.seq))
                page.items.push_back(PullItem{e.type, e.row_id, row->data});
        } else if ((scope.sees(e.type, e.before) || scope.sees(e.type, e.now)) &&
                   tombstoned.emplace(e.type, e.row_id).second) {
            // Deleted, or moved out of the scope: the device may hold it, so tell it to drop it.
            page.deleted.push_back(Tombstone{e.type, e.row_id});
        }
    }
    if (!page.more && maxSeq > start) {
        // Every entry up to the head was read, those outside the scope through the index
        // that skips them: the next pull continues from the head. (On PostgreSQL sequence
        // numbers are taken in commit order, so none below the head can appear later.)
        page.cursor = formatPullCursor(
            PullCursor{epoch, maxSeq, pullCursorTag(reads.rowIdAt(maxSeq).value_or(""))});
    } else {
        page.cursor = batch.empty()
                          ? formatPullCursor(PullCursor{epoch, start, startTag})
                          : formatPullCursor(PullCursor{epoch, batch.back().seq,
                                                        pullCursorTag(batch.back().row_id)});
    }
    return page;
}

} // namespace fp
