// The office log's storage without a server: the schema step that logs what an older office
// already held, an append that rolls back, review decisions, and the office key file.

#include "db/migrations.h"
#include "server/domain/officekey.h"
#include "server/domain/storeruleerror.h"
#include "server/storage/officelog.h"
#include "server/storage/officeschema.h"
#include "server/storage/sqliteofficestore.h"

#include <QTemporaryDir>
#include <QTest>

#include <fstream>

#include <sys/stat.h>

using namespace fp;

namespace {

std::int64_t scalar(Database &db, const std::string &sql)
{
    Statement s(db, sql);
    s.step();
    return s.integer(0);
}

void addInspection(Database &db, const std::string &id, const std::string &state)
{
    Statement(db, "INSERT INTO inspection (id, version, state, enterprise_id, kind, device_id, "
                  "content_hash, data, device_time, received_at) VALUES (?, 2, ?, 'e1', "
                  "'survey', 'd1', '', ?, '2026-12-01T08:00:00.000Z', ?)")
        .bind(1, id)
        .bind(2, state)
        .bind(3, "{\"id\":\"" + id + "\"}")
        .bind(4, "2026-12-01T09:00:00.000Z-" + id)
        .exec();
    Statement(db, "INSERT INTO review (inspection_id, state, reason, reviewed_at) VALUES (?, "
                  "'received', '', '2026-12-01T09:00:00.000Z')")
        .bind(1, id)
        .exec();
}

std::array<unsigned char, 32> seed()
{
    std::array<unsigned char, 32> s{};
    s[5] = 42;
    return s;
}

} // namespace

class TestOfficeLogStore : public QObject
{
    Q_OBJECT

  private slots:
    void anOlderOfficeIsLoggedWhenItUpgrades()
    {
        QTemporaryDir tmp;
        const std::filesystem::path file = tmp.path().toStdString() + "/office.db";
        {
            Database db(file);
            migrate(db, officeSchemaSteps(), "office", 3);
            db.execScript("INSERT INTO region (id, name, kind) VALUES ('r1', 'R', 'town');"
                          "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES "
                          "('e1', 'C1', 'E', 'r1');");
            addInspection(db, "a", "final");
            addInspection(db, "b", "final");
            addInspection(db, "c", "draft");
            Statement(db, "UPDATE review SET state = 'returned', reason = 'blurred' WHERE "
                          "inspection_id = 'a'")
                .exec();
        }
        const TreeHeadSigner signer(OfficeKey::fromSeed(seed()), SystemClock::instance());
        SqliteOfficeStore store(file, &signer);
        Database db(file);
        QCOMPARE(db.userVersion(), std::int64_t(officeSchemaSteps().size())); // 5 and after
        // Two final inspections and one decision; the draft and the 'received' review are not
        // office decisions.
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM log_leaf WHERE type = 'inspection'"), 2);
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM log_leaf WHERE type = 'review'"), 1);
        const auto head = store.latestTreeHead();
        QVERIFY(head);
        QCOMPARE(head->tree_size, 3);
        QVERIFY(verifyTreeHead(*head, signer.publicKeyHex()));
        const auto report = store.verifyLog();
        QVERIFY2(!report.problem, report.problem.value_or("").c_str());
        QCOMPARE(report.leaves, 3);

        // A later decision is a new leaf and a new head; the review row shows it.
        store.setReview("b", ReviewState::Accepted, {}, "2026-12-02T10:00:00.000Z");
        QCOMPARE(store.latestTreeHead()->tree_size, 4);
        QVERIFY(!store.verifyLog().problem);
        // A refused decision logs nothing.
        QVERIFY_THROWS_EXCEPTION(StoreRuleError,
                                 store.setReview("nope", ReviewState::Accepted, {}, "now"));
        QCOMPARE(store.latestTreeHead()->tree_size, 4);
        QCOMPARE(store.consistencyProof(3, 4).to, 4);
        QVERIFY(!store.verifyLog().problem);

        // The review row edited behind the log's back.
        Statement(db, "UPDATE review SET state = 'accepted' WHERE inspection_id = 'a'").exec();
        const auto edited = store.verifyLog();
        QVERIFY(edited.problem);
        QVERIFY2(edited.problem->find("review of inspection a") != std::string::npos,
                 edited.problem->c_str());
    }

    void aRolledBackAppendLeavesNoTrace()
    {
        QTemporaryDir tmp;
        Database db(tmp.path().toStdString() + "/office.db");
        migrate(db, officeSchemaSteps(), "office");
        const TreeHeadSigner signer(OfficeKey::fromSeed(seed()), SystemClock::instance());
        OfficeLog log(&signer);
        const InspectionLeaf leaf{"x", "d", 1, merkle::sha256("x")};
        {
            Transaction tx(db);
            OfficeLog::Batch batch(log, db);
            batch.append(leaf, "x", "t");
            batch.seal();
            tx.commit();
            batch.keep();
        }
        {
            Transaction tx(db);
            OfficeLog::Batch batch(log, db);
            batch.append(InspectionLeaf{"y", "d", 1, merkle::sha256("y")}, "y", "t");
            batch.seal();
            // No commit: the transaction rolls back, and so must the memory tree.
        }
        QCOMPARE(scalar(db, "SELECT COUNT(*) FROM log_leaf"), 1);
        QVERIFY_THROWS_EXCEPTION(StoreRuleError, log.consistency(db, 1, 2));
        const auto proof = log.inclusion(db, 0, 1);
        QCOMPARE(proof.leaf_hash, merkle::toHex(merkle::leafHash(encodeLeaf(leaf))));
        QCOMPARE(log.latestHead(db)->tree_size, 1);
        // The log's rows refuse UPDATE and DELETE.
        QVERIFY_THROWS_EXCEPTION(StoreError, db.execScript("DELETE FROM log_leaf"));
        QVERIFY_THROWS_EXCEPTION(StoreError, db.execScript("UPDATE log_leaf SET record = 'z'"));
    }

    void theOfficeKeyFileIsPrivateAndKept()
    {
        QTemporaryDir tmp;
        const std::filesystem::path file = tmp.path().toStdString() + "/office.key";
        const OfficeKey made = OfficeKey::loadOrCreate(file);
        struct stat st
        {
        };
        QCOMPARE(::stat(file.c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QCOMPARE(OfficeKey::loadOrCreate(file).publicKeyHex(), made.publicKeyHex());
        QCOMPARE(made.publicKeyHex().size(), std::size_t(64));

        ::chmod(file.c_str(), 0644);
        try {
            OfficeKey::loadOrCreate(file);
            QFAIL("a key readable by others was accepted");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find("chmod 600") != std::string::npos, e.what());
        }
        ::chmod(file.c_str(), 0600);
        {
            std::ofstream out(file, std::ios::trunc);
            out << "not a key\n";
        }
        QVERIFY_THROWS_EXCEPTION(Error, OfficeKey::loadOrCreate(file));
    }
};

QTEST_GUILESS_MAIN(TestOfficeLogStore)
#include "tst_officelogstore.moc"
