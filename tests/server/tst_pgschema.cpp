// The PostgreSQL store's schema steps (pgschema.h) on a private PostgreSQL 15 cluster: one
// transactional step per version in schema_version, a failed step leaves no trace, a newer
// database is refused, and several servers opening one new database at once migrate it once.

#include "storebackend.h"

#include "core/json.h"
#include "db/migrations.h"
#include "pgcluster.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgschema.h"

#include <QTest>

#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

bool tableExists(PgConnection &db, const std::string &name)
{
    return db.exec("SELECT to_regclass($1) IS NOT NULL", {name}).text(0, 0) == "t";
}

} // namespace

class TestPgSchema : public QObject
{
    Q_OBJECT

    std::unique_ptr<PgCluster> m_cluster;
    int m_count = 0;

    std::string newDatabase()
    {
        const QString info = m_cluster->createDatabase("schema_" + QString::number(++m_count));
        if (info.isEmpty())
            qWarning("%s", qPrintable(m_cluster->errorText()));
        return info.toStdString();
    }

  private slots:
    void initTestCase()
    {
        m_cluster = std::make_unique<PgCluster>();
        if (!m_cluster->available()) {
            if (backendRequired())
                QFAIL(qPrintable(m_cluster->skipReason()));
            QSKIP(qPrintable(m_cluster->skipReason()));
        }
        QVERIFY2(m_cluster->start(), qPrintable(m_cluster->errorText()));
        qInfo("PostgreSQL cluster: initdb %lld ms, start %lld ms",
              static_cast<long long>(m_cluster->initMs()),
              static_cast<long long>(m_cluster->startMs()));
    }

    void cleanupTestCase()
    {
        if (m_cluster && m_cluster->isRunning()) {
            QVERIFY(m_cluster->stop());
            qInfo("PostgreSQL cluster: stop %lld ms", static_cast<long long>(m_cluster->stopMs()));
        }
        m_cluster.reset();
    }

    void aNewDatabaseGetsEveryStepOnce()
    {
        const std::string info = newDatabase();
        QVERIFY(!info.empty());
        {
            PgOfficeStore store(info);
        }
        PgConnection db(info);
        const auto latest = static_cast<std::int64_t>(pgSchemaSteps().size());
        QCOMPARE(pgSchemaVersion(db), latest);
        QVERIFY(tableExists(db, "app_user"));
        QVERIFY(tableExists(db, "device"));
        // Opening again runs nothing: the version and the rows stay.
        db.execScript("INSERT INTO app_user (id, username, password_hash, role) VALUES ('u1', "
                      "'kept', 'h', 'admin')");
        {
            PgOfficeStore again(info);
        }
        QCOMPARE(pgSchemaVersion(db), latest);
        QCOMPARE(db.exec("SELECT count(*) FROM app_user").integer(0, 0), std::int64_t(1));
        QCOMPARE(migratePg(db, pgSchemaSteps(), "test"), latest);
    }

    // The office's own records (h-pgrec).
    void anOlderOfficesCardsAndReviewsAreCopiedIntoTheJournal()
    {
        // As SQLite's office step 8: what the office did before the journal's step, copied in
        // oldest first when it runs. Found by the steps' tables, not their numbers: the steps
        // are run one at a time and the history written as soon as card_history and
        // review_history exist, before the journal's step.
        const std::string info = newDatabase();
        QVERIFY(!info.empty());
        PgConnection db(info);
        const auto latest = static_cast<std::int64_t>(pgSchemaSteps().size());
        bool written = false;
        for (std::int64_t target = 1; target <= latest; ++target) {
            migratePg(db, pgSchemaSteps(), "test", target);
            if (written || !tableExists(db, "card_history") || !tableExists(db, "review_history") ||
                tableExists(db, "office_journal"))
                continue;
            db.execScript(
                "INSERT INTO region (id, name, kind) VALUES ('r1', 'R', 'town');"
                "INSERT INTO enterprise (id, credit_code, name, region_id) VALUES "
                "('e1', 'C1', 'E', 'r1');"
                "INSERT INTO inspection (id, version, state, enterprise_id, kind, device_id, "
                "content_hash, data, device_time, received_at) VALUES ('i1', 2, 'final', 'e1', "
                "'survey', 'd1', '', '{}', '2026-11-01T08:00:00.000Z', "
                "'2026-11-01T09:00:00.000Z');"
                "INSERT INTO card_history (card_id, at, by, action, card) VALUES "
                "('c1', '2026-11-01T08:00:00.000Z', 'li', 'issued', "
                "'{\"id\":\"c1\",\"enterprise_id\":\"e1\",\"state\":\"open\"}'),"
                "('c1', '2026-11-03T08:00:00.000Z', 'cli', 'withdrawn: wrong plant', "
                "'{\"id\":\"c1\",\"enterprise_id\":\"e1\",\"state\":\"withdrawn\"}');");
            db.execScript("INSERT INTO review_history (inspection_id, state, reason, reviewed_at, "
                          "reviewed_by) VALUES ('i1', 'returned', 'blurred', "
                          "'2026-11-02T08:00:00.000Z', 'wang')");
            written = true;
        }
        QVERIFY(written);
        QVERIFY(tableExists(db, "office_journal"));
        const PgResult r = db.exec("SELECT kind, account, enterprise_id, summary, detail FROM "
                                   "office_journal ORDER BY seq");
        QCOMPARE(r.rows(), 3);
        QCOMPARE(r.text(0, 0), std::string("card.issued"));
        QCOMPARE(r.text(1, 0), std::string("review.returned"));
        QCOMPARE(r.text(1, 1), std::string("wang"));
        QCOMPARE(r.text(1, 2), std::string("e1"));
        QCOMPARE(r.text(1, 3), std::string("blurred"));
        QCOMPARE(Json::parse(r.text(1, 4))["before"].get<std::string>(), std::string("received"));
        QCOMPARE(r.text(2, 0), std::string("card.withdrawn"));
        QCOMPARE(r.text(2, 3), std::string("wrong plant"));
        QCOMPARE(Json::parse(r.text(2, 4))["before"]["state"].get<std::string>(),
                 std::string("open"));
        // From then on both histories reach the journal by trigger.
        db.execScript("INSERT INTO review_history (inspection_id, state, reason, reviewed_at, "
                      "reviewed_by) VALUES ('i1', 'accepted', '', '2026-11-04T08:00:00.000Z', "
                      "'zhao')");
        const PgResult last =
            db.exec("SELECT kind, detail FROM office_journal ORDER BY seq DESC LIMIT 1");
        QCOMPARE(last.text(0, 0), std::string("review.accepted"));
        QCOMPARE(Json::parse(last.text(0, 1))["before"].get<std::string>(),
                 std::string("returned"));
    }

    void aFailedStepLeavesNoTrace()
    {
        const std::string info = newDatabase();
        QVERIFY(!info.empty());
        PgConnection db(info);
        const std::vector<PgMigrationStep> steps{
            [](PgConnection &c) { c.execScript("CREATE TABLE one (x int)"); },
            [](PgConnection &c) {
                c.execScript("CREATE TABLE two (x int)");
                throw Error("step 2 fails half-way");
            }};
        QVERIFY_THROWS_EXCEPTION(Error, migratePg(db, steps, "test"));
        QCOMPARE(pgSchemaVersion(db), std::int64_t(1));
        QVERIFY(tableExists(db, "one"));
        QVERIFY(!tableExists(db, "two"));
        // Stopping at a target version runs the steps up to it only.
        const std::string other = newDatabase();
        PgConnection db2(other);
        QCOMPARE(migratePg(db2, steps, "test", 1), std::int64_t(0));
        QCOMPARE(pgSchemaVersion(db2), std::int64_t(1));
        QVERIFY(!tableExists(db2, "two"));
    }

    void aNewerDatabaseIsRefusedUntouched()
    {
        const std::string info = newDatabase();
        QVERIFY(!info.empty());
        PgConnection db(info);
        const auto newer = static_cast<std::int64_t>(pgSchemaSteps().size()) + 1;
        db.execScript("CREATE TABLE schema_version (version bigint NOT NULL, one boolean PRIMARY "
                      "KEY DEFAULT true CHECK (one))");
        db.exec("INSERT INTO schema_version (version) VALUES ($1::bigint)",
                {std::to_string(newer)});
        QVERIFY_THROWS_EXCEPTION(SchemaTooNewError, PgOfficeStore store(info));
        QCOMPARE(pgSchemaVersion(db), newer);
        QVERIFY(!tableExists(db, "app_user"));
    }

    void serversStartingAtOnceMigrateOnce()
    {
        const std::string info = newDatabase();
        QVERIFY(!info.empty());
        constexpr int kServers = 6;
        std::vector<std::string> errors(kServers);
        std::vector<std::thread> threads;
        threads.reserve(kServers);
        for (int i = 0; i < kServers; ++i) {
            threads.emplace_back([&info, &errors, i] {
                try {
                    PgOfficeStore store(info);
                } catch (const std::exception &e) {
                    errors[static_cast<std::size_t>(i)] = e.what();
                }
            });
        }
        for (auto &t : threads)
            t.join();
        for (const auto &e : errors)
            QVERIFY2(e.empty(), e.c_str());
        PgConnection db(info);
        QCOMPARE(pgSchemaVersion(db), static_cast<std::int64_t>(pgSchemaSteps().size()));
    }

    void anUnreachableDatabaseIsOneClearError()
    {
        try {
            PgOfficeStore store(m_cluster->conninfo("no_such_database").toStdString());
            QFAIL("a store opened on a database that does not exist");
        } catch (const PgError &e) {
            QVERIFY2(QByteArray(e.what()).contains("no_such_database"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestPgSchema)
#include "tst_pgschema.moc"
