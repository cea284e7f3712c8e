#include "device/outboxquery.h"

#include <set>
#include <system_error>

namespace fp::queries {

std::vector<OutboxItem> pendingOutboxAfter(Database &db, const std::optional<OutboxKey> &after,
                                           int limit)
{
    // Row-value comparison keeps the order total even when two rows share a queued_at.
    Statement s(db, std::string(kOutboxSelect) +
                        "WHERE ?1 IS NULL OR (o.queued_at, o.item_type, o.item_id) > (?2, ?3, ?1) "
                        "ORDER BY o.queued_at, o.item_type, o.item_id LIMIT ?4");
    if (after)
        s.bind(1, after->id).bind(2, after->queued_at).bind(3, after->type);
    else
        s.bindNull(1).bindNull(2).bindNull(3);
    s.bind(4, limit);
    std::vector<OutboxItem> out;
    while (s.step())
        out.push_back(outboxItem(s));
    return out;
}

OutboxItem outboxItem(const Statement &row)
{
    OutboxItem item{row.text(0), row.text(1), row.integer(2), row.text(3), row.text(4)};
    if (!row.isNull(5)) {
        item.statement = row.text(5);
        item.signature = row.text(6);
    }
    return item;
}

PendingSize pendingSize(Database &db, const PhotoStore &blobs)
{
    PendingSize size;
    Statement totals(db, "SELECT count(*), COALESCE(sum(length(CAST(payload AS BLOB))), 0) "
                         "FROM outbox");
    totals.step();
    size.items = totals.integer(0);
    size.payload_bytes = totals.integer(1);

    std::set<std::string> seen;
    Statement photos(db, "SELECT DISTINCT p.sha256, p.size FROM photos p JOIN outbox o ON "
                         "o.item_type = 'inspection' AND o.item_id = p.inspection_id");
    while (photos.step()) {
        if (seen.insert(photos.text(0)).second)
            size.blob_bytes += photos.integer(1);
    }
    // Signatures have no size column: their files tell.
    Statement signatures(db, "SELECT DISTINCT json_extract(s.value, '$.sha256') FROM opinions op "
                             "JOIN outbox o ON o.item_type = 'inspection' AND o.item_id = "
                             "op.inspection_id, json_each(op.signatures) s");
    while (signatures.step()) {
        const std::string sha = signatures.text(0);
        if (!seen.insert(sha).second)
            continue;
        std::error_code ec;
        const auto bytes = std::filesystem::file_size(blobs.pathOf(sha), ec);
        if (!ec)
            size.blob_bytes += static_cast<std::int64_t>(bytes);
    }
    size.blob_count = static_cast<std::int64_t>(seen.size());
    return size;
}

} // namespace fp::queries
