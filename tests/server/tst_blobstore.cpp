// The office's blob store on a folder (FolderBlobStore): the BlobStore contract
// (blobstorecontract.h: resumable partial uploads, a wrong hash refused with nothing visible,
// the upload lock between stores and requests), and what only the folder does: the fan-out
// layout blobs/ab/<id>, lock files that go with their locks, and a lock that dies with its
// holder (a child process SIGKILLed while holding it, issue 18 item 1).

#include "blobstorecontract.h"
#include "core/sha256.h"
#include "server/blobs/blobstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <filesystem>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace fp;
using namespace fp::test;

class TestFolderBlobStore : public BlobStoreContract
{
    Q_OBJECT

  protected:
    void makeEmptyPlace() override
    {
        m_dir = std::make_unique<QTemporaryDir>();
        std::filesystem::create_directories(tmpDir());
    }
    std::unique_ptr<BlobStore> openStore() override { return openFolder(); }

  private slots:
    void aWholeBlobIsAFileInItsFanOutFolder();
    void theLockFilesGoWithTheirLocks();
    void aLockDiesWithItsHolder();

  private:
    std::unique_ptr<FolderBlobStore> openFolder() const
    {
        return std::make_unique<FolderBlobStore>(blobsDir(), tmpDir());
    }
    std::string blobsDir() const { return m_dir->path().toStdString() + "/blobs"; }
    std::string tmpDir() const { return m_dir->path().toStdString() + "/tmp"; }

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestFolderBlobStore::aWholeBlobIsAFileInItsFanOutFolder()
{
    const auto folder = openFolder();
    const std::string bytes = randomBlobBytes(70'000, 11);
    const std::string id = sha256Hex(bytes);
    auto w = folder->openPartial(id, true);
    w->write(bytes.data(), bytes.size());
    w->sync();
    QVERIFY(std::filesystem::exists(tmpDir() + "/" + id + ".part"));
    QVERIFY(folder->commit(id, w->digest()));
    const std::filesystem::path file = blobsDir() + "/" + id.substr(0, 2) + "/" + id;
    QVERIFY(folder->wholePath(id) == file);
    QCOMPARE(sha256File(file), id);
    QVERIFY(!std::filesystem::exists(tmpDir() + "/" + id + ".part"));
}

void TestFolderBlobStore::theLockFilesGoWithTheirLocks()
{
    const std::string id = sha256Hex("blob");
    auto held = store().tryLock(id);
    QVERIFY(held);
    QVERIFY(std::filesystem::exists(tmpDir() + "/" + id + ".lock"));
    held.reset();
    QVERIFY(!std::filesystem::exists(tmpDir() + "/" + id + ".lock"));
}

void TestFolderBlobStore::aLockDiesWithItsHolder()
{
    const std::string id = sha256Hex("blob");
    int ready[2];
    QCOMPARE(::pipe(ready), 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) { // another server: takes the lock, says so, and is killed holding it
        ::close(ready[0]);
        FolderBlobStore other(blobsDir(), tmpDir());
        auto lock = other.tryLock(id);
        const char got = lock ? 'y' : 'n';
        [[maybe_unused]] const auto n = ::write(ready[1], &got, 1);
        for (int i = 0; i < 600; ++i) // bounded: the parent kills it long before
            ::sleep(1);
        ::_exit(0);
    }
    ::close(ready[1]);
    pollfd p{ready[0], POLLIN, 0};
    char got = 0;
    const bool told = ::poll(&p, 1, 20000) == 1 && ::read(ready[0], &got, 1) == 1;
    ::close(ready[0]);
    const bool blocked = store().tryLock(id) == nullptr;
    ::kill(child, SIGKILL);
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    QVERIFY(told);
    QCOMPARE(got, 'y');
    QVERIFY(blocked); // held by the other process
    // The killed holder's lock is gone with it: taken at once (its lock file stays).
    QVERIFY(store().lockWithin(id, std::chrono::milliseconds(2000)));
}

QTEST_GUILESS_MAIN(TestFolderBlobStore)
#include "tst_blobstore.moc"
