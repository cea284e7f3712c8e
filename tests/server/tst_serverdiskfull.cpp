// A full disk at the office (issue 17 item 2), against the real server: a blob PUT or a push
// that cannot be written answers 507 with a JSON body, nothing half-written becomes visible,
// reads keep working, and once space returns the same upload and push complete.
//
// Two ways. Injected, everywhere: the test lowers the running server's RLIMIT_FSIZE to 0 with
// prlimit(2), so every write() of the server to a regular file fails with EFBIG (the server
// ignores SIGXFSZ) — its blob files and SQLite's WAL alike, as on a disk with no free block;
// reads are not limited. Real, where the test may mount (root with CAP_SYS_ADMIN, as in CI's
// container): the office's data directory is a 24 MiB tmpfs that the test fills with a file
// until write() says ENOSPC; otherwise that test is skipped and says so.
// docs/reliability.md says what each covers.

#include "apifixture.h"
#include "core/sha256.h"
#include "protocol/blobpath.h"
#include "testdata.h"
#include "testimages.h"

#include <QtTest>

#include <sys/mount.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace fp;
using namespace fp::test;

namespace {

/// Sets the soft file-size limit of process `pid` (the hard limit stays as it is).
bool setFileSizeLimit(qint64 pid, rlim_t soft)
{
    rlimit now{};
    if (::prlimit(pid_t(pid), RLIMIT_FSIZE, nullptr, &now) != 0)
        return false;
    const rlimit wanted{soft, now.rlim_max};
    return ::prlimit(pid_t(pid), RLIMIT_FSIZE, &wanted, nullptr) == 0;
}

/// Fills the file system of `dir` with one file until a write fails with ENOSPC; true when it
/// did (bounded by `limit` bytes).
bool fillUp(const std::filesystem::path &file, std::int64_t limit)
{
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    const std::string chunk(std::size_t{64} * 1024, 'f');
    bool full = false;
    for (std::int64_t written = 0; written <= limit;) {
        const ssize_t n = ::write(fd, chunk.data(), chunk.size());
        if (n < 0) {
            full = errno == ENOSPC;
            break;
        }
        written += n;
    }
    ::close(fd);
    return full;
}

/// Drafts with 4 KB of notes each: a push that needs new space in SQLite's WAL.
std::string bigPush(const EnrolledDevice &device, const std::string &enterprise,
                    const std::string &item, int count)
{
    std::vector<Json> items;
    for (int i = 0; i < count; ++i) {
        auto draft = draftBundle(enterprise, item);
        draft.inspection.notes = std::string(4000, 'n');
        items.push_back(pushItem(draft, 1));
    }
    return pushBody(device.id, items);
}

} // namespace

class TestServerDiskFull : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void fullDiskRefusesWritesAndKeepsReading();
    void realFullTmpfs();
    void cleanupTestCase();

  private:
    ApiFixture m_office;
};

void TestServerDiskFull::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
}

void TestServerDiskFull::fullDiskRefusesWritesAndKeepsReading()
{
    const auto zhang = m_office.enroll("zhang");
    HttpClient http(m_office.baseUrl());
    http.setToken(zhang.token);
    const std::string tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    const std::string item = m_office.equipmentOf(tiancheng).front();

    // Held before the disk filled up: a photo of the cleared site.
    const std::string held = test::jpegOf(test::photoLike(64, 48, 3));
    QCOMPARE(http.put("/api/v1/blobs/" + sha256Hex(held), held).status, 201L);
    // Uploaded only after: a second photo, 300 kB.
    const std::string later = test::jpegOf(test::photoLike(640, 480, 4)) + std::string(300000, 'x');
    const std::string laterPath = "/api/v1/blobs/" + sha256Hex(later);
    const auto visit =
        finalDismantledBundle(tiancheng, item, sha256Hex(held), std::int64_t(held.size()));
    const std::string push = pushBody(zhang.id, {pushItem(visit, 1)});

    QVERIFY(setFileSizeLimit(m_office.server().pid(), 0));

    const auto put = http.put(laterPath, later);
    QCOMPARE(put.status, 507L);
    QCOMPARE(put.json().value("error", ""), "insufficient_storage");
    QVERIFY(!put.json().value("message", "").empty());
    const auto pushed = http.postJson("/api/v1/sync/push", push);
    QCOMPARE(pushed.status, 507L);
    QCOMPARE(pushed.json().value("error", ""), "insufficient_storage");

    // Nothing half-written is visible: no blob, no inspection, no review, no log leaf.
    const auto head = http.head(laterPath);
    QCOMPARE(head.status, 404L);
    QVERIFY(!std::filesystem::exists(m_office.blobFile(sha256Hex(later))));
    {
        auto db = m_office.officeDb();
        QCOMPARE(scalar(*db, "SELECT COUNT(*) FROM inspection"), 0);
        QCOMPARE(scalar(*db, "SELECT COUNT(*) FROM review"), 0);
    }
    // Reads keep working: pull and HEAD.
    const auto pull = http.get("/api/v1/sync/pull");
    QCOMPARE(pull.status, 200L);
    QVERIFY(!pull.json()["items"].empty());
    QCOMPARE(http.head("/api/v1/blobs/" + sha256Hex(held)).status, 200L);
    // (The server's "storage full" log lines are lost here: its stderr is a file in this test,
    // and that file cannot grow either.)

    // Space returns: the same upload and push complete, once.
    QVERIFY(setFileSizeLimit(m_office.server().pid(), RLIM_INFINITY));
    QCOMPARE(http.put(laterPath, later).status, 201L);
    const auto again = http.postJson("/api/v1/sync/push", push);
    QCOMPARE(again.status, 200L);
    QCOMPARE(firstResultField("status", again), "stored");
    QCOMPARE(http.head(laterPath).status, 200L);
    auto db = m_office.officeDb();
    QCOMPARE(scalar(*db, "SELECT COUNT(*) FROM inspection"), 1);
    QCOMPARE(scalar(*db, "SELECT COUNT(*) FROM review"), 1);
}

void TestServerDiskFull::realFullTmpfs()
{
    constexpr std::int64_t kSize = 24 << 20;
    ApiFixture office;
    const std::string data = office.dataDir().toStdString();
    std::filesystem::create_directories(data);
    if (::mount("fieldproof-test", data.c_str(), "tmpfs", MS_NOSUID | MS_NODEV,
                ("size=" + std::to_string(kSize) + ",mode=0700").c_str()) != 0)
        QSKIP(qPrintable(QString("no tmpfs can be mounted here (%1); the injected full disk of "
                                 "the other test stands in")
                             .arg(std::strerror(errno))));
    // Destroyed before `office`: the server stops, then the file system goes.
    struct Unmount
    {
        ApiFixture &office;
        std::string path;
        ~Unmount()
        {
            office.server().stop();
            ::umount2(path.c_str(), MNT_DETACH);
        }
    } unmount{office, data};
    QVERIFY2(office.setUp(), qPrintable(office.error()));

    const auto zhang = office.enroll("zhang");
    HttpClient http(office.baseUrl());
    http.setToken(zhang.token);
    const std::string tiancheng = office.enterpriseId(ApiFixture::kTianchengCode);
    const std::string item = office.equipmentOf(tiancheng).front();
    const std::string photo = test::jpegOf(test::photoLike(640, 480, 5)) + std::string(300000, 'y');
    const std::string photoPath = "/api/v1/blobs/" + sha256Hex(photo);
    const std::string push = bigPush(zhang, tiancheng, item, 300);

    const std::filesystem::path filler = std::filesystem::path(data) / "filler";
    QVERIFY2(fillUp(filler, kSize), "the tmpfs did not fill up");

    const auto put = http.put(photoPath, photo);
    QCOMPARE(put.status, 507L);
    QCOMPARE(put.json().value("error", ""), "insufficient_storage");
    const auto pushed = http.postJson("/api/v1/sync/push", push);
    QCOMPARE(pushed.status, 507L);
    QCOMPARE(pushed.json().value("error", ""), "insufficient_storage");
    QCOMPARE(http.head(photoPath).status, 404L);
    QVERIFY(!std::filesystem::exists(office.blobFile(sha256Hex(photo))));
    QCOMPARE(http.get("/api/v1/sync/pull").status, 200L);
    {
        auto db = office.officeDb();
        QCOMPARE(scalar(*db, "SELECT COUNT(*) FROM inspection"), 0);
    }
    QVERIFY(office.server().log().contains("storage full"));

    // Space returns.
    std::filesystem::remove(filler);
    QCOMPARE(http.put(photoPath, photo).status, 201L);
    const auto again = http.postJson("/api/v1/sync/push", push);
    QCOMPARE(again.status, 200L);
    QCOMPARE(firstResultField("status", again), "stored");
    auto db = office.officeDb();
    QCOMPARE(scalar(*db, "SELECT COUNT(*) FROM inspection"), 300);
}

void TestServerDiskFull::cleanupTestCase()
{
    // The office's own check of what it holds (log verify reads the database and the log).
    const auto verify = m_office.cli({"log", "verify"});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
}

QTEST_GUILESS_MAIN(TestServerDiskFull)
#include "tst_serverdiskfull.moc"
