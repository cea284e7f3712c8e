// The office log's Merkle tree against RFC 6962/9162 reference vectors (the Certificate
// Transparency test data) and against a plain transcription of the RFC's recursive
// definitions for every tree size 1..64 and every pair of sizes; the leaf encoding and the
// signed tree head's bytes.

#include "core/error.h"
#include "protocol/logleaf.h"
#include "protocol/logwire.h"
#include "protocol/merkle.h"

#include <QtTest>

#include <sodium.h>

#include <bit>
#include <random>

using namespace fp;
using merkle::Hash;

namespace {

std::string unhex(const std::string &hex)
{
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
        out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

Hash h(const char *hex)
{
    const auto v = merkle::fromHex(hex);
    if (!v)
        qFatal("bad hex in test: %s", hex);
    return *v;
}

// The CT reference leaves and the heads of their first 0..8 leaves.
const std::vector<std::string> kCtLeaves = {unhex(""),
                                            unhex("00"),
                                            unhex("10"),
                                            unhex("2021"),
                                            unhex("3031"),
                                            unhex("40414243"),
                                            unhex("5051525354555657"),
                                            unhex("606162636465666768696a6b6c6d6e6f")};
const char *const kCtRoots[] = {"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                                "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                                "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                                "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                                "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                                "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                                "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

merkle::MemoryTree ctTree()
{
    merkle::MemoryTree t;
    for (const auto &leaf : kCtLeaves)
        t.append(merkle::leafHash(leaf));
    return t;
}

// RFC 9162 §2.1, transcribed as written: independent of merkle.cpp's subtree arithmetic.
using Leaves = std::vector<Hash>;
Leaves slice(const Leaves &d, std::size_t lo, std::size_t hi)
{
    return Leaves(d.begin() + static_cast<long>(lo), d.begin() + static_cast<long>(hi));
}
std::size_t kOf(std::size_t n)
{
    std::size_t k = 1;
    while (k * 2 < n)
        k *= 2;
    return k;
}
Hash mth(const Leaves &d)
{
    if (d.empty())
        return merkle::sha256({});
    if (d.size() == 1)
        return d[0];
    const std::size_t k = kOf(d.size());
    return merkle::nodeHash(mth(slice(d, 0, k)), mth(slice(d, k, d.size())));
}
Leaves path(std::size_t m, const Leaves &d)
{
    if (d.size() == 1)
        return {};
    const std::size_t k = kOf(d.size());
    Leaves out;
    if (m < k) {
        out = path(m, slice(d, 0, k));
        out.push_back(mth(slice(d, k, d.size())));
    } else {
        out = path(m - k, slice(d, k, d.size()));
        out.push_back(mth(slice(d, 0, k)));
    }
    return out;
}
Leaves subproof(std::size_t m, const Leaves &d, bool b)
{
    if (m == d.size())
        return b ? Leaves{} : Leaves{mth(d)};
    const std::size_t k = kOf(d.size());
    Leaves out;
    if (m <= k) {
        out = subproof(m, slice(d, 0, k), b);
        out.push_back(mth(slice(d, k, d.size())));
    } else {
        out = subproof(m - k, slice(d, k, d.size()), false);
        out.push_back(mth(slice(d, 0, k)));
    }
    return out;
}

Hash flipped(Hash x, std::size_t byte = 0)
{
    x[byte] ^= 0x01;
    return x;
}

} // namespace

class TestMerkle : public QObject
{
    Q_OBJECT

  private slots:
    void referenceHeads()
    {
        const auto tree = ctTree();
        for (std::uint64_t n = 0; n <= 8; ++n)
            QCOMPARE(merkle::toHex(merkle::rootHash(tree, n)), std::string(kCtRoots[n]));
        QVERIFY_THROWS_EXCEPTION(fp::Error, merkle::rootHash(tree, 9));
    }

    void referenceInclusionProofs_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("size");
        QTest::addColumn<QStringList>("proof");
        // CT's merkle_tree_test: leaf index (0-based here), tree size, audit path.
        QTest::newRow("0 of 8")
            << 0 << 8
            << QStringList{"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                           "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                           "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"};
        QTest::newRow("5 of 8")
            << 5 << 8
            << QStringList{"bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                           "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                           "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"};
        QTest::newRow("2 of 3")
            << 2 << 3
            << QStringList{"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"};
        QTest::newRow("1 of 5")
            << 1 << 5
            << QStringList{"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                           "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                           "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"};
    }
    void referenceInclusionProofs()
    {
        QFETCH(int, index);
        QFETCH(int, size);
        QFETCH(QStringList, proof);
        const auto tree = ctTree();
        const auto got = merkle::inclusionProof(tree, std::uint64_t(index), std::uint64_t(size));
        QStringList gotHex;
        for (const auto &p : got)
            gotHex << QString::fromStdString(merkle::toHex(p));
        QCOMPARE(gotHex, proof);
        const Hash leaf = merkle::leafHash(kCtLeaves[std::size_t(index)]);
        const Hash root = h(kCtRoots[size]);
        QVERIFY(
            merkle::verifyInclusion(leaf, std::uint64_t(index), std::uint64_t(size), got, root));
        QVERIFY(!merkle::verifyInclusion(leaf, std::uint64_t(index), std::uint64_t(size), got,
                                         flipped(root)));
        QVERIFY(!merkle::verifyInclusion(flipped(leaf), std::uint64_t(index), std::uint64_t(size),
                                         got, root));
    }

    void referenceConsistencyProofs_data()
    {
        QTest::addColumn<int>("from");
        QTest::addColumn<int>("to");
        QTest::addColumn<QStringList>("proof");
        QTest::newRow("1 to 1") << 1 << 1 << QStringList{};
        QTest::newRow("1 to 8")
            << 1 << 8
            << QStringList{"96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                           "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                           "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"};
        QTest::newRow("6 to 8")
            << 6 << 8
            << QStringList{"0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                           "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                           "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"};
        QTest::newRow("2 to 5")
            << 2 << 5
            << QStringList{"5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                           "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"};
    }
    void referenceConsistencyProofs()
    {
        QFETCH(int, from);
        QFETCH(int, to);
        QFETCH(QStringList, proof);
        const auto tree = ctTree();
        const auto got = merkle::consistencyProof(tree, std::uint64_t(from), std::uint64_t(to));
        QStringList gotHex;
        for (const auto &p : got)
            gotHex << QString::fromStdString(merkle::toHex(p));
        QCOMPARE(gotHex, proof);
        QVERIFY(merkle::verifyConsistency(std::uint64_t(from), std::uint64_t(to), h(kCtRoots[from]),
                                          h(kCtRoots[to]), got));
        QVERIFY(!merkle::verifyConsistency(std::uint64_t(from), std::uint64_t(to),
                                           flipped(h(kCtRoots[from])), h(kCtRoots[to]), got));
    }

    // Every size 1..64: the head of each prefix, every leaf's inclusion proof and every pair's
    // consistency proof equal the RFC transcription's, verify, and fail once anything changes.
    void everySizeAndPair()
    {
        constexpr std::size_t kMax = 64;
        std::mt19937 random(9162);
        Leaves leaves;
        merkle::MemoryTree tree;
        for (std::size_t i = 0; i < kMax; ++i) {
            std::string bytes(random() % 40, '\0');
            for (auto &c : bytes)
                c = static_cast<char>(random());
            leaves.push_back(merkle::leafHash(bytes));
            tree.append(leaves.back());
        }
        std::vector<Hash> roots;
        for (std::size_t n = 0; n <= kMax; ++n) {
            roots.push_back(mth(slice(leaves, 0, n)));
            QCOMPARE(merkle::rootHash(tree, n), roots.back());
        }
        int checked = 0;
        for (std::size_t n = 1; n <= kMax; ++n) {
            const Leaves d = slice(leaves, 0, n);
            for (std::size_t i = 0; i < n; ++i) {
                const auto proof = merkle::inclusionProof(tree, i, n);
                QCOMPARE(proof, path(i, d));
                QVERIFY(merkle::verifyInclusion(leaves[i], i, n, proof, roots[n]));
                QVERIFY(!merkle::verifyInclusion(leaves[i], (i + 1) % n == i ? i + 1 : (i + 1) % n,
                                                 n, proof, roots[n]) ||
                        leaves[i] == leaves[(i + 1) % n]);
                if (!proof.empty()) {
                    auto bad = proof;
                    bad[random() % bad.size()][random() % 32] ^= 0x80;
                    QVERIFY(!merkle::verifyInclusion(leaves[i], i, n, bad, roots[n]));
                    auto shorter = proof;
                    shorter.pop_back();
                    QVERIFY(!merkle::verifyInclusion(leaves[i], i, n, shorter, roots[n]));
                }
                auto longer = proof;
                longer.push_back(roots[n]);
                QVERIFY(!merkle::verifyInclusion(leaves[i], i, n, longer, roots[n]));
                ++checked;
            }
            for (std::size_t m = 0; m <= n; ++m) {
                const auto proof = merkle::consistencyProof(tree, m, n);
                const Leaves expected = m == 0 ? Leaves{} : subproof(m, d, true);
                QCOMPARE(proof, expected);
                QVERIFY2(merkle::verifyConsistency(m, n, roots[m], roots[n], proof),
                         qPrintable(QString("%1 -> %2").arg(m).arg(n)));
                if (m > 0 && m < n) {
                    QVERIFY(!merkle::verifyConsistency(m, n, flipped(roots[m]), roots[n], proof));
                    QVERIFY(!merkle::verifyConsistency(m, n, roots[m], flipped(roots[n]), proof));
                    auto bad = proof;
                    bad[random() % bad.size()][random() % 32] ^= 0x40;
                    QVERIFY(!merkle::verifyConsistency(m, n, roots[m], roots[n], bad));
                    QVERIFY(!merkle::verifyConsistency(m, n, roots[m], roots[n], {}));
                    // A head of another size never passes for this one.
                    if (m + 1 < n)
                        QVERIFY(!merkle::verifyConsistency(m + 1, n, roots[m], roots[n], proof));
                }
                ++checked;
            }
        }
        QVERIFY(checked > 2000);
        QVERIFY(!merkle::verifyConsistency(3, 2, roots[3], roots[2], {}));
        QVERIFY(!merkle::verifyConsistency(5, 5, roots[5], roots[6], {}));
        QVERIFY_THROWS_EXCEPTION(fp::Error, merkle::consistencyProof(tree, 3, kMax + 1));
        QVERIFY_THROWS_EXCEPTION(fp::Error, merkle::inclusionProof(tree, 4, 4));
    }

    void truncateForgetsRolledBackLeaves()
    {
        merkle::MemoryTree tree = ctTree();
        tree.truncate(5);
        QCOMPARE(tree.size(), std::uint64_t(5));
        QCOMPARE(merkle::toHex(merkle::rootHash(tree, 5)), std::string(kCtRoots[5]));
        tree.append(merkle::leafHash(kCtLeaves[5]));
        tree.append(merkle::leafHash(kCtLeaves[6]));
        tree.append(merkle::leafHash(kCtLeaves[7]));
        QCOMPARE(merkle::toHex(merkle::rootHash(tree, 8)), std::string(kCtRoots[8]));
        tree.truncate(0);
        QCOMPARE(tree.size(), std::uint64_t(0));
    }

    void hexParsing()
    {
        QVERIFY(!merkle::fromHex("00"));
        QVERIFY(!merkle::fromHex(std::string(64, 'A')));
        QVERIFY(!merkle::fromHex(std::string(63, 'a') + "g"));
        QCOMPARE(merkle::toHex(h(kCtRoots[8])), std::string(kCtRoots[8]));
    }

    // The leaf bytes are fixed: a change here breaks every existing log.
    void leafEncodingIsByteExact()
    {
        InspectionLeaf i{"insp-1", "dev-1", 3, merkle::sha256("{}")};
        const std::string bytes = encodeLeaf(i);
        const std::string expected =
            unhex("0101"
                  "00000006") +
            "insp-1" + unhex("00000005") + "dev-1" + unhex("0000000000000003") +
            std::string(reinterpret_cast<const char *>(i.data_sha256.data()), 32);
        QCOMPARE(bytes, expected);
        QCOMPARE(merkle::toHex(merkle::leafHash(bytes)),
                 std::string("a40f4e5f1bbe0b37f501fa965d24b399a9d83bd0cb7905010df57892c9e8b8d6"));
    }

    void leafRoundTripAndRefusals()
    {
        const LogLeaf a = InspectionLeaf{"i", "d", 7, merkle::sha256("x")};
        const LogLeaf b =
            ReviewLeaf{"i", merkle::sha256("x"), "returned", "照片不清楚", "2026-12-02T10:00:00Z"};
        QCOMPARE(decodeLeaf(encodeLeaf(a)), std::optional<LogLeaf>(a));
        QCOMPARE(decodeLeaf(encodeLeaf(b)), std::optional<LogLeaf>(b));
        QCOMPARE(leafTypeName(a), std::string_view("inspection"));
        QCOMPARE(leafTypeName(b), std::string_view("review"));
        const LogLeaf c = StatementLeaf{"i", "d", 12, merkle::sha256("s"), std::string(128, 'a')};
        QCOMPARE(decodeLeaf(encodeLeaf(c)), std::optional<LogLeaf>(c));
        QCOMPARE(leafTypeName(c), std::string_view("statement"));
        // Type 3, then the fields in order: id, device, seq, statement hash, signature.
        const std::string sBytes = encodeLeaf(c);
        QCOMPARE(sBytes.substr(0, 2), unhex("0103"));
        QCOMPARE(sBytes.size(), std::size_t(2 + 4 + 1 + 4 + 1 + 8 + 32 + 4 + 128));
        QCOMPARE(sBytes.substr(12, 8), unhex("000000000000000c"));
        const std::string bytes = encodeLeaf(b);
        QVERIFY(!decodeLeaf(bytes + "x"));
        QVERIFY(!decodeLeaf(bytes.substr(0, bytes.size() - 1)));
        QVERIFY(!decodeLeaf(""));
        std::string wrongVersion = bytes;
        wrongVersion[0] = 0x02;
        QVERIFY(!decodeLeaf(wrongVersion));
        std::string wrongType = bytes;
        wrongType[1] = 0x09;
        QVERIFY(!decodeLeaf(wrongType));
    }

    void treeHeadBytesAndSignature()
    {
        QVERIFY(sodium_init() >= 0);
        const Hash root = h(kCtRoots[8]);
        const std::string message = treeHeadMessage(8, 1764669600000, root);
        QCOMPARE(message.size(), std::size_t(72));
        QCOMPARE(message.substr(0, 24), std::string("fieldproof tree head v1") + '\0');
        QCOMPARE(message.substr(24, 16), unhex("00000000000000080000019ade813100"));
        QCOMPARE(message.substr(40), std::string(reinterpret_cast<const char *>(root.data()), 32));

        // A fixed seed gives a fixed key and, Ed25519 being deterministic, a fixed signature:
        // the example of docs/protocol.md.
        std::array<unsigned char, crypto_sign_SEEDBYTES> seed{};
        for (std::size_t i = 0; i < seed.size(); ++i)
            seed[i] = static_cast<unsigned char>(i);
        std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
        std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
        crypto_sign_seed_keypair(pk.data(), sk.data(), seed.data());
        std::array<unsigned char, crypto_sign_BYTES> sig{};
        crypto_sign_detached(sig.data(), nullptr,
                             reinterpret_cast<const unsigned char *>(message.data()),
                             message.size(), sk.data());
        const auto hex = [](const auto &bytes) {
            std::string out(bytes.size() * 2 + 1, '\0');
            sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
            out.pop_back();
            return out;
        };
        SignedTreeHead head{8, 1764669600000, kCtRoots[8], hex(sig)};
        QVERIFY(verifyTreeHead(head, hex(pk)));
        QCOMPARE(hex(pk),
                 std::string("03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8"));
        QCOMPARE(head.signature,
                 std::string("a6f65e0431d7bc1b5b706d03b8e8bf37efbc424c845629ea61513ff252a24620"
                             "6bf45104c77fae8986a08c31e9e1d7533cee8928f7cb5bc15fd54a9e6cd6a802"));

        auto other = head;
        other.tree_size = 9;
        QVERIFY(!verifyTreeHead(other, hex(pk)));
        other = head;
        other.timestamp_ms += 1;
        QVERIFY(!verifyTreeHead(other, hex(pk)));
        other = head;
        other.root_hash = kCtRoots[7];
        QVERIFY(!verifyTreeHead(other, hex(pk)));
        other = head;
        other.signature[0] = other.signature[0] == 'a' ? 'b' : 'a';
        QVERIFY(!verifyTreeHead(other, hex(pk)));
        other = head;
        other.signature = "zz";
        QVERIFY(!verifyTreeHead(other, hex(pk)));
        QVERIFY(!verifyTreeHead(head, std::string(64, '0')));
        QVERIFY(!verifyTreeHead(head, "not a key"));

        const Json j = head;
        QCOMPARE(decode<SignedTreeHead>(j, "head"), head);
    }
};

QTEST_GUILESS_MAIN(TestMerkle)
#include "tst_merkle.moc"
