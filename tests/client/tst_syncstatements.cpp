// Signed statements end to end: a tablet's store enrolled over real libcurl against the real
// fieldproof-server makes its key (secret in a 0600 file beside its database, public half at
// the office), finalises signed inspections, and the office ends up holding exactly the
// device's statements, chained 1, 2, 3 ...; a re-enrolled tablet signs with a new key and a new
// chain, and what it signed before still arrives.

#include "client/curltransport.h"
#include "client/enroller.h"
#include "client/simulate/simulator.h"
#include "crypto/ed25519.h"
#include "crypto/statement.h"
#include "syncoffice.h"

#include <QTest>

#include <algorithm>
#include <filesystem>

using namespace fp;
using namespace fp::test;
namespace fs = std::filesystem;

class TestSyncStatements : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void officeHoldsTheDevicesChain();
    void reEnrolmentMakesANewKeyAndChain();

  private:
    std::vector<std::string> finalise(DeviceStore &store, int count, std::uint64_t seed);
    /// Compares the office's statement of each id with the device's.
    void checkAtOffice(DeviceStore &store, const std::vector<std::string> &ids);

    SyncOffice m_office;
    std::unique_ptr<DeviceStore> m_store;
};

void TestSyncStatements::initTestCase()
{
    m_store = m_office.setUpWithDevice("tablet", "zhang");
    QVERIFY(m_store);
    QVERIFY(m_office.sync(*m_store).complete()); // the plan, to visit
}

std::vector<std::string> TestSyncStatements::finalise(DeviceStore &store, int count,
                                                      std::uint64_t seed)
{
    const auto before = store.pendingInspectionIds();
    sim::SimulateOptions options;
    options.inspections = count;
    options.photos = count;
    options.photo_bytes = std::int64_t{20} * 1024;
    options.seed = seed;
    options.inspector = "zhang";
    sim::Simulator(store, options).run();
    std::vector<std::string> made;
    for (const std::string &id : store.pendingInspectionIds()) {
        if (std::find(before.begin(), before.end(), id) == before.end())
            made.push_back(id);
    }
    return made;
}

void TestSyncStatements::checkAtOffice(DeviceStore &store, const std::vector<std::string> &ids)
{
    const auto db = m_office.officeDb();
    for (const std::string &id : ids) {
        const auto mine = store.statementOf(id);
        QVERIFY2(mine, id.c_str());
        Statement s(*db, "SELECT i.statement, i.statement_signature, d.seq, d.device_id, "
                         "k.public_key FROM inspection i JOIN device_statement d ON "
                         "d.inspection_id = i.id JOIN device k ON k.id = d.device_id WHERE "
                         "i.id = ?");
        QVERIFY2(s.bind(1, id).step(), id.c_str());
        QCOMPARE(s.text(0), mine->statement);
        QCOMPARE(s.text(1), mine->signature);
        QCOMPARE(s.integer(2), mine->seq);
        QCOMPARE(s.text(3), mine->device_id);
        const auto st = decode<EvidenceStatement>(parseJson(s.text(0)), "statement");
        QVERIFY(verifyStatement(st, s.text(1), crypto::fromHex(s.text(4))));
    }
}

void TestSyncStatements::officeHoldsTheDevicesChain()
{
    const auto key = m_store->signingKeys().load();
    QVERIFY(key);
    const fs::path file = FileSigningKeyStore::besideDatabase(m_store->databaseFile());
    QCOMPARE(fs::status(file).permissions() & fs::perms::all,
             fs::perms::owner_read | fs::perms::owner_write);
    {
        const auto db = m_office.officeDb();
        Statement s(*db, "SELECT public_key FROM device WHERE id = ?");
        QVERIFY(s.bind(1, key->device_id).step());
        QCOMPARE(s.text(0), crypto::toHex(key->public_key));
    }
    const std::vector<std::string> ids = finalise(*m_store, 6, 11);
    QCOMPARE(ids.size(), std::size_t(6));
    const SyncReport r = m_office.sync(*m_store);
    QVERIFY(r.complete());
    QCOMPARE(r.items_stored, std::int64_t(6));
    QVERIFY(r.rejected.empty());
    checkAtOffice(*m_store, ids);
    // The device's chain, 1 to 6, each naming the one before.
    std::string prev(kFirstPrevHash);
    std::vector<StoredStatement> chain;
    chain.reserve(ids.size());
    for (const std::string &id : ids)
        chain.push_back(*m_store->statementOf(id));
    std::sort(chain.begin(), chain.end(), [](auto &a, auto &b) { return a.seq < b.seq; });
    for (std::size_t i = 0; i < chain.size(); ++i) {
        QCOMPARE(chain[i].seq, std::int64_t(i + 1));
        QCOMPARE(chain[i].prev_hash, prev);
        prev = chain[i].hash;
    }
}

void TestSyncStatements::reEnrolmentMakesANewKeyAndChain()
{
    const auto oldKey = m_store->signingKeys().load();
    const std::vector<std::string> signedBefore = finalise(*m_store, 2, 12); // not pushed yet
    QCOMPARE(signedBefore.size(), std::size_t(2));
    {
        TransportOptions options;
        options.base_url = m_office.baseUrl();
        CurlTransport transport(options);
        enrollDevice(*m_store, transport,
                     EnrollInput{m_office.baseUrl(), {}, "zhang", SyncOffice::kPassword, "again"});
    }
    const auto newKey = m_store->signingKeys().load();
    QVERIFY(newKey->device_id != oldKey->device_id);
    QVERIFY(newKey->public_key != oldKey->public_key);
    const std::vector<std::string> signedAfter = finalise(*m_store, 2, 13);
    QCOMPARE(m_store->statementOf(signedAfter.at(0))->device_id, newKey->device_id);
    QCOMPARE(m_store->statementOf(signedAfter.at(0))->seq +
                 m_store->statementOf(signedAfter.at(1))->seq,
             std::int64_t(3));
    const SyncReport r = m_office.sync(*m_store);
    QVERIFY(r.complete());
    QVERIFY(r.rejected.empty());
    checkAtOffice(*m_store, signedBefore); // the old enrolment's key, not revoked, still holds
    checkAtOffice(*m_store, signedAfter);
}

QTEST_GUILESS_MAIN(TestSyncStatements)
#include "tst_syncstatements.moc"
