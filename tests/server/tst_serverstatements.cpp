// Signed statements at the real office (docs/protocol.md, "The office's checks"), over libcurl:
// enrolment keeps the device's public key; a final inspection pushed with its device's valid
// statement is stored with it; each tampering is refused with its own code (unsigned, bad
// signature, unknown key, revoked key, content changed after signing, a fork of the chain); a
// gap in a device's chain is recorded and the late statement then fills it. Also the office
// schema step that added the statements, on an old database.

#include "apifixture.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "crypto/ed25519.h"
#include "crypto/statement.h"
#include "db/database.h"
#include "db/migrations.h"
#include "devicesigner.h"
#include "server/storage/officeschema.h"
#include "server/storage/sqliteofficestore.h"
#include "testdata.h"
#include "testimages.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace fp;
using namespace fp::test;

class TestServerStatements : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void enrolmentKeepsThePublicKey();
    void enrolmentRefusesAMalformedKey();
    void signedFinalIsStoredWithItsStatement();
    void draftsNeedNoStatement();
    void unsignedFinalIsRefused();
    void badSignatureIsRefused();
    void unknownKeyIsRefused();
    void revokedKeyIsRefused();
    void contentChangedAfterSigningIsRefused();
    void forkIsRefusedAndFlagged();
    void gapIsRecordedAndFilledLater();
    void resendOfAStoredFinalStaysDuplicate();
    void largeBatchIsCheckedItemByItem();
    void officeSchemaMigratesToStatements();

  private:
    /// A final inspection of a 马风镇 enterprise with the uploaded photo.
    InspectionBundle finalBundle();
    Json signedItem(DeviceSigner &signer, const InspectionBundle &bundle, std::int64_t version = 1);

    ApiFixture m_office;
    EnrolledDevice m_zhang;
    std::string m_photo;
    std::int64_t m_photoSize = 0;
    std::string m_tiancheng;
};

void TestServerStatements::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_zhang = m_office.enroll("zhang");
    m_tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    QVERIFY(!m_tiancheng.empty());
    const std::string jpeg = test::jpegOf(test::photoLike(64, 48, 7));
    m_photo = sha256Hex(jpeg);
    m_photoSize = std::int64_t(jpeg.size());
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    QCOMPARE(http.put("/api/v1/blobs/" + m_photo, jpeg).status, 201L);
}

InspectionBundle TestServerStatements::finalBundle()
{
    return finalDismantledBundle(m_tiancheng, m_office.equipmentOf(m_tiancheng).front(), m_photo,
                                 m_photoSize);
}

Json TestServerStatements::signedItem(DeviceSigner &signer, const InspectionBundle &bundle,
                                      std::int64_t version)
{
    return signer.signItem(pushItem(bundle, version));
}

void TestServerStatements::enrolmentKeepsThePublicKey()
{
    const auto db = m_office.officeDb();
    Statement s(*db, "SELECT public_key FROM device WHERE id = ?");
    QVERIFY(s.bind(1, m_zhang.id).step());
    QCOMPARE(s.text(0), signerFor(m_zhang.id)->publicKeyHex());
}

void TestServerStatements::enrolmentRefusesAMalformedKey()
{
    HttpClient http(m_office.baseUrl());
    for (const std::string &key :
         {std::string(63, 'a'), std::string(64, 'A'), std::string("xyz")}) {
        const Json body{{"username", "zhang"},
                        {"password", ApiFixture::kPassword},
                        {"device_name", "bad key"},
                        {"public_key", key}};
        const auto r = http.postJson("/api/v1/devices/enroll", body.dump());
        QCOMPARE(r.status, 400L);
        QCOMPARE(r.json()["error"], "bad_request");
        QVERIFY(r.json()["message"].get<std::string>().find("public_key") != std::string::npos);
    }
}

void TestServerStatements::signedFinalIsStoredWithItsStatement()
{
    DeviceSigner &signer = *signerFor(m_zhang.id);
    const InspectionBundle bundle = finalBundle();
    const Json item = signedItem(signer, bundle);
    const Json result = m_office.pushAsIs(m_zhang, item);
    QCOMPARE(result["status"], "stored");
    QVERIFY2(!result.contains("code"), result.dump().c_str());

    const auto db = m_office.officeDb();
    Statement s(*db, "SELECT statement, statement_signature FROM inspection WHERE id = ?");
    QVERIFY(s.bind(1, bundle.inspection.id).step());
    const EvidenceStatement st = decode<EvidenceStatement>(item["statement"], "statement");
    QCOMPARE(s.text(0), canonicalBytes(st));
    QCOMPARE(s.text(1), item["signature"].get<std::string>());
    QVERIFY(verifyStatement(st, s.text(1), crypto::fromHex(signer.publicKeyHex())));
    Statement chain(*db, "SELECT seq, hash, inspection_id FROM device_statement WHERE "
                         "device_id = ? AND seq = ?");
    QVERIFY(chain.bind(1, m_zhang.id).bind(2, st.seq).step());
    QCOMPARE(chain.text(1), statementHash(st));
    QCOMPARE(chain.text(2), bundle.inspection.id);
}

void TestServerStatements::draftsNeedNoStatement()
{
    const auto eq = m_office.equipmentOf(m_tiancheng).front();
    const Json result = m_office.pushAsIs(m_zhang, pushItem(draftBundle(m_tiancheng, eq), 1));
    QCOMPARE(result["status"], "stored");
    // ... and may not carry one.
    Json item = signerFor(m_zhang.id)->signItem(pushItem(draftBundle(m_tiancheng, eq), 1));
    QCOMPARE(m_office.pushAsIs(m_zhang, item)["code"], "invalid_statement");
}

void TestServerStatements::unsignedFinalIsRefused()
{
    const Json result = m_office.pushAsIs(m_zhang, pushItem(finalBundle(), 1));
    QCOMPARE(result["status"], "rejected");
    QCOMPARE(result["code"], "unsigned");
}

void TestServerStatements::badSignatureIsRefused()
{
    Json item = signedItem(*signerFor(m_zhang.id), finalBundle());
    std::string signature = item["signature"];
    signature[5] = signature[5] == 'a' ? 'b' : 'a';
    item["signature"] = signature;
    const Json result = m_office.pushAsIs(m_zhang, item);
    QCOMPARE(result["status"], "rejected");
    QCOMPARE(result["code"], "bad_signature");
    // Signed by another key under zhang's device id: just as bad.
    DeviceSigner stranger(m_zhang.id);
    const Json forged = stranger.signItem(pushItem(finalBundle(), 1));
    QCOMPARE(m_office.pushAsIs(m_zhang, forged)["code"], "bad_signature");
}

void TestServerStatements::unknownKeyIsRefused()
{
    // A statement naming a device the office never enrolled.
    DeviceSigner ghost("no-such-device");
    QCOMPARE(m_office.pushAsIs(m_zhang, ghost.signItem(pushItem(finalBundle(), 1)))["code"],
             "unknown_key");
    // A device of another account (li, 感王镇) cannot vouch for zhang's push.
    const EnrolledDevice li = m_office.enroll("li");
    const Json lis = signerFor(li.id)->signItem(pushItem(finalBundle(), 1));
    QCOMPARE(m_office.pushAsIs(m_zhang, lis)["code"], "unknown_key");
    // A device enrolled without a key cannot sign at all.
    HttpClient http(m_office.baseUrl());
    const Json body{
        {"username", "zhang"}, {"password", ApiFixture::kPassword}, {"device_name", "old tablet"}};
    const auto r = http.postJson("/api/v1/devices/enroll", body.dump());
    QCOMPARE(r.status, 200L);
    const EnrolledDevice keyless{r.json()["device_id"], r.json()["token"]};
    DeviceSigner own(keyless.id);
    const Json result = m_office.pushAsIs(keyless, own.signItem(pushItem(finalBundle(), 1)));
    QCOMPARE(result["status"], "rejected");
    QCOMPARE(result["code"], "unknown_key");
}

void TestServerStatements::revokedKeyIsRefused()
{
    // The tablet signed under its old enrolment; the office revoked that device; the tablet,
    // enrolled again, delivers the statement through its new token.
    const EnrolledDevice old = m_office.enroll("zhang");
    const Json signedByOld = signerFor(old.id)->signItem(pushItem(finalBundle(), 1));
    const CliRun revoke = m_office.cli({"device", "revoke", QString::fromStdString(old.id)});
    QVERIFY2(revoke.exitCode == 0, qPrintable(revoke.err));
    const EnrolledDevice renewed = m_office.enroll("zhang");
    const Json result = m_office.pushAsIs(renewed, signedByOld);
    QCOMPARE(result["status"], "rejected");
    QCOMPARE(result["code"], "key_revoked");
    // While a not revoked older enrolment's statement is taken from the new one.
    const EnrolledDevice older = m_office.enroll("zhang");
    const Json signedByOlder = signerFor(older.id)->signItem(pushItem(finalBundle(), 1));
    QCOMPARE(m_office.pushAsIs(renewed, signedByOlder)["status"], "stored");
}

void TestServerStatements::contentChangedAfterSigningIsRefused()
{
    Json item = signedItem(*signerFor(m_zhang.id), finalBundle());
    item["data"]["inspection"]["notes"] = "加了一句";
    Json result = m_office.pushAsIs(m_zhang, item);
    QCOMPARE(result["status"], "rejected");
    QCOMPARE(result["code"], "content_mismatch");
    // A photo's hash swapped after signing: the bundle's hash names every photo.
    const std::string jpeg = test::jpegOf(test::photoLike(64, 48, 8));
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    QCOMPARE(http.put("/api/v1/blobs/" + sha256Hex(jpeg), jpeg).status, 201L);
    item = signedItem(*signerFor(m_zhang.id), finalBundle());
    item["data"]["photos"][0]["sha256"] = sha256Hex(jpeg);
    result = m_office.pushAsIs(m_zhang, item);
    QCOMPARE(result["code"], "content_mismatch");
}

void TestServerStatements::forkIsRefusedAndFlagged()
{
    const EnrolledDevice tablet = m_office.enroll("zhang");
    DeviceSigner &signer = *signerFor(tablet.id);
    QCOMPARE(m_office.pushAsIs(tablet, signedItem(signer, finalBundle()))["status"], "stored");
    // A second statement with seq 1 for another inspection, validly signed: a fork.
    const InspectionBundle other = finalBundle();
    const Json result = m_office.pushAsIs(
        tablet, signer.signItemAt(pushItem(other, 1), 1, std::string(kFirstPrevHash)));
    QCOMPARE(result["status"], "rejected");
    QCOMPARE(result["code"], "fork");
    // A later statement that names another predecessor than the held seq 1: a fork too.
    QCOMPARE(
        m_office.pushAsIs(tablet, signer.signItemAt(pushItem(other, 1), 2,
                                                    sha256Hex("not the first statement")))["code"],
        "fork");

    const auto db = m_office.officeDb();
    Statement forks(*db, "SELECT count(*), min(detail) FROM chain_event WHERE device_id = ? AND "
                         "kind = 'fork'");
    QVERIFY(forks.bind(1, tablet.id).step());
    QCOMPARE(forks.integer(0), std::int64_t(2));
    QVERIFY(forks.text(1).find(other.inspection.id) != std::string::npos);
    const CliRun report = m_office.cli({"device", "chain"});
    QCOMPARE(report.out.count(QString::fromStdString(tablet.id + "\t1 statements")), 1);
    QCOMPARE(report.out.count("\tfork\tseq "), 2);
    Statement stored(*db, "SELECT count(*) FROM inspection WHERE id = ?");
    QVERIFY(stored.bind(1, other.inspection.id).step());
    QCOMPARE(stored.integer(0), std::int64_t(0));
}

void TestServerStatements::gapIsRecordedAndFilledLater()
{
    const EnrolledDevice tablet = m_office.enroll("zhang");
    DeviceSigner &signer = *signerFor(tablet.id);
    const Json first = signedItem(signer, finalBundle());
    const Json second = signedItem(signer, finalBundle()); // still on its way
    const Json third = signedItem(signer, finalBundle());
    QCOMPARE(m_office.pushAsIs(tablet, first)["status"], "stored");
    const Json late = m_office.pushAsIs(tablet, third);
    QCOMPARE(late["status"], "stored");
    QCOMPARE(late["code"], "chain_gap");
    QVERIFY(late["reason"].get<std::string>().find("statements 2 of device") != std::string::npos);

    const auto db = m_office.officeDb();
    Statement gaps(*db, "SELECT statement_seq, detail FROM chain_event WHERE device_id = ? AND "
                        "kind = 'gap'");
    QVERIFY(gaps.bind(1, tablet.id).step());
    QCOMPARE(gaps.integer(0), std::int64_t(3));
    QVERIFY(!gaps.step());
    // The office reads it in the chain report.
    const auto lineOf = [&](const QString &out) {
        for (const QString &line : out.split('\n'))
            if (line.startsWith(QString::fromStdString(tablet.id)))
                return line;
        return QString();
    };
    CliRun report = m_office.cli({"device", "chain"});
    QVERIFY2(report.exitCode == 0, qPrintable(report.err));
    QCOMPARE(lineOf(report.out),
             QString::fromStdString(tablet.id) + "\t2 statements\tseq 1-3\tmissing 2");
    QVERIFY(report.out.contains("\tgap\tseq 3\tstatements 2 of device"));
    // The missing statement arrives: it fits between its neighbours, no new event.
    const Json filled = m_office.pushAsIs(tablet, second);
    QCOMPARE(filled["status"], "stored");
    QVERIFY2(!filled.contains("code"), filled.dump().c_str());
    Statement chain(*db, "SELECT group_concat(seq) FROM (SELECT seq FROM device_statement WHERE "
                         "device_id = ? ORDER BY seq)");
    QVERIFY(chain.bind(1, tablet.id).step());
    QCOMPARE(chain.text(0), std::string("1,2,3"));
    report = m_office.cli({"device", "chain"});
    QCOMPARE(lineOf(report.out),
             QString::fromStdString(tablet.id) + "\t3 statements\tseq 1-3\tcomplete");
}

void TestServerStatements::resendOfAStoredFinalStaysDuplicate()
{
    const EnrolledDevice tablet = m_office.enroll("zhang");
    const Json item = signedItem(*signerFor(tablet.id), finalBundle());
    QCOMPARE(m_office.pushAsIs(tablet, item)["status"], "stored");
    QCOMPARE(m_office.pushAsIs(tablet, item)["status"], "duplicate");
}

void TestServerStatements::largeBatchIsCheckedItemByItem()
{
    // A full batch is checked on several threads: each result still answers its own item.
    const EnrolledDevice tablet = m_office.enroll("zhang");
    DeviceSigner &signer = *signerFor(tablet.id);
    std::vector<Json> items;
    items.reserve(300);
    for (int i = 0; i < 300; ++i)
        items.push_back(signedItem(signer, finalBundle()));
    std::string signature = items[77]["signature"];
    signature[0] = signature[0] == 'a' ? 'b' : 'a';
    items[77]["signature"] = signature;
    items[201]["data"]["inspection"]["notes"] = "改过";
    items[250] = pushItem(finalBundle(), 1); // unsigned
    HttpClient http(m_office.baseUrl());
    http.setToken(tablet.token);
    const Json body{{"device_id", tablet.id}, {"batch_id", newId()}, {"items", items}};
    const auto r = http.postJson("/api/v1/sync/push", body.dump());
    QCOMPARE(r.status, 200L);
    const Json results = r.json()["results"];
    QCOMPARE(results.size(), items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        QCOMPARE(results[i]["id"], items[i]["id"]);
        const std::string code = results[i].value("code", "");
        if (i == 77)
            QCOMPARE(code, std::string("bad_signature"));
        else if (i == 201)
            QCOMPARE(code, std::string("content_mismatch"));
        else if (i == 250)
            QCOMPARE(code, std::string("unsigned"));
        else if (i == 78 || i == 202 || i == 251) // after a refused statement: a gap noted
            QCOMPARE(code, std::string("chain_gap"));
        else
            QVERIFY2(results[i]["status"] == "stored" && code.empty(), results[i].dump().c_str());
    }
}

void TestServerStatements::officeSchemaMigratesToStatements()
{
    QTemporaryDir dir;
    const std::filesystem::path file = dir.filePath("office.db").toStdString();
    {
        // A schema-3 office with a device enrolled before keys existed.
        Database db(file);
        QCOMPARE(migrate(db, officeSchemaSteps(), "office", 3), std::int64_t(0));
        db.execScript("INSERT INTO app_user VALUES ('u1', 'zhang', 'x', 'inspector', 1);"
                      "INSERT INTO device VALUES ('d1', 'u1', 'old tablet', 'hash', "
                      "'2017-01-01T00:00:00.000Z', NULL);");
    }
    SqliteOfficeStore store(file); // migrates to the newest schema
    const auto device = store.findDevice("d1");
    QVERIFY(device);
    QCOMPARE(device->public_key, std::nullopt);
    Database db(file);
    QCOMPARE(db.userVersion(), std::int64_t(officeSchemaSteps().size())); // v4 and after
    db.execScript("INSERT INTO device_statement VALUES ('d1', 1, 'h', 'p', 'i1', 't');"
                  "INSERT INTO chain_event (device_id, kind, statement_seq, detail, at) VALUES "
                  "('d1', 'gap', 3, 'x', 't');");
    QVERIFY_THROWS_EXCEPTION(StoreError, db.execScript("INSERT INTO chain_event (device_id, kind, "
                                                       "statement_seq, detail, at) VALUES ('d1', "
                                                       "'other', 3, 'x', 't');"));
}

QTEST_GUILESS_MAIN(TestServerStatements)
#include "tst_serverstatements.moc"
