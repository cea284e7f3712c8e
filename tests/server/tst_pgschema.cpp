// The PostgreSQL store's schema steps (pgschema.h) on a private PostgreSQL 15 cluster: one
// transactional step per version in schema_version, a failed step leaves no trace, a newer
// database is refused, and several servers opening one new database at once migrate it once.

#include "storebackend.h"

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
