// DeviceStore: the files kept for the office's backup (issue 17). A tablet keeps every file of
// its evidence until the office has acknowledged the inspection that names it and the office's
// last verified backup holds that inspection's statement; then it may free the file. The pull
// tells how far that backup reaches (docs/protocol.md §3, "The backup").

#include "core/json.h"
#include "device/devicestore.h"

#include <algorithm>
#include <map>
#include <system_error>

namespace fp {

namespace {

constexpr const char *kBackupKey = "office_backup"; // sync_state: BackupReachState as JSON

/// Every file an inspection names (photos, and the signatures of opinions), each with whether
/// it is releasable: every inspection naming it is final, acknowledged (no outbox row) and
/// signed by `reach.device_id` at a seq the backup holds.
std::map<std::string, bool> classifyFiles(Database &db, const BackupReachState &reach)
{
    Statement s(db, R"sql(
WITH covered AS (
  SELECT i.id FROM inspections i JOIN statements st ON st.inspection_id = i.id
  WHERE i.state = 'final' AND st.device_id = ?1 AND st.seq <= ?2
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.item_type = 'inspection' AND o.item_id = i.id)),
refs AS (
  SELECT sha256, inspection_id FROM photos
  UNION ALL
  SELECT json_extract(value, '$.sha256'), op.inspection_id FROM opinions op,
         json_each(op.signatures))
SELECT sha256, min(inspection_id IN (SELECT id FROM covered)) FROM refs
WHERE sha256 IS NOT NULL GROUP BY sha256)sql");
    s.bind(1, reach.device_id).bind(2, reach.through_seq);
    std::map<std::string, bool> out;
    while (s.step())
        out.emplace(s.text(0), s.integer(1) != 0);
    return out;
}

std::int64_t sizeOf(const std::filesystem::path &file)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    return ec ? -1 : std::int64_t(size);
}

} // namespace

void DeviceStore::setBackupReach(const BackupReachState &reach)
{
    const Json value{{"device_id", reach.device_id},
                     {"through_seq", reach.through_seq},
                     {"taken_at", reach.taken_at}};
    setSyncValue(kBackupKey, value.dump());
}

BackupReachState DeviceStore::backupReach()
{
    BackupReachState reach;
    const Json value = Json::parse(syncValue(kBackupKey).value_or(""), nullptr, false);
    if (!value.is_object())
        return reach;
    reach.device_id = value.value("device_id", "");
    reach.through_seq = value.value("through_seq", std::int64_t{0});
    reach.taken_at = value.value("taken_at", "");
    return reach;
}

StorageUse DeviceStore::storageUse()
{
    StorageUse use;
    for (const char *suffix : {"", "-wal", "-shm"})
        use.database_bytes += std::max<std::int64_t>(0, sizeOf(m_file.string() + suffix));
    for (const std::string &sha : m_photos.list()) {
        const std::int64_t size = sizeOf(m_photos.pathOf(sha));
        if (size < 0)
            continue;
        use.file_bytes += size;
        ++use.file_count;
    }
    const std::map<std::string, bool> files = classifyFiles(m_db, backupReach());
    Statement released(m_db, "SELECT sha256, size FROM released_files");
    while (released.step()) {
        if (m_photos.contains(released.text(0)))
            continue; // stored again since
        ++use.released_files;
        use.released_bytes += released.integer(1);
    }
    for (const auto &[sha, releasable] : files) {
        const std::int64_t size = sizeOf(m_photos.pathOf(sha));
        if (size < 0)
            continue; // freed, or missing
        (releasable ? use.releasable_bytes : use.waiting_bytes) += size;
        ++(releasable ? use.releasable_files : use.waiting_files);
    }
    return use;
}

ReleaseCounts DeviceStore::releaseBackedUpFiles()
{
    std::vector<std::pair<std::string, std::int64_t>> freed;
    {
        // The record first: a kill before the delete leaves a file that is simply still there.
        Transaction tx(m_db);
        const std::string now = formatTimestamp(m_clock.now());
        Statement record(m_db, "INSERT OR REPLACE INTO released_files (sha256, size, released_at) "
                               "VALUES (?, ?, ?)");
        for (const auto &[sha, releasable] : classifyFiles(m_db, backupReach())) {
            const std::int64_t size = releasable ? sizeOf(m_photos.pathOf(sha)) : -1;
            if (size < 0)
                continue;
            record.reset();
            record.bind(1, sha).bind(2, size).bind(3, now).exec();
            freed.emplace_back(sha, size);
        }
        tx.commit();
    }
    ReleaseCounts counts;
    for (const auto &[sha, size] : freed) {
        std::error_code ec;
        std::filesystem::remove(m_photos.pathOf(sha), ec);
        if (ec)
            continue;
        ++counts.files;
        counts.bytes += size;
    }
    return counts;
}

bool DeviceStore::isReleased(const std::string &sha256)
{
    Statement s(m_db, "SELECT 1 FROM released_files WHERE sha256 = ?");
    return s.bind(1, sha256).step() && !m_photos.contains(sha256);
}

} // namespace fp
