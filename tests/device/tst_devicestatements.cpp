// The device's signed statements (docs/protocol.md): finalise signs the next statement of the
// device's chain in the same transaction as the outbox row; the chain's seq and prev_hash; the
// signing key's file; the schema step that added the statements.

#include "core/error.h"
#include "core/json.h"
#include "core/sha256.h"
#include "crypto/ed25519.h"
#include "crypto/statement.h"
#include "db/migrations.h"
#include "device/deviceschema.h"
#include "device/devicestore.h"
#include "devicetest.h"

#include <sqlite3.h>

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>
#include <memory>

using namespace fp;
namespace fs = std::filesystem;

class TestDeviceStatements : public test::DeviceStoreTest
{
    Q_OBJECT

  private slots:
    void finalisesUnsignedWithoutAKey();
    void finaliseSignsTheNextStatementOfTheChain();
    void statementTravelsWithTheOutboxRow();
    void aFailedSignatureLeavesTheDraft();
    void statementsAreImmutableInSql();
    void newKeyStartsANewChain();
    void keyFileIsOwnerOnly();
    void migratesToStatements();

  private:
    crypto::KeyPair giveKey(DeviceStore &store, const std::string &deviceId);
    /// A finalisable exit visit: one dismantled item with its photo.
    std::string readyVisit(DeviceStore &store);
    /// readyVisit, finalised.
    std::string finalVisit(DeviceStore &store);
};

crypto::KeyPair TestDeviceStatements::giveKey(DeviceStore &store, const std::string &deviceId)
{
    crypto::KeyPair pair = crypto::newKeyPair();
    store.signingKeys().save(DeviceSigningKey{deviceId, pair.public_key, pair.secret_key});
    return pair;
}

std::string TestDeviceStatements::readyVisit(DeviceStore &store)
{
    NewInspection start;
    start.enterprise_id = "ent-1";
    start.kind = VisitKind::Exit;
    start.inspectors = {"张伟"};
    start.position = Position{40.853, 122.715, 8.5};
    const Inspection visit = store.startInspection(start);
    EquipmentCheck check;
    check.inspection_id = visit.id;
    check.equipment_id = "eq-1";
    check.finding = Finding::Dismantled;
    check.notes = "已拆除 \"主机\"\n";
    check = store.saveCheck(check);
    const QString file = newShot();
    if (file.isEmpty())
        throw Error("no test JPEG");
    store.addPhoto(NewPhoto{visit.id,
                            check.id,
                            EvidenceTag::DismantledSite,
                            file.toStdString(),
                            320,
                            240,
                            Position{40.8531, 122.7152, 4.0},
                            "现场",
                            PhotoSource::Camera,
                            {}});
    m_clock->advance(std::chrono::minutes(5));
    return visit.id;
}

std::string TestDeviceStatements::finalVisit(DeviceStore &store)
{
    std::string id = readyVisit(store);
    const auto problems = store.finalise(id);
    if (!problems.empty())
        throw Error("not finalised: " + problems.front().message);
    return id;
}

void TestDeviceStatements::finalisesUnsignedWithoutAKey()
{
    auto store = open();
    const std::string id = finalVisit(*store);
    QCOMPARE(store->inspection(id)->state, InspectionState::Final);
    QVERIFY(!store->statementOf(id));
    const auto outbox = store->pendingOutbox();
    QCOMPARE(outbox.size(), std::size_t(1));
    QVERIFY(!outbox[0].statement && !outbox[0].signature);
}

void TestDeviceStatements::finaliseSignsTheNextStatementOfTheChain()
{
    auto store = open();
    const crypto::KeyPair key = giveKey(*store, "dev-A");
    std::vector<std::string> ids;
    ids.reserve(3);
    for (int i = 0; i < 3; ++i)
        ids.push_back(finalVisit(*store));

    std::string prev(kFirstPrevHash);
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto stored = store->statementOf(ids[i]);
        QVERIFY(stored);
        QCOMPARE(stored->device_id, std::string("dev-A"));
        QCOMPARE(stored->seq, std::int64_t(i + 1));
        QCOMPARE(stored->prev_hash, prev);
        QCOMPARE(stored->hash, sha256Hex(stored->statement));
        const auto st = decode<EvidenceStatement>(parseJson(stored->statement), "statement");
        QCOMPARE(canonicalBytes(st), stored->statement); // stored as its canonical bytes
        QCOMPARE(st.inspection_id, ids[i]);
        QCOMPARE(st.prev_hash, prev);
        QVERIFY(verifyStatement(st, stored->signature, key.public_key));
        QVERIFY(!verifyStatement(st, stored->signature, crypto::newKeyPair().public_key));
        prev = stored->hash;
    }
}

void TestDeviceStatements::statementTravelsWithTheOutboxRow()
{
    auto store = open();
    const crypto::KeyPair key = giveKey(*store, "dev-A");
    const std::string id = finalVisit(*store);
    const auto outbox = store->pendingOutbox();
    QCOMPARE(outbox.size(), std::size_t(1));
    const OutboxItem &row = outbox[0];
    QVERIFY(row.statement && row.signature);
    const auto st = decode<EvidenceStatement>(parseJson(*row.statement), "statement");
    QCOMPARE(st.inspection_version, row.version);
    // The content hash is that of the payload as the office will read it, and it names the
    // photo's SHA-256: a changed photo changes the bundle's hash.
    QCOMPARE(st.content_hash, contentHash(parseJson(row.payload)));
    const InspectionBundle bundle = store->bundle(id);
    QCOMPARE(bundle.inspection.state, InspectionState::Final);
    QCOMPARE(st.content_hash, contentHash(Json(bundle)));
    Json other = Json(bundle);
    other["photos"][0]["sha256"] = std::string(64, 'f');
    QVERIFY(contentHash(other) != st.content_hash);
    QVERIFY(verifyStatement(st, *row.signature, key.public_key));
    QCOMPARE(store->pendingOutboxAfter(std::nullopt, 10).at(0).statement, row.statement);
}

void TestDeviceStatements::aFailedSignatureLeavesTheDraft()
{
    auto store = open();
    giveKey(*store, "dev-A");
    const std::string first = finalVisit(*store);
    // A damaged key file: finalise throws, and nothing of it stays (one transaction).
    std::ofstream(FileSigningKeyStore::besideDatabase(store->databaseFile()), std::ios::trunc)
        << "{not json";
    const std::string id = readyVisit(*store);
    const auto before = store->pendingOutbox();
    QVERIFY_THROWS_EXCEPTION(Error, store->finalise(id));
    QCOMPARE(store->inspection(id)->state, InspectionState::Draft);
    QVERIFY(!store->statementOf(id));
    const auto after = store->pendingOutbox();
    QCOMPARE(after.size(), before.size());
    for (std::size_t i = 0; i < after.size(); ++i)
        QCOMPARE(after[i].version, before[i].version);
    QVERIFY(store->statementOf(first));
}

void TestDeviceStatements::statementsAreImmutableInSql()
{
    std::string id;
    {
        auto store = open();
        giveKey(*store, "dev-A");
        id = finalVisit(*store);
    }
    Database db(databaseFile());
    for (const std::string sql : {"UPDATE statements SET seq = 7", "DELETE FROM statements",
                                  "UPDATE statements SET signature = '00'"}) {
        try {
            db.execScript(sql);
            QFAIL(("not refused: " + sql).c_str());
        } catch (const StoreError &e) {
            QCOMPARE(e.code(), SQLITE_CONSTRAINT_TRIGGER);
        }
    }
}

void TestDeviceStatements::newKeyStartsANewChain()
{
    auto store = open();
    giveKey(*store, "dev-A");
    finalVisit(*store);
    const std::string second = finalVisit(*store);
    QCOMPARE(store->statementOf(second)->seq, std::int64_t(2));
    // Re-enrolment: a new device id and key, a chain from seq 1 again.
    const crypto::KeyPair key = giveKey(*store, "dev-B");
    const std::string third = finalVisit(*store);
    const auto st = store->statementOf(third);
    QCOMPARE(st->device_id, std::string("dev-B"));
    QCOMPARE(st->seq, std::int64_t(1));
    QCOMPARE(st->prev_hash, std::string(kFirstPrevHash));
    const auto decoded = decode<EvidenceStatement>(parseJson(st->statement), "statement");
    QVERIFY(verifyStatement(decoded, st->signature, key.public_key));
}

void TestDeviceStatements::keyFileIsOwnerOnly()
{
    auto store = open();
    QVERIFY(!store->signingKeys().load());
    const crypto::KeyPair key = giveKey(*store, "dev-A");
    const fs::path file = FileSigningKeyStore::besideDatabase(store->databaseFile());
    QCOMPARE(fs::status(file).permissions() & fs::perms::all,
             fs::perms::owner_read | fs::perms::owner_write);
    const auto loaded = store->signingKeys().load();
    QVERIFY(loaded);
    QCOMPARE(loaded->device_id, std::string("dev-A"));
    QVERIFY(loaded->public_key == key.public_key && loaded->secret_key == key.secret_key);
    // Replaced whole, still owner-only.
    giveKey(*store, "dev-B");
    QCOMPARE(store->signingKeys().load()->device_id, std::string("dev-B"));
    QCOMPARE(fs::status(file).permissions() & fs::perms::all,
             fs::perms::owner_read | fs::perms::owner_write);
}

void TestDeviceStatements::migratesToStatements()
{
    {
        // A version-3 database with one final visit (finalised before devices signed).
        Database db(databaseFile());
        migrate(db, deviceSchemaSteps(), "test", 3);
        QCOMPARE(db.userVersion(), std::int64_t(3));
        db.execScript(
            "INSERT INTO inspections VALUES ('v1', NULL, 'ent-1', 'survey', '[\"李\"]', '王', "
            "'2017-05-01T08:00:00.000Z', '2017-05-01T09:00:00.000Z', NULL, NULL, NULL, 'final', "
            "'', 2, NULL);");
    }
    auto store = open();
    {
        Database db(store->databaseFile());
        QVERIFY(db.userVersion() >= 4); // statements came with version 4
        QCOMPARE(db.userVersion(), std::int64_t(deviceSchemaSteps().size()));
    }
    QCOMPARE(store->inspection("v1")->state, InspectionState::Final);
    QVERIFY(!store->statementOf("v1"));
    giveKey(*store, "dev-A");
    const std::string id = finalVisit(*store);
    QCOMPARE(store->statementOf(id)->seq, std::int64_t(1));
}

QTEST_GUILESS_MAIN(TestDeviceStatements)
#include "tst_devicestatements.moc"
