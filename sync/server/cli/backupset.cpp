#include "server/cli/backupset.h"

#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "fs/pendingfile.h"
#include "server/storage/officeepoch.h"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace fp {

namespace fs = std::filesystem;

namespace {

struct ManifestEntry
{
    std::string path; // relative, '/'-separated
    std::int64_t size = 0;
    std::string sha256;
};

bool isEmptyDir(const fs::path &dir)
{
    std::error_code ec;
    return !fs::exists(dir, ec) || fs::is_empty(dir, ec);
}

void makeDirs(const fs::path &dir)
{
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw Error("cannot create " + dir.string() + ": " + ec.message());
}

void copyFile(const fs::path &from, const fs::path &to)
{
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::none, ec);
    if (ec)
        throw Error("cannot copy " + from.string() + " to " + to.string() + ": " + ec.message());
}

ManifestEntry entryFor(const fs::path &root, const std::string &relative)
{
    const fs::path file = root / relative;
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec)
        throw Error("cannot read " + file.string() + ": " + ec.message());
    return ManifestEntry{relative, std::int64_t(size), sha256File(file)};
}

/// Every whole blob under `blobs`, as "blobs/ab/abcd..." paths.
std::vector<std::string> blobPaths(const fs::path &blobs)
{
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::exists(blobs, ec))
        return out;
    for (fs::recursive_directory_iterator it(blobs, ec), end; it != end && !ec; it.increment(ec)) {
        if (!it->is_regular_file())
            continue;
        const std::string name = it->path().filename().string();
        if (!isSha256Hex(name))
            continue; // not a blob (no such files are made; a stray copy is not backed up)
        out.push_back("blobs/" + name.substr(0, 2) + "/" + name);
    }
    if (ec)
        throw Error("cannot list " + blobs.string() + ": " + ec.message());
    return out;
}

/// Makes everything written below `dir` durable (one syncfs for the folder's filesystem).
void syncFolder(const fs::path &dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        throw Error("cannot open " + dir.string() + " to sync it");
    const int rc = ::syncfs(fd);
    ::close(fd);
    if (rc != 0)
        throw Error("cannot sync " + dir.string() + " to disk");
}

std::vector<ManifestEntry> readManifest(const fs::path &from)
{
    const fs::path file = from / kBackupManifest;
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw Error(file.string() + " is missing: this is no complete FieldProof backup");
    std::stringstream text;
    text << in.rdbuf();
    Json j;
    try {
        j = parseJson(text.str());
    } catch (const std::exception &e) {
        throw Error(file.string() + " is not JSON: " + e.what());
    }
    if (!j.is_object() || j.value("format", "") != kBackupFormat || !j.contains("files") ||
        !j["files"].is_array())
        throw Error(file.string() + " is not a manifest of format " + kBackupFormat);
    std::vector<ManifestEntry> out;
    for (const Json &f : j["files"]) {
        if (!f.is_object() || !f.contains("path") || !f["path"].is_string() ||
            !f.contains("size") || !f["size"].is_number_integer() || !f.contains("sha256") ||
            !f["sha256"].is_string())
            throw Error(file.string() + ": every file needs a path, a size and a sha256");
        ManifestEntry e{f["path"].get<std::string>(), f["size"].get<std::int64_t>(),
                        f["sha256"].get<std::string>()};
        if (e.path.empty() || e.path.front() == '/' || e.path.find("..") != std::string::npos)
            throw Error(file.string() + ": the path '" + e.path + "' leaves the backup");
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

BackupCounts backupDataDir(const DataDir &data, const fs::path &dest, const std::string &createdAt)
{
    if (!fs::exists(data.database()))
        throw Error(data.database().string() + " does not exist: no office data to back up");
    if (!isEmptyDir(dest))
        throw Error(dest.string() + " is not empty; back up into a new or empty folder");
    makeDirs(dest);
    std::vector<ManifestEntry> entries;
    BackupCounts counts;
    snapshotDatabase(data.database(), dest / "office.db");
    entries.push_back(entryFor(dest, "office.db"));
    if (fs::exists(data.officeKey())) {
        copyFile(data.officeKey(), dest / "office.key");
        fs::permissions(dest / "office.key", fs::perms::owner_read | fs::perms::owner_write);
        entries.push_back(entryFor(dest, "office.key"));
    }
    // After the snapshot: every blob its rows name is whole by now (a blob becomes visible
    // before the item naming it is stored); blobs stored since come along, unreferenced.
    for (const std::string &relative : blobPaths(data.blobs())) {
        makeDirs((dest / relative).parent_path());
        copyFile(data.root / relative, dest / relative);
        ManifestEntry e = entryFor(dest, relative);
        if (e.sha256 != fs::path(relative).filename().string())
            throw Error("the blob " + (data.root / relative).string() +
                        " does not hash to its name: run the backup again, and check the disk");
        entries.push_back(std::move(e));
        ++counts.blobs;
    }
    Json files = Json::array();
    for (const ManifestEntry &e : entries) {
        files.push_back(Json{{"path", e.path}, {"size", e.size}, {"sha256", e.sha256}});
        counts.bytes += e.size;
    }
    counts.files = std::int64_t(entries.size());
    syncFolder(dest);
    writeFileAtomically(
        dest / kBackupManifest,
        Json{{"format", kBackupFormat}, {"created_at", createdAt}, {"files", files}}.dump(1) +
            "\n");
    return counts;
}

std::optional<std::string> verifyBackup(const fs::path &from)
{
    std::vector<ManifestEntry> entries;
    try {
        entries = readManifest(from);
    } catch (const Error &e) {
        return std::string(e.what());
    }
    bool database = false;
    for (const ManifestEntry &e : entries) {
        const fs::path file = from / e.path;
        std::error_code ec;
        const auto size = fs::file_size(file, ec);
        if (ec)
            return e.path + " is missing from the backup (" + ec.message() + ")";
        if (std::int64_t(size) != e.size)
            return e.path + " has " + std::to_string(size) + " bytes, the manifest says " +
                   std::to_string(e.size);
        const std::string hash = sha256File(file);
        if (hash != e.sha256)
            return e.path + " hashes to " + hash + ", the manifest says " + e.sha256;
        if (e.path.starts_with("blobs/") && hash != fs::path(e.path).filename().string())
            return e.path + " hashes to " + hash + ", not to its name";
        database = database || e.path == "office.db";
    }
    if (!database)
        return std::string("the manifest names no office.db");
    return std::nullopt;
}

BackupCounts restoreDataDir(const fs::path &from, const DataDir &data, bool force)
{
    if (const auto problem = verifyBackup(from))
        throw Error("the backup in " + from.string() + " does not verify: " + *problem);
    if (!isEmptyDir(data.root)) {
        if (!force)
            throw Error(data.root.string() +
                        " is not empty; restore into an empty folder, or add --force to replace "
                        "the office data in it");
        for (const fs::path &p : {data.database(), fs::path(data.database().string() + "-wal"),
                                  fs::path(data.database().string() + "-shm"),
                                  fs::path(data.database().string() + "-journal"), data.officeKey(),
                                  data.blobs(), data.tmp(), data.thumbs()}) {
            std::error_code ec;
            fs::remove_all(p, ec);
            if (ec)
                throw Error("cannot remove " + p.string() + ": " + ec.message());
        }
    }
    data.create();
    BackupCounts counts;
    for (const ManifestEntry &e : readManifest(from)) {
        const fs::path target = data.root / e.path;
        makeDirs(target.parent_path());
        copyFile(from / e.path, target);
        if (e.path == "office.key")
            fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
        ++counts.files;
        counts.bytes += e.size;
        if (e.path.starts_with("blobs/"))
            ++counts.blobs;
    }
    syncFolder(data.root);
    return counts;
}

} // namespace fp
