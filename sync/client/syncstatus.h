#pragma once
// What `fieldproof-sync status` and the app's sync screen show: enrolment, what is pending,
// when the last sync ran and how it ended, and what the office rejected.

#include "device/devicestore.h"
#include "syncreport.h"

#include <string>
#include <vector>

namespace fp {

struct SyncStatus
{
    bool enrolled = false;
    std::string server_url;
    std::string username;
    std::string device_id;
    std::int64_t pending_items = 0;
    std::int64_t pending_bytes = 0; // item payloads plus the files they reference
    std::int64_t pending_files = 0;
    std::string last_sync;    // last complete sync, empty if never
    std::string last_attempt; // last run, complete or not
    std::string last_outcome;
    std::string cursor;
    std::vector<RejectedItem> rejected;
};

SyncStatus readSyncStatus(DeviceStore &store);

} // namespace fp
