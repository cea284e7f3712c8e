// The office's blob store on its own: buffered partial writes hashed while they arrive, the
// resumed case that must read the file again, and a mismatch that discards the upload. The
// upload lock across server processes (issue 18 item 1): two stores on one shared folder
// exclude each other, waiting is bounded, and a lock dies with its holder (a child process
// SIGKILLed while holding it).

#include "core/sha256.h"
#include "server/blobs/blobstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <QElapsedTimer>

#include <csignal>
#include <filesystem>
#include <poll.h>
#include <random>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace fp;

namespace {

std::string randomBytes(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto &c : s)
        c = static_cast<char>(rng());
    return s;
}

/// Writes `bytes` in pieces of varied sizes: tiny, 4 KiB as cpp-httplib delivers, and more
/// than the writer's 1 MiB buffer at once.
void writeInPieces(BlobStore::PartialWriter &w, const std::string &bytes)
{
    const std::size_t sizes[] = {1, 4096, 3 << 20, 777, 65536};
    std::size_t at = 0;
    for (int i = 0; at < bytes.size(); ++i) {
        const std::size_t n = std::min(sizes[i % 5], bytes.size() - at);
        w.write(bytes.data() + at, n);
        at += n;
    }
}

} // namespace

class TestBlobStore : public QObject
{
    Q_OBJECT

  private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        m_store = std::make_unique<BlobStore>(m_dir->path().toStdString() + "/blobs",
                                              m_dir->path().toStdString() + "/tmp");
        std::filesystem::create_directories(m_dir->path().toStdString() + "/tmp");
    }

    void wholeUploadIsHashedWhileWritten()
    {
        const std::string bytes = randomBytes(5'000'000, 1);
        const std::string id = sha256Hex(bytes);
        auto w = m_store->openPartial(id, true);
        writeInPieces(w, bytes);
        w.sync();
        QCOMPARE(m_store->partialSize(id), std::int64_t(bytes.size()));
        const auto digest = w.digest();
        QVERIFY(digest.has_value());
        QCOMPARE(*digest, id);
        QVERIFY(m_store->commit(id, digest));
        QCOMPARE(m_store->wholeSize(id), std::int64_t(bytes.size()));
        QCOMPARE(sha256File(m_store->wholePath(id)), id);
        QCOMPARE(m_store->partialSize(id), std::int64_t(0));
    }

    void resumedUploadIsHashedFromTheFile()
    {
        const std::string bytes = randomBytes(2'500'000, 2);
        const std::string id = sha256Hex(bytes);
        {
            auto first = m_store->openPartial(id, true);
            first.write(bytes.data(), 1'000'001);
            first.sync();
        }
        auto rest = m_store->openPartial(id, false);
        writeInPieces(rest, bytes.substr(1'000'001));
        rest.sync();
        const auto digest = rest.digest();
        QVERIFY(!digest.has_value()); // it did not see the first part
        QVERIFY(m_store->commit(id, digest));
        QCOMPARE(sha256File(m_store->wholePath(id)), id);
    }

    void mismatchDiscardsThePartial()
    {
        const std::string bytes = randomBytes(100'000, 3);
        const std::string id = sha256Hex("something else");
        auto w = m_store->openPartial(id, true);
        writeInPieces(w, bytes);
        w.sync();
        QVERIFY(!m_store->commit(id, w.digest()));
        QVERIFY(!m_store->hasWhole(id));
        QCOMPARE(m_store->partialSize(id), std::int64_t(0));
    }

    void twoStoresOnOneFolderTakeTurns()
    {
        BlobStore other(blobsDir(), tmpDir()); // a second server on the shared folder
        const std::string id = sha256Hex("blob");
        auto held = m_store->tryLock(id);
        QVERIFY(held);
        QVERIFY(!other.tryLock(id));
        QVERIFY(!m_store->tryLock(id));                    // two requests of one server, too
        QVERIFY(other.tryLock(sha256Hex("another blob"))); // other blobs are free
        QElapsedTimer timer;
        timer.start();
        QVERIFY(!other.lockWithin(id, std::chrono::milliseconds(60)));
        QVERIFY(!other.waitIdle(id, std::chrono::milliseconds(10)));
        QVERIFY(timer.elapsed() >= 70);  // waited as long as it was told
        QVERIFY(timer.elapsed() < 5000); // and not forever
        held.reset();
        QVERIFY(other.waitIdle(id, std::chrono::milliseconds(0)));
        QVERIFY(other.tryLock(id));
        // The lock files go with their locks.
        QVERIFY(!std::filesystem::exists(tmpDir() + "/" + id + ".lock"));
    }

    void aWaiterGetsTheLockWhenTheHolderLetsGo()
    {
        BlobStore other(blobsDir(), tmpDir());
        const std::string id = sha256Hex("blob");
        auto held = m_store->tryLock(id);
        QVERIFY(held);
        std::thread releaser([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            held.reset();
        });
        const auto got = other.lockWithin(id, std::chrono::seconds(20));
        releaser.join();
        QVERIFY(got);
    }

    void aLockDiesWithItsHolder()
    {
        const std::string id = sha256Hex("blob");
        int ready[2];
        QCOMPARE(::pipe(ready), 0);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) { // another server: takes the lock, says so, and is killed holding it
            ::close(ready[0]);
            BlobStore store(blobsDir(), tmpDir());
            auto lock = store.tryLock(id);
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
        const bool blocked = !m_store->tryLock(id).has_value();
        ::kill(child, SIGKILL);
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        QVERIFY(told);
        QCOMPARE(got, 'y');
        QVERIFY(blocked); // held by the other process
        // The killed holder's lock is gone with it: taken at once (its lock file stays).
        QVERIFY(m_store->lockWithin(id, std::chrono::milliseconds(2000)));
    }

  private:
    std::string blobsDir() const { return m_dir->path().toStdString() + "/blobs"; }
    std::string tmpDir() const { return m_dir->path().toStdString() + "/tmp"; }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BlobStore> m_store;
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_blobstore.moc"
