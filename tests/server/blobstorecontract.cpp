#include "blobstorecontract.h"

#include "core/sha256.h"

#include <QTest>

#include <atomic>
#include <random>
#include <thread>

namespace fp::test {

namespace {

using std::chrono::milliseconds;

/// Writes `bytes` in pieces of varied sizes: tiny, 4 KiB as cpp-httplib delivers, and more
/// than a 1 MiB buffer at once.
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

/// Nothing of blob `id` is visible as a whole blob.
bool nothingVisible(const BlobStore &store, const std::string &id)
{
    return !store.hasWhole(id) && !store.wholeSize(id) && !store.openWhole(id) &&
           !store.readWhole(id);
}

} // namespace

std::string randomBlobBytes(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto &c : s)
        c = static_cast<char>(rng());
    return s;
}

void BlobStoreContract::init()
{
    makeEmptyPlace();
    m_store = openStore();
    QVERIFY(m_store);
}

void BlobStoreContract::cleanup()
{
    m_store.reset();
}

void BlobStoreContract::aWholeUploadIsVisibleOnlyAfterCommit()
{
    const std::string bytes = randomBlobBytes(5'000'000, 1);
    const std::string id = sha256Hex(bytes);
    QVERIFY(nothingVisible(store(), id));
    QCOMPARE(store().partialSize(id), std::int64_t(0));
    auto w = store().openPartial(id, true);
    writeInPieces(*w, bytes);
    w->sync();
    QCOMPARE(store().partialSize(id), std::int64_t(bytes.size()));
    QVERIFY(nothingVisible(store(), id)); // all bytes held, but not yet checked
    const auto digest = w->digest();      // hashed while written, from byte 0
    QVERIFY(digest.has_value());
    QCOMPARE(*digest, id);
    QVERIFY(store().commit(id, digest));
    QCOMPARE(store().wholeSize(id), std::int64_t(bytes.size()));
    QVERIFY(store().readWhole(id) == bytes);
    QCOMPARE(store().partialSize(id), std::int64_t(0));
    // The stream seeks: a download resumed at an offset reads on from there.
    const StdioFile in = store().openWhole(id);
    QVERIFY(in);
    QCOMPARE(std::fseek(in.get(), 4'000'000, SEEK_SET), 0);
    std::string tail(1'000'000, '\0');
    QCOMPARE(std::fread(tail.data(), 1, tail.size(), in.get()), tail.size());
    QVERIFY(tail == bytes.substr(4'000'000));
}

void BlobStoreContract::aPartialUploadResumesWhereItStopped()
{
    const std::string bytes = randomBlobBytes(2'500'000, 2);
    const std::string id = sha256Hex(bytes);
    {
        auto first = store().openPartial(id, true);
        first->write(bytes.data(), 1'000'001);
        first->sync();
    }
    // Another server (or this one restarted) continues from what is held.
    auto other = openStore();
    QCOMPARE(other->partialSize(id), std::int64_t(1'000'001));
    QVERIFY(nothingVisible(*other, id));
    auto rest = other->openPartial(id, false);
    writeInPieces(*rest, bytes.substr(1'000'001));
    rest->sync();
    const auto digest = rest->digest();
    QVERIFY(!digest.has_value()); // it did not see the first part: commit reads it again
    QVERIFY(other->commit(id, digest));
    QVERIFY(store().readWhole(id) == bytes);
}

void BlobStoreContract::aRestartEmptiesThePartial()
{
    const std::string bytes = randomBlobBytes(300'000, 3);
    const std::string id = sha256Hex(bytes);
    {
        auto stale = store().openPartial(id, true);
        stale->write("not the blob's first bytes", 26);
        stale->sync();
    }
    QCOMPARE(store().partialSize(id), std::int64_t(26));
    auto w = store().openPartial(id, true);
    QCOMPARE(store().partialSize(id), std::int64_t(0));
    writeInPieces(*w, bytes);
    w->sync();
    QVERIFY(store().commit(id, w->digest()));
    QVERIFY(store().readWhole(id) == bytes);
}

void BlobStoreContract::aWrongHashIsRefusedAndNothingIsVisible()
{
    const std::string bytes = randomBlobBytes(100'000, 4);
    const std::string id = sha256Hex("something else");
    auto w = store().openPartial(id, true);
    writeInPieces(*w, bytes);
    w->sync();
    QVERIFY(!store().commit(id, w->digest()));
    QVERIFY(nothingVisible(store(), id));
    QVERIFY(nothingVisible(*openStore(), id));
    QCOMPARE(store().partialSize(id), std::int64_t(0)); // discarded: the next upload starts over
}

void BlobStoreContract::aWrongHashAfterAResumeIsRefusedToo()
{
    const std::string bytes = randomBlobBytes(200'000, 5);
    const std::string id = sha256Hex(bytes);
    {
        auto first = store().openPartial(id, true);
        first->write(bytes.data(), 50'000);
        first->sync();
    }
    std::string wrong = bytes.substr(50'000);
    wrong[1000] = static_cast<char>(wrong[1000] ^ 0x01); // one bit of the rest changed
    auto rest = store().openPartial(id, false);
    rest->write(wrong.data(), wrong.size());
    rest->sync();
    QVERIFY(!store().commit(id, rest->digest()));
    QVERIFY(nothingVisible(store(), id));
    QCOMPARE(store().partialSize(id), std::int64_t(0));
}

void BlobStoreContract::aCommittedBlobIsSeenByAnotherStore()
{
    const std::string bytes = randomBlobBytes(10'000, 6);
    const std::string id = sha256Hex(bytes);
    auto other = openStore();
    QVERIFY(nothingVisible(*other, id));
    auto w = store().openPartial(id, true);
    w->write(bytes.data(), bytes.size());
    w->sync();
    QVERIFY(store().commit(id, w->digest()));
    QCOMPARE(other->wholeSize(id), std::int64_t(bytes.size()));
    QVERIFY(other->readWhole(id) == bytes);
    QVERIFY(!other->readWhole(sha256Hex("never uploaded")));
}

void BlobStoreContract::theLockExcludesOtherStoresAndRequests()
{
    auto other = openStore(); // a second server on the same store
    const std::string id = sha256Hex("blob");
    auto held = store().tryLock(id);
    QVERIFY(held);
    QVERIFY(!other->tryLock(id));
    QVERIFY(!store().tryLock(id));                      // two requests of one server, too
    QVERIFY(other->tryLock(sha256Hex("another blob"))); // other blobs are free
    QVERIFY(!other->lockWithin(id, milliseconds(60)));
    QVERIFY(!other->waitIdle(id, milliseconds(10)));
    held.reset();
    QVERIFY(other->waitIdle(id, milliseconds(0)));
    QVERIFY(other->tryLock(id));
}

void BlobStoreContract::aWaiterGetsTheLockWhenTheHolderLetsGo()
{
    auto other = openStore();
    const std::string id = sha256Hex("blob");
    auto held = store().tryLock(id);
    QVERIFY(held);
    std::thread releaser([&] {
        std::this_thread::sleep_for(milliseconds(30));
        held.reset();
    });
    const auto got = other->lockWithin(id, std::chrono::seconds(20));
    releaser.join();
    QVERIFY(got);
}

void BlobStoreContract::twoUploadsOfOneBlobAtOnceLeaveItWhole()
{
    // Two servers receive the same upload at once: each takes the lock (waiting for the other),
    // and the one that comes second finds the blob whole and writes nothing.
    const std::string bytes = randomBlobBytes(3'000'000, 7);
    const std::string id = sha256Hex(bytes);
    std::atomic<int> committed{0};
    std::atomic<int> foundWhole{0};
    std::atomic<int> failed{0};
    const auto upload = [&](BlobStore &s) {
        try {
            const auto lock = s.lockWithin(id, std::chrono::seconds(60));
            if (!lock) {
                ++failed;
                return;
            }
            if (s.hasWhole(id)) {
                ++foundWhole;
                return;
            }
            auto w = s.openPartial(id, true);
            writeInPieces(*w, bytes);
            w->sync();
            committed += s.commit(id, w->digest()) ? 1 : 0;
        } catch (...) {
            ++failed;
        }
    };
    auto other = openStore();
    std::thread a([&] { upload(store()); });
    std::thread b([&] { upload(*other); });
    a.join();
    b.join();
    QCOMPARE(failed.load(), 0);
    QCOMPARE(committed.load(), 1);
    QCOMPARE(foundWhole.load(), 1);
    QVERIFY(store().readWhole(id) == bytes);
    QCOMPARE(store().partialSize(id), std::int64_t(0));
}

} // namespace fp::test
