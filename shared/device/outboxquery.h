#pragma once
// Reading the outbox the way a sync walks it: in pages that stay put while rows are removed
// behind the reader (keyset paging), and the size of everything still to send. DeviceStore
// answers these through its members; the functions here run on its connection.

#include "db/database.h"
#include "device/photostore.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

/// One pending change for the office: the latest state of one inspection, whole.
struct OutboxItem
{
    std::string type; // "inspection"
    std::string id;
    std::int64_t version = 0;
    std::string payload; // InspectionBundle as JSON
    std::string queued_at;
    /// Final inspections: the signed statement (canonical JSON) and its signature (hex).
    std::optional<std::string> statement{};
    std::optional<std::string> signature{};
};

/// Where a walk through the outbox stands: the last row read, in (queued_at, type, id) order.
struct OutboxKey
{
    std::string queued_at;
    std::string type;
    std::string id;
};

/// What a sync still has to deliver.
struct PendingSize
{
    std::int64_t items = 0;
    std::int64_t payload_bytes = 0;
    std::int64_t blob_count = 0; // distinct photo and signature files the items reference
    std::int64_t blob_bytes = 0; // their sizes (the office may already hold some of them)
};

namespace queries {

/// Up to `limit` pending rows after `after` (from the start when empty), oldest first. Rows
/// acknowledged meanwhile are simply gone; a row changed meanwhile moves to the end.
/// The start of every query that reads OutboxItems: outbox rows `o` with their statements.
inline constexpr const char *kOutboxSelect =
    "SELECT o.item_type, o.item_id, o.version, o.payload, o.queued_at, s.statement, s.signature "
    "FROM outbox o LEFT JOIN statements s ON o.item_type = 'inspection' AND "
    "s.inspection_id = o.item_id AND s.inspection_version = o.version ";
/// The current row of a kOutboxSelect query.
OutboxItem outboxItem(const Statement &row);

std::vector<OutboxItem> pendingOutboxAfter(Database &db, const std::optional<OutboxKey> &after,
                                           int limit);

PendingSize pendingSize(Database &db, const PhotoStore &blobs);

} // namespace queries

} // namespace fp
