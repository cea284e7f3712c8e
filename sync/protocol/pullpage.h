#pragma once
// GET /api/v1/sync/pull: one page of office-owned rows changed since the device's cursor.

#include "core/json.h"
#include "protocol/logwire.h"

#include <optional>
#include <string>
#include <vector>

namespace fp {

/// A row to insert or replace on the device. `data` is the record's JSON (core/json.h) for
/// `type` (protocol/recordtype.h); for reviews `id` is the inspection's id.
struct PullItem
{
    std::string type;
    std::string id;
    Json data;
    bool operator==(const PullItem &) const = default;
};

/// A row the device must delete: deleted at the office, or no longer in the device's scope.
/// Deleting a row the device does not hold is not an error.
struct Tombstone
{
    std::string type;
    std::string id;
    bool operator==(const Tombstone &) const = default;
};

/// How far the office's last verified backup reaches for the device that pulls (docs/protocol.md
/// §3, "The backup"): its statements 1..`through_seq` are all in that backup, with every file
/// they name. A device may free the files of a final inspection the office acknowledged once
/// its statement's seq is at most `through_seq`; until then it keeps them.
struct BackupReach
{
    std::int64_t through_seq = 0;
    std::string taken_at{}; // when the backup's snapshot was taken (ISO 8601 UTC)
    bool operator==(const BackupReach &) const = default;
};

/// One page. The device applies items and tombstones and stores `cursor` in one transaction;
/// when `reset` is true it first deletes all its office-owned rows (same transaction), because
/// the server restarted the feed from zero (the user's scope changed). Pull again while `more`.
struct PullPage
{
    std::string cursor; // opaque; send it back unchanged
    bool more = false;
    bool reset = false;
    std::vector<PullItem> items;
    std::vector<Tombstone> deleted;
    /// The office log's newest signed tree head (docs/protocol.md, "The office log"); absent
    /// before the office's first logged change.
    std::optional<SignedTreeHead> tree_head{};
    /// The office database's epoch: a new one after a restore from backup (docs/protocol.md,
    /// "The pull answer"); absent from an office older than schema version 6.
    std::optional<std::string> epoch{};
    /// The office's last verified backup in this epoch, for the pulling device; absent when
    /// there is none, or it holds none of the device's statements.
    std::optional<BackupReach> backup{};
    bool operator==(const PullPage &) const = default;
};

void to_json(Json &j, const PullItem &v);
void to_json(Json &j, const Tombstone &v);
void to_json(Json &j, const BackupReach &v);
void to_json(Json &j, const PullPage &v);
template <> PullItem decode<PullItem>(const Json &j, const std::string &path);
template <> Tombstone decode<Tombstone>(const Json &j, const std::string &path);
template <> BackupReach decode<BackupReach>(const Json &j, const std::string &path);
template <> PullPage decode<PullPage>(const Json &j, const std::string &path);

} // namespace fp
