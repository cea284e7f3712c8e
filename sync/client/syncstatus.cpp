#include "syncstatus.h"

#include "device/outboxquery.h"
#include "rejectionlog.h"
#include "syncsettings.h"

namespace fp {

SyncStatus readSyncStatus(DeviceStore &store)
{
    SyncStatus s;
    if (const auto e = loadEnrolment(store)) {
        s.enrolled = true;
        s.server_url = e->server_url;
        s.username = e->username;
        s.device_id = e->device_id;
    }
    const PendingSize pending = store.pendingSize();
    s.pending_items = pending.items;
    s.pending_bytes = pending.payload_bytes + pending.blob_bytes;
    s.pending_files = pending.blob_count;
    s.last_sync = store.syncValue(synckey::kLastSync).value_or("");
    s.last_attempt = store.syncValue(synckey::kLastAttempt).value_or("");
    s.last_outcome = store.syncValue(synckey::kLastOutcome).value_or("");
    s.cursor = store.syncValue(synckey::kCursor).value_or("");
    s.rejected = RejectionLog::load(store).list();
    return s;
}

} // namespace fp
