// fieldproof-sync status: what is pending and how the last sync went.

#include "client/syncstatus.h"
#include "commands.h"
#include "device/devicestore.h"

#include <cstdio>

namespace fp::cli {

int statusCommand(int argc, char **argv)
{
    const CliArgs args(argc, argv, 2, {"db", "photo-dir"}, {}, CliSyntax::Options);
    const std::string db = args.require("db");
    if (!std::filesystem::exists(db))
        throw Error("no device database at " + db);
    DeviceStore store(db, photoDirFor(db, args.value("photo-dir")));
    const SyncStatus s = readSyncStatus(store);
    if (s.enrolled)
        std::printf("server:       %s (user %s, device %s)\n", s.server_url.c_str(),
                    s.username.c_str(), s.device_id.c_str());
    else
        std::printf("server:       not enrolled (run fieldproof-sync enroll)\n");
    std::printf("pending:      %lld items, %lld bytes (%lld files)\n",
                static_cast<long long>(s.pending_items), static_cast<long long>(s.pending_bytes),
                static_cast<long long>(s.pending_files));
    std::printf("last sync:    %s\n", s.last_sync.empty() ? "never" : s.last_sync.c_str());
    if (!s.last_attempt.empty())
        std::printf("last attempt: %s: %s\n", s.last_attempt.c_str(), s.last_outcome.c_str());
    std::printf("cursor:       %s\n",
                s.cursor.empty() ? "(none: next pull starts over)" : s.cursor.c_str());
    std::printf("rejected:     %zu\n", s.rejected.size());
    for (const RejectedItem &r : s.rejected)
        std::printf("  %s %s version %lld: %s: %s\n", r.type.c_str(), r.id.c_str(),
                    static_cast<long long>(r.version), r.code.c_str(), r.reason.c_str());
    return kExitOk;
}

} // namespace fp::cli
