#include "server/storage/officeepoch.h"

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

} // namespace fp
