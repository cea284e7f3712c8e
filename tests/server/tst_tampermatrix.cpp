// Tamper tests (issue 13 item 6) that the other tests leave out, with the real server, the real
// `fieldproof-server` CLI and the real fieldproof-verify (docs/protocol.md, "What tampering is
// detected where"): a replayed statement and a forked chain add no leaf to the office log; a
// changed byte of a log leaf (or of its stored hash) and a deleted leaf are named by
// `log verify`; a photo's bytes changed on the office disk are named by fieldproof-verify in
// the next evidence bundle and refused by `backup`. Each tampering is undone afterwards and
// `log verify` passes again, so each check is shown to answer to the tampering, not to the office.

#include "apifixture.h"
#include "core/sha256.h"
#include "crypto/statement.h"
#include "db/database.h"
#include "devicesigner.h"
#include "protocol/evidencebundle.h"
#include "testdata.h"
#include "testimages.h"

#include <QDirIterator>
#include <QFile>
#include <QtTest>

using namespace fp;
using namespace fp::test;

class TestTamperMatrix : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void replayedStatementAddsNoLeaf();
    void forkAddsNoLeaf();
    void changedLeafByteIsNamedByLogVerify();
    void changedLeafHashIsNamedByLogVerify();
    void deletedLeafIsNamedByLogVerify();
    void truncatedLogIsNamedByLogVerify();
    void changedPhotoOnDiskIsNamedInTheBundle();

  private:
    InspectionBundle finalBundle();
    std::int64_t leaves();
    std::int64_t headSize();
    /// `log verify` passes (the office is whole again after each tampering is undone).
    void expectLogWhole();
    /// `log verify` fails with one line holding every one of `parts`.
    void expectLogNames(const QStringList &parts);
    /// Blob `column` of log leaf `idx` (`was`) written as `edited` behind the office's back (its
    /// update trigger dropped, as someone with the file would): `log verify` names `parts`,
    /// then passes once `was` is written back.
    void expectEditedLeafNamed(const std::string &column, int idx, const std::string &was,
                               const std::string &edited, const QStringList &parts);

    ApiFixture m_office;
    EnrolledDevice m_tablet;
    std::string m_jpeg;
    std::string m_photo;
    std::string m_tiancheng;
    std::string m_accepted; // an accepted inspection of 天成 with the photo
};

void TestTamperMatrix::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_tablet = m_office.enroll("zhang");
    m_tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    QVERIFY(!m_tiancheng.empty());
    m_jpeg = test::jpegOf(test::photoLike(64, 48, 11));
    m_photo = sha256Hex(m_jpeg);
    HttpClient http(m_office.baseUrl());
    http.setToken(m_tablet.token);
    QCOMPARE(http.put("/api/v1/blobs/" + m_photo, m_jpeg).status, 201L);
    // Three signed finals and a review: a log with leaves of every kind.
    DeviceSigner &signer = *signerFor(m_tablet.id);
    for (int i = 0; i < 3; ++i) {
        const InspectionBundle b = finalBundle();
        QCOMPARE(m_office.pushAsIs(m_tablet, signer.signItem(pushItem(b, 1)))["status"], "stored");
        if (i == 0)
            m_accepted = b.inspection.id;
    }
    const auto run = m_office.cli({"review", "accept", QString::fromStdString(m_accepted)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    expectLogWhole();
    QVERIFY(leaves() >= 7); // 3 inspections, 3 statements, 1 review
}

InspectionBundle TestTamperMatrix::finalBundle()
{
    return finalDismantledBundle(m_tiancheng, m_office.equipmentOf(m_tiancheng).front(), m_photo,
                                 std::int64_t(m_jpeg.size()));
}

std::int64_t TestTamperMatrix::leaves()
{
    return scalar(*m_office.officeDb(), "SELECT COUNT(*) FROM log_leaf");
}

std::int64_t TestTamperMatrix::headSize()
{
    return scalar(*m_office.officeDb(), "SELECT MAX(tree_size) FROM log_head");
}

void TestTamperMatrix::expectLogWhole()
{
    const CliRun verify = m_office.cli({"log", "verify"});
    QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
}

void TestTamperMatrix::expectLogNames(const QStringList &parts)
{
    const CliRun verify = m_office.cli({"log", "verify"});
    QCOMPARE(verify.exitCode, 1);
    QCOMPARE(verify.err.trimmed().count('\n'), 0);
    for (const QString &part : parts)
        QVERIFY2(verify.err.contains(part), qPrintable("no '" + part + "' in: " + verify.err));
}

void TestTamperMatrix::replayedStatementAddsNoLeaf()
{
    // A device (or someone holding its traffic) sends an old statement again, in a new batch,
    // after the device's chain has moved on: same seq, same content, same signature.
    const EnrolledDevice tablet = m_office.enroll("zhang");
    DeviceSigner &signer = *signerFor(tablet.id);
    const Json first = signer.signItem(pushItem(finalBundle(), 1));
    const Json second = signer.signItem(pushItem(finalBundle(), 1));
    QCOMPARE(m_office.pushAsIs(tablet, first)["status"], "stored");
    QCOMPARE(m_office.pushAsIs(tablet, second)["status"], "stored");
    const std::int64_t before = leaves();
    const std::int64_t head = headSize();
    QCOMPARE(head, before);

    for (const Json &old : {first, second}) {
        const Json replay = m_office.pushAsIs(tablet, old);
        QCOMPARE(replay["status"], "duplicate");
        QVERIFY2(!replay.contains("code"), replay.dump().c_str());
    }
    QCOMPARE(leaves(), before);
    QCOMPARE(headSize(), head);
    const auto db = m_office.officeDb();
    Statement chain(*db, "SELECT count(*), max(seq) FROM device_statement WHERE device_id = ?");
    QVERIFY(chain.bind(1, tablet.id).step());
    QCOMPARE(chain.integer(0), std::int64_t(2));
    QCOMPARE(chain.integer(1), std::int64_t(2));
    Statement events(*db, "SELECT count(*) FROM chain_event WHERE device_id = ?");
    QVERIFY(events.bind(1, tablet.id).step());
    QCOMPARE(events.integer(0), std::int64_t(0)); // a replay is not a fork nor a gap
    expectLogWhole();
}

void TestTamperMatrix::forkAddsNoLeaf()
{
    // Two different statements with the same seq: the second is refused, flagged, and the log
    // holds only the first.
    const EnrolledDevice tablet = m_office.enroll("zhang");
    DeviceSigner &signer = *signerFor(tablet.id);
    QCOMPARE(m_office.pushAsIs(tablet, signer.signItem(pushItem(finalBundle(), 1)))["status"],
             "stored");
    const std::int64_t before = leaves();
    const std::int64_t head = headSize();

    const InspectionBundle other = finalBundle();
    const Json item = signer.signItemAt(pushItem(other, 1), 1, std::string(kFirstPrevHash));
    const Json result = m_office.pushAsIs(tablet, item);
    QCOMPARE(result["status"], "rejected");
    QCOMPARE(result["code"], "fork");
    // Sent again, it is refused again: a refused fork never becomes a duplicate.
    QCOMPARE(m_office.pushAsIs(tablet, item)["code"], "fork");

    QCOMPARE(leaves(), before);
    QCOMPARE(headSize(), head);
    const auto db = m_office.officeDb();
    QCOMPARE(
        scalar(*db, "SELECT count(*) FROM log_leaf WHERE record = '" + other.inspection.id + "'"),
        std::int64_t(0));
    Statement forks(*db, "SELECT count(*) FROM chain_event WHERE device_id = ? AND kind = 'fork'");
    QVERIFY(forks.bind(1, tablet.id).step());
    QVERIFY(forks.integer(0) >= 1);
    const CliRun report = m_office.cli({"device", "chain"});
    QVERIFY2(report.out.contains(QString::fromStdString(tablet.id + "\t1 statements")),
             qPrintable(report.out));
    QVERIFY(report.out.contains("\tfork\tseq 1"));
    expectLogWhole();
}

void TestTamperMatrix::expectEditedLeafNamed(const std::string &column, int idx,
                                             const std::string &was, const std::string &edited,
                                             const QStringList &parts)
{
    const auto db = m_office.officeDb();
    db->execScript("DROP TRIGGER IF EXISTS log_leaf_no_update");
    const std::string update =
        "UPDATE log_leaf SET " + column + " = ? WHERE idx = " + std::to_string(idx);
    Statement(*db, update).bindBlob(1, edited.data(), edited.size()).exec();
    expectLogNames(parts);
    Statement(*db, update).bindBlob(1, was.data(), was.size()).exec();
    expectLogWhole();
}

void TestTamperMatrix::changedLeafByteIsNamedByLogVerify()
{
    // One byte of a leaf's bytes changed in office.db, the stored leaf hash left as it was. The
    // triggers only stop mistakes; someone with the file drops them first.
    const std::string bytes =
        fp::test::text(*m_office.officeDb(), "SELECT leaf FROM log_leaf WHERE idx = 3");
    QVERIFY(bytes.size() > 40);
    std::string edited = bytes;
    const std::size_t at = bytes.size() - 10; // inside the leaf's last field
    edited[at] = edited[at] == '0' ? '1' : '0';
    expectEditedLeafNamed("leaf", 3, bytes, edited, {"leaf 3", "edited?"});
}

void TestTamperMatrix::changedLeafHashIsNamedByLogVerify()
{
    const std::string hash =
        fp::test::text(*m_office.officeDb(), "SELECT leaf_hash FROM log_leaf WHERE idx = 1");
    QCOMPARE(hash.size(), std::size_t(32));
    std::string edited = hash;
    edited[0] = char(edited[0] ^ 0x01);
    expectEditedLeafNamed(
        "leaf_hash", 1, hash, edited,
        {"leaf 1 (statement of inspection ", "stored hash does not match its bytes"});
}

void TestTamperMatrix::deletedLeafIsNamedByLogVerify()
{
    // A leaf in the middle of the log deleted (its inspection left alone).
    const auto db = m_office.officeDb();
    db->execScript("DROP TRIGGER IF EXISTS log_leaf_no_delete");
    db->execScript("CREATE TEMP TABLE saved_leaf AS SELECT * FROM log_leaf WHERE idx = 2");
    db->execScript("DELETE FROM log_leaf WHERE idx = 2");
    // The office refuses to open its log before the verifier runs (OfficeLog reads every leaf
    // when the store opens): `log verify` still fails with one line naming the leaf.
    expectLogNames({"the office log has no leaf 2"});
    db->execScript("INSERT INTO log_leaf SELECT * FROM temp.saved_leaf");
    db->execScript("DROP TABLE temp.saved_leaf");
    expectLogWhole();
}

void TestTamperMatrix::truncatedLogIsNamedByLogVerify()
{
    // The newest inspection deleted from the office database together with its two leaves at
    // the log's end: the signed tree heads still cover them.
    const auto db = m_office.officeDb();
    db->execScript("DROP TRIGGER IF EXISTS log_leaf_no_delete");
    const std::int64_t size = leaves();
    const std::string id = fp::test::text(
        *db, "SELECT record FROM log_leaf WHERE type = 'inspection' ORDER BY idx DESC");
    const std::int64_t first =
        scalar(*db, "SELECT MIN(idx) FROM log_leaf WHERE record = '" + id + "'");
    QCOMPARE(first, size - 2); // its inspection leaf and its statement leaf are the last two
    db->execScript("CREATE TEMP TABLE saved_leaf AS SELECT * FROM log_leaf WHERE idx >= " +
                   std::to_string(first));
    db->execScript("CREATE TEMP TABLE saved_inspection AS SELECT * FROM inspection WHERE id = '" +
                   id + "'");
    db->execScript(
        "CREATE TEMP TABLE saved_review AS SELECT * FROM review WHERE inspection_id = '" + id +
        "'");
    db->execScript("CREATE TEMP TABLE saved_statement AS SELECT * FROM device_statement WHERE "
                   "inspection_id = '" +
                   id + "'");
    db->execScript("DELETE FROM device_statement WHERE inspection_id = '" + id + "'");
    db->execScript("DELETE FROM review WHERE inspection_id = '" + id + "'");
    db->execScript("DELETE FROM inspection WHERE id = '" + id + "'");
    db->execScript("DELETE FROM log_leaf WHERE idx >= " + std::to_string(first));
    expectLogNames({"covers more leaves than the log holds", "leaves were deleted"});

    db->execScript("INSERT INTO inspection SELECT * FROM temp.saved_inspection;"
                   "INSERT INTO review SELECT * FROM temp.saved_review;"
                   "INSERT INTO device_statement SELECT * FROM temp.saved_statement;"
                   "INSERT INTO log_leaf SELECT * FROM temp.saved_leaf;");
    expectLogWhole();
}

void TestTamperMatrix::changedPhotoOnDiskIsNamedInTheBundle()
{
    // A byte of a stored photo changed on the office disk. `log verify` checks the database,
    // not the blob files (its leaves hold the inspection JSON's hash, which names the photo's
    // SHA-256 but not its bytes); the evidence bundle exported next carries the changed bytes
    // and fieldproof-verify names the photo, and `backup` refuses the blob.
    QString path;
    QDirIterator it(m_office.dataDir(), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString f = it.next();
        if (QFileInfo(f).fileName() == QString::fromStdString(m_photo))
            path = f;
    }
    QVERIFY2(!path.isEmpty(), "the photo's blob file is not in the data directory");
    QFile file(path);
    const auto perms = file.permissions();
    QVERIFY(file.setPermissions(perms | QFileDevice::WriteOwner));
    QVERIFY(file.open(QIODevice::ReadWrite));
    QCOMPARE(file.readAll(), QByteArray::fromStdString(m_jpeg));
    const qint64 at = qint64(m_jpeg.size() / 2);
    QVERIFY(file.seek(at));
    QVERIFY(file.putChar(char(m_jpeg[std::size_t(at)] ^ 0x20)));
    file.close();

    const QString zip = m_office.tempPath() + "/tampered-disk.zip";
    const CliRun bundle =
        m_office.cli({"bundle", "--enterprise", QString::fromStdString(m_tiancheng), "--out", zip});
    QVERIFY2(bundle.exitCode == 0, qPrintable(bundle.err));
    const CliRun checked = runProgram(QStringLiteral(FIELDPROOF_VERIFY_BIN), {zip});
    QCOMPARE(checked.exitCode, 1);
    const QString name = QString::fromStdString(bundle::blobPath(m_photo));
    QVERIFY2(checked.out.contains(name + " was changed: its bytes hash to "),
             qPrintable(checked.out));
    QVERIFY2(checked.out.contains("FAIL  inspection " + QString::fromStdString(m_accepted)),
             qPrintable(checked.out));

    const CliRun backup =
        m_office.cli({"backup", "--to", m_office.tempPath() + "/backup-of-tampered"});
    QVERIFY(backup.exitCode != 0);
    QVERIFY2(backup.err.contains("does not hash to its name") &&
                 backup.err.contains(QString::fromStdString(m_photo)),
             qPrintable(backup.err));

    // Undone: the bundle passes again (the check answers to the bytes, not to the office).
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(QByteArray::fromStdString(m_jpeg)), qint64(m_jpeg.size()));
    file.close();
    file.setPermissions(perms);
    const QString clean = m_office.tempPath() + "/clean.zip";
    QCOMPARE(
        m_office
            .cli({"bundle", "--enterprise", QString::fromStdString(m_tiancheng), "--out", clean})
            .exitCode,
        0);
    const CliRun passed = runProgram(QStringLiteral(FIELDPROOF_VERIFY_BIN), {clean});
    QVERIFY2(passed.exitCode == 0, qPrintable(passed.out));
}

QTEST_GUILESS_MAIN(TestTamperMatrix)
#include "tst_tampermatrix.moc"
