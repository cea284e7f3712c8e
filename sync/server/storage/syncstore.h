#pragma once
// What the devices' sync reads and writes: the pull feed and the pushed revisions.

#include "protocol/pullpage.h"
#include "protocol/push.h"
#include "server/domain/officerecords.h"

#include <optional>
#include <vector>

namespace fp {

class SyncStore
{
  public:
    virtual ~SyncStore() = default;

    /// The next page of changes `user` may see after `from` (nothing: from the start).
    virtual PullPage pull(const UserAccount &user, const std::optional<PullCursor> &from,
                          int limit) = 0;
    /// Decides and applies each pushed revision in order (pushrules.h), records every item for
    /// audit, and creates the review of each final inspection stored. One transaction for the
    /// batch; one result per candidate.
    virtual std::vector<PushResult> applyPush(const Principal &by,
                                              const std::vector<PushCandidate> &batch) = 0;
    /// Every device's statement chain: what is held, what is missing, gaps and forks noticed.
    virtual std::vector<DeviceChain> chainReport() = 0;
    /// How far the office's last verified backup of this epoch reaches for `deviceId` (the
    /// pull's `backup`, docs/protocol.md §3); nothing when no such backup holds its statements.
    virtual std::optional<BackupReach> backupReach(const std::string &deviceId) = 0;
};

} // namespace fp
