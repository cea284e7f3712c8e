#include "epochwatch.h"

#include "logcheck.h"

namespace fp {

EpochChange noteOfficeEpoch(DeviceStore &store, const std::optional<std::string> &epoch)
{
    EpochChange change;
    if (!epoch || epoch->empty())
        return change;
    const std::string saved = store.syncValue(synckey::kOfficeEpoch).value_or("");
    if (saved == *epoch)
        return change;
    store.inTransaction([&] {
        if (!saved.empty()) {
            change.changed = true;
            change.reoffered = store.reofferAcknowledgedFinals();
            change.log_head_dropped = !store.syncValue(synckey::kLogHead).value_or("").empty();
            store.setSyncValue(synckey::kLogHead, "");
        }
        store.setSyncValue(synckey::kOfficeEpoch, *epoch);
    });
    return change;
}

std::int64_t noteBackupReach(DeviceStore &store, const std::string &deviceId,
                             const std::optional<BackupReach> &backup)
{
    BackupReachState reach;
    if (backup) {
        reach.device_id = deviceId;
        reach.through_seq = backup->through_seq;
        reach.taken_at = backup->taken_at;
    }
    const BackupReachState saved = store.backupReach();
    if (saved.device_id != reach.device_id || saved.through_seq != reach.through_seq ||
        saved.taken_at != reach.taken_at)
        store.setBackupReach(reach);
    return reach.through_seq;
}

} // namespace fp
