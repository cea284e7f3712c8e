// The office's integrity check of the tests (tests/support officeintegrity.h), shown to catch
// what it is for: a whole office passes; a log leaf changed behind the store's back fails it
// (`log verify`), and passes again once undone; on PostgreSQL a btree index that no longer
// matches its table fails amcheck, naming the index. Runs on SQLite and, as
// tst_officeintegrity_postgresql, with the office on PostgreSQL.

#include "apifixture.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "db/database.h"
#include "devicesigner.h"
#include "officedatabase.h"
#include "officeintegrity.h"
#include "testdata.h"
#include "testimages.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

class TestOfficeIntegrity : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void aWholeOfficePasses();
    void aChangedLeafFailsIt();
    void aBrokenIndexFailsItOnPostgresql();

  private:
    /// Appends one byte to (or, `undo`, drops the last byte of) the first leaf's bytes, past the
    /// triggers that keep the log append-only.
    void changeFirstLeaf(bool undo);

    ApiFixture m_office;
};

void TestOfficeIntegrity::initTestCase()
{
    requireOfficeDatabase();
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    const EnrolledDevice tablet = m_office.enroll("zhang");
    const std::string enterprise = m_office.enterpriseId(ApiFixture::kTianchengCode);
    const std::string jpeg = test::jpegOf(test::photoLike(64, 48, 5));
    const std::string photo = sha256Hex(jpeg);
    HttpClient http(m_office.baseUrl());
    http.setToken(tablet.token);
    QCOMPARE(http.put("/api/v1/blobs/" + photo, jpeg).status, 201L);
    const InspectionBundle bundle = finalDismantledBundle(
        enterprise, m_office.equipmentOf(enterprise).front(), photo, std::int64_t(jpeg.size()));
    const Json item = signerFor(tablet.id)->signItem(pushItem(bundle, 1));
    const Json body{{"device_id", tablet.id}, {"batch_id", newId()}, {"items", {item}}};
    const auto pushed = http.postJson("/api/v1/sync/push", body.dump());
    QCOMPARE(pushed.status, 200L);
    QCOMPARE(pushed.json()["results"][0]["status"], "stored"); // leaves in the office log
}

void TestOfficeIntegrity::aWholeOfficePasses()
{
    QCOMPARE(officeIntegrity(m_office), std::string("ok"));
}

void TestOfficeIntegrity::changeFirstLeaf(bool undo)
{
    const QString conninfo = officeDatabaseFor(m_office.dataDir());
    if (!conninfo.isEmpty()) {
        pgExec(conninfo, std::string("ALTER TABLE log_leaf DISABLE TRIGGER USER; UPDATE log_leaf "
                                     "SET leaf = ") +
                             (undo ? "substring(leaf from 1 for length(leaf) - 1)"
                                   : "leaf || '\\x00'::bytea") +
                             " WHERE idx = (SELECT min(idx) FROM log_leaf); ALTER TABLE log_leaf "
                             "ENABLE TRIGGER USER");
        return;
    }
    const auto db = m_office.officeDb(); // office.db itself on SQLite
    db->execScript("DROP TRIGGER IF EXISTS log_leaf_no_update");
    Statement read(*db, "SELECT leaf FROM log_leaf ORDER BY idx LIMIT 1");
    QVERIFY(read.step());
    std::string bytes = read.text(0);
    read.reset();
    if (undo)
        bytes.pop_back();
    else
        bytes.push_back('\0');
    Statement(*db, "UPDATE log_leaf SET leaf = ? WHERE idx = (SELECT min(idx) FROM log_leaf)")
        .bindBlob(1, bytes.data(), bytes.size())
        .exec();
}

void TestOfficeIntegrity::aChangedLeafFailsIt()
{
    changeFirstLeaf(false);
    const std::string found = officeIntegrity(m_office);
    changeFirstLeaf(true);
    QVERIFY2(found.find("log verify") != std::string::npos, found.c_str());
    QVERIFY2(found.find("leaf") != std::string::npos, found.c_str());
    // Undone, the same check passes again: it answered to the change, not to the office.
    QCOMPARE(officeIntegrity(m_office), std::string("ok"));
}

void TestOfficeIntegrity::aBrokenIndexFailsItOnPostgresql()
{
    const QString conninfo = officeDatabaseFor(m_office.dataDir());
    if (conninfo.isEmpty())
        QSKIP("amcheck is PostgreSQL's; this run's office is on SQLite");
    // An expression index over a function declared IMMUTABLE that then changes: the index
    // holds keys its table no longer gives (corruption without touching a file).
    pgExec(conninfo,
           "CREATE FUNCTION broken_key(t text) RETURNS text LANGUAGE sql IMMUTABLE AS "
           "$$ SELECT t $$; CREATE TABLE broken_table (t text); INSERT INTO broken_table SELECT "
           "g::text FROM generate_series(1, 500) g; CREATE INDEX broken_index ON broken_table "
           "(broken_key(t)); CREATE OR REPLACE FUNCTION broken_key(t text) RETURNS text LANGUAGE "
           "sql IMMUTABLE AS $$ SELECT reverse(t) || 'x' $$");
    const std::string found = officeIntegrity(m_office);
    pgExec(conninfo, "DROP TABLE broken_table; DROP FUNCTION broken_key(text)");
    QVERIFY2(found.find("amcheck: index broken_index") != std::string::npos, found.c_str());
    QCOMPARE(officeIntegrity(m_office), std::string("ok"));
}

QTEST_GUILESS_MAIN(TestOfficeIntegrity)
#include "tst_officeintegrity.moc"
