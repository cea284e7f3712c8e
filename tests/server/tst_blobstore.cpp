// The office's blob store on its own: buffered partial writes hashed while they arrive, the
// resumed case that must read the file again, and a mismatch that discards the upload.

#include "core/sha256.h"
#include "server/blobs/blobstore.h"

#include <QTemporaryDir>
#include <QTest>

#include <random>

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

  private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<BlobStore> m_store;
};

QTEST_GUILESS_MAIN(TestBlobStore)
#include "tst_blobstore.moc"
