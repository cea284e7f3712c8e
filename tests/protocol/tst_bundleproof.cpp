// The evidence bundle's shared helpers (sync/protocol/evidencebundle.h, docs/protocol.md §10):
// file names, the verification code, the proof file's JSON and the inclusion check of a leaf a
// verifier rebuilt, on a real Merkle tree signed with a known key.

#include "core/error.h"
#include "core/json.h"
#include "crypto/ed25519.h"
#include "protocol/evidencebundle.h"
#include "protocol/logleaf.h"
#include "protocol/logwire.h"
#include "protocol/merkle.h"

#include <QtTest>

using namespace fp;

class TestBundleProof : public QObject
{
    Q_OBJECT

  private slots:
    void namesAreExact();
    void unsafeIdsAreRefused();
    void verificationCodeIsTheHashPrefix();
    void proofRoundTripsThroughJson();
    void rebuiltLeafIsIncludedAndAChangedOneIsNot();
};

void TestBundleProof::namesAreExact()
{
    QCOMPARE(bundle::deviceKeyPath("dev-1"), std::string("keys/devices/dev-1.txt"));
    QCOMPARE(bundle::inspectionPath("insp-1", "proof.json"),
             std::string("inspections/insp-1/proof.json"));
    QCOMPARE(bundle::blobPath("ab"), std::string("blobs/ab"));
}

void TestBundleProof::unsafeIdsAreRefused()
{
    QVERIFY(bundle::safeName("01a214b3-5e0c-7c51-8d55-7d0a4a0b9c10"));
    QVERIFY(bundle::safeName("a.b_c-D9"));
    for (const char *bad : {"", ".", "..", ".hidden", "a/b", "a\\b", "马", "a b", "a\nb"})
        QVERIFY2(!bundle::safeName(bad), bad);
    QVERIFY(!bundle::safeName(std::string(129, 'a')));
    QVERIFY(bundle::safeName(std::string(128, 'a')));
}

void TestBundleProof::verificationCodeIsTheHashPrefix()
{
    // The statement hash of docs/protocol.md §7.4's worked example.
    QCOMPARE(bundle::verificationCode(
                 "865cbbedb57e38889aa1435084a3f91dc843bbfffd8be9750c64fd0514b24d4c"),
             std::string("865C-BBED-B57E-3888"));
    QCOMPARE(bundle::verificationCode(""), std::string());
    QCOMPARE(bundle::verificationCode("865cbbed"), std::string());
    QCOMPARE(bundle::verificationCode(std::string(64, 'G')), std::string());
}

void TestBundleProof::proofRoundTripsThroughJson()
{
    const bundle::InspectionProof p{9,       "dev-1",    {0, {"aa"}}, {1, {"bb", "cc"}},
                                    {7, {}}, "accepted", "",          "2026-12-03T06:00:00.000Z"};
    const Json j = p;
    QCOMPARE(j["inspection_leaf"]["index"].get<int>(), 0);
    QCOMPARE(j["statement_leaf"]["path"].size(), std::size_t(2));
    QCOMPARE(decode<bundle::InspectionProof>(parseJson(j.dump()), "proof"), p);
    Json missing = j;
    missing.erase("review_leaf");
    QVERIFY_THROWS_EXCEPTION(fp::DecodeError, decode<bundle::InspectionProof>(missing, "proof"));
}

void TestBundleProof::rebuiltLeafIsIncludedAndAChangedOneIsNot()
{
    std::vector<LogLeaf> leaves;
    for (int i = 0; i < 5; ++i)
        leaves.push_back(InspectionLeaf{"insp-" + std::to_string(i), "dev-1", i + 1,
                                        merkle::sha256("{}" + std::to_string(i))});
    leaves.push_back(
        StatementLeaf{"insp-4", "dev-1", 5, merkle::sha256("s"), std::string(128, 'a')});
    merkle::MemoryTree tree;
    for (const auto &leaf : leaves)
        tree.append(merkle::leafHash(encodeLeaf(leaf)));
    std::array<unsigned char, 32> seed{};
    const auto key = crypto::keyPairFromSeed(
        std::string_view(reinterpret_cast<const char *>(seed.data()), seed.size()));
    const auto root = merkle::rootHash(tree, tree.size());
    SignedTreeHead head{6, 1764669600000, merkle::toHex(root), {}};
    head.signature =
        crypto::toHex(crypto::sign(treeHeadMessage(6, head.timestamp_ms, root), key.secret_key));
    QVERIFY(verifyTreeHead(head, crypto::toHex(key.public_key)));
    for (std::uint64_t i = 0; i < leaves.size(); ++i) {
        const bundle::LeafProof proof{std::int64_t(i),
                                      merkle::toHex(merkle::inclusionProof(tree, i, 6))};
        QVERIFY(bundle::leafIncluded(leaves[i], proof, head));
        // Another leaf at the same place, the right leaf at another place: both refused.
        QVERIFY(!bundle::leafIncluded(leaves[(i + 1) % leaves.size()], proof, head));
        QVERIFY(!bundle::leafIncluded(leaves[i], {std::int64_t((i + 1) % 6), proof.path}, head));
    }
    const bundle::LeafProof good{5, merkle::toHex(merkle::inclusionProof(tree, 5, 6))};
    auto changed = std::get<StatementLeaf>(leaves[5]);
    changed.signature[0] = 'b';
    QVERIFY(!bundle::leafIncluded(changed, good, head));
    // Malformed proofs and heads are refused, not trusted.
    QVERIFY(!bundle::leafIncluded(leaves[5], {6, good.path}, head));
    QVERIFY(!bundle::leafIncluded(leaves[5], {-1, good.path}, head));
    QVERIFY(!bundle::leafIncluded(leaves[5], {5, {"zz"}}, head));
    SignedTreeHead badRoot = head;
    badRoot.root_hash = "x";
    QVERIFY(!bundle::leafIncluded(leaves[5], good, badRoot));
}

QTEST_GUILESS_MAIN(TestBundleProof)
#include "tst_bundleproof.moc"
