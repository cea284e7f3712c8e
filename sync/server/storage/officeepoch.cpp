#include "server/storage/officeepoch.h"

#include "core/json.h"

#include <openssl/rand.h>
#include <sqlite3.h>

#include <array>
#include <memory>

namespace fp {

std::string newEpochId()
{
    std::array<unsigned char, 16> bytes{};
    if (RAND_bytes(bytes.data(), int(bytes.size())) != 1)
        throw Error("the operating system's random source failed; no epoch id was made");
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * bytes.size());
    for (const unsigned char b : bytes) {
        out.push_back(kHex[b >> 4]);
        out.push_back(kHex[b & 0x0f]);
    }
    return out;
}

std::string readEpoch(Database &db)
{
    Statement s(db, "SELECT value FROM office_meta WHERE key = 'epoch'");
    if (!s.step())
        throw StoreError("the office database has no epoch (office_meta)", SQLITE_CORRUPT);
    return s.text(0);
}

std::string renewEpoch(Database &db)
{
    std::string epoch = newEpochId();
    Statement(db, "INSERT OR REPLACE INTO office_meta (key, value) VALUES ('epoch', ?)")
        .bind(1, epoch)
        .exec();
    return epoch;
}

void snapshotDatabase(const std::filesystem::path &source, const std::filesystem::path &target)
{
    struct Close
    {
        void operator()(sqlite3 *db) const { sqlite3_close(db); }
    };
    const auto open = [](const std::filesystem::path &file, int flags) {
        sqlite3 *raw = nullptr;
        const int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
        std::unique_ptr<sqlite3, Close> db(raw);
        if (rc != SQLITE_OK)
            throw StoreError("cannot open " + file.string() + ": " +
                                 (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)),
                             rc);
        sqlite3_busy_timeout(db.get(), 10000);
        return db;
    };
    if (std::filesystem::exists(target))
        throw StoreError(target.string() + " already exists", SQLITE_CANTOPEN);
    auto from = open(source, SQLITE_OPEN_READONLY);
    auto to = open(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    sqlite3_backup *backup = sqlite3_backup_init(to.get(), "main", from.get(), "main");
    if (!backup)
        throw StoreError("cannot start the backup of " + source.string() + ": " +
                             sqlite3_errmsg(to.get()),
                         sqlite3_errcode(to.get()));
    // One step copies every page under one read transaction of the source: a consistent
    // snapshot however the serving server writes meanwhile (WAL lets it go on writing).
    int rc = SQLITE_OK;
    for (int attempt = 0; attempt < 100; ++attempt) {
        rc = sqlite3_backup_step(backup, -1);
        if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
            break;
        sqlite3_sleep(100);
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finished != SQLITE_OK)
        throw StoreError("the backup of " + source.string() +
                             " failed: " + sqlite3_errstr(rc == SQLITE_DONE ? finished : rc),
                         rc == SQLITE_DONE ? finished : rc);
    // The copy is one self-contained file: no -wal beside it to be forgotten.
    char *message = nullptr;
    const int mode =
        sqlite3_exec(to.get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, &message);
    std::unique_ptr<char, decltype(&sqlite3_free)> owned(message, &sqlite3_free);
    if (mode != SQLITE_OK)
        throw StoreError("the backup copy " + target.string() + " cannot leave WAL mode", mode);
}

VerifiedBackup readBackupReach(const std::filesystem::path &snapshot, std::string takenAt)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(snapshot.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, &sqlite3_close);
    if (rc != SQLITE_OK)
        throw StoreError("cannot open the backup's database " + snapshot.string() + ": " +
                             (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)),
                         rc);
    const auto query = [&](const char *sql, const auto &row) {
        sqlite3_stmt *raw_stmt = nullptr;
        int code = sqlite3_prepare_v2(db.get(), sql, -1, &raw_stmt, nullptr);
        std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> stmt(raw_stmt,
                                                                        &sqlite3_finalize);
        if (code == SQLITE_OK) {
            while ((code = sqlite3_step(stmt.get())) == SQLITE_ROW)
                row(stmt.get());
        }
        if (code != SQLITE_DONE)
            throw StoreError("cannot read the backup's database " + snapshot.string() + ": " +
                                 sqlite3_errmsg(db.get()),
                             code);
    };
    const auto text = [](sqlite3_stmt *s, int column) {
        const auto *p = sqlite3_column_text(s, column);
        return p ? std::string(reinterpret_cast<const char *>(p)) : std::string();
    };
    VerifiedBackup backup;
    backup.taken_at = std::move(takenAt);
    query("SELECT value FROM office_meta WHERE key = 'epoch'",
          [&](sqlite3_stmt *s) { backup.epoch = text(s, 0); });
    // A chain's prefix without a gap: a device frees nothing past a statement the backup lacks
    // (a chain gap is stored, docs/protocol.md §7.5, so the greatest seq is not enough).
    std::string device;
    std::int64_t next = 1;
    query("SELECT device_id, seq FROM device_statement ORDER BY device_id, seq",
          [&](sqlite3_stmt *s) {
              std::string id = text(s, 0);
              if (id != device) {
                  device = std::move(id);
                  next = 1;
              }
              if (sqlite3_column_int64(s, 1) == next) {
                  backup.through_seq[device] = next;
                  ++next;
              }
          });
    return backup;
}

void recordVerifiedBackup(Database &db, const VerifiedBackup &backup)
{
    const Json value{{"epoch", backup.epoch},
                     {"taken_at", backup.taken_at},
                     {"through_seq", backup.through_seq}};
    Statement(db, "INSERT OR REPLACE INTO office_meta (key, value) VALUES ('verified_backup', ?)")
        .bind(1, value.dump())
        .exec();
}

std::optional<BackupReach> backupReachOf(Database &db, const std::string &epoch,
                                         const std::string &deviceId)
{
    Statement s(db, "SELECT value FROM office_meta WHERE key = 'verified_backup'");
    if (!s.step())
        return std::nullopt;
    const Json value = Json::parse(s.text(0), nullptr, false);
    if (!value.is_object() || value.value("epoch", "") != epoch)
        return std::nullopt;
    const auto seqs = value.find("through_seq");
    if (seqs == value.end() || !seqs->is_object())
        return std::nullopt;
    const auto mine = seqs->find(deviceId);
    if (mine == seqs->end() || !mine->is_number_integer() || mine->get<std::int64_t>() <= 0)
        return std::nullopt;
    return BackupReach{mine->get<std::int64_t>(), value.value("taken_at", "")};
}

} // namespace fp
