// The evidence bundle (issue 13 items 5 and 6, docs/protocol.md §10) with the real server, the
// real CLI and the real fieldproof-verify: a tablet (its statements signed as a device signs
// them) pushes final inspections with real photos and a signature image, the office accepts
// them, `fieldproof-server bundle` and the dossier's GET endpoint export the zip, and
// fieldproof-verify passes it. Then each tampering — a byte of a photo, of a signature image, of
// an inspection's JSON, of a statement, of a proof or the tree head, a removed file, and an
// inspection's JSON changed in the office database before the export — makes it fail, naming
// what changed. Bad input: the CLI and the endpoint refuse with one line / a JSON body.

#include "core/sha256.h"
#include "crypto/statement.h"
#include "protocol/evidencebundle.h"
#include "testdata.h"
#include "webfixture.h"

#include <QFile>
#include <QtTest>

#include <zip.h>

#include <map>

using namespace fp;
using namespace fp::test;

namespace {

using Files = std::map<std::string, std::string>;

QString verifyBinary()
{
    return QStringLiteral(FIELDPROOF_VERIFY_BIN);
}

/// Every file of a zip, by name (an empty map when it cannot be read).
Files readZip(const QString &path)
{
    Files out;
    int code = 0;
    zip_t *zip = zip_open(path.toStdString().c_str(), ZIP_RDONLY, &code);
    if (!zip)
        return out;
    const zip_int64_t n = zip_get_num_entries(zip, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        zip_stat_index(zip, zip_uint64_t(i), 0, &st);
        zip_file_t *f = zip_fopen_index(zip, zip_uint64_t(i), 0);
        std::string bytes(st.size, '\0');
        if (f) {
            zip_fread(f, bytes.data(), st.size);
            zip_fclose(f);
        }
        out[st.name] = std::move(bytes);
    }
    zip_discard(zip);
    return out;
}

/// Writes `files` as a new zip at `path`; false when libzip fails.
bool writeZip(const QString &path, const Files &files)
{
    int code = 0;
    zip_t *zip = zip_open(path.toStdString().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!zip)
        return false;
    for (const auto &[name, bytes] : files) {
        zip_source_t *src = zip_source_buffer(zip, bytes.data(), bytes.size(), 0);
        if (!src || zip_file_add(zip, name.c_str(), src, ZIP_FL_ENC_UTF_8) < 0) {
            zip_discard(zip);
            return false;
        }
    }
    return zip_close(zip) == 0;
}

std::string flipped(std::string bytes, std::size_t at)
{
    bytes[at % bytes.size()] = static_cast<char>(bytes[at % bytes.size()] ^ 0x01);
    return bytes;
}

} // namespace

class TestEvidenceBundle : public QObject, protected WebFixture
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void cliBundlePassesVerify();
    void printedOpinionCarriesTheStatementHash();
    void webBundlePassesVerify();
    void changedPhotoFails();
    void changedSignatureImageFails();
    void changedInspectionJsonFails();
    void changedStatementFails();
    void changedSignatureFails();
    void changedProofFails();
    void changedTreeHeadFails();
    void removedFileFails();
    void removedStatementFails();
    void foreignOfficeKeyFails();
    void verifyRefusesBadInputWithOneLine();
    void cliRefusesBadInputWithOneLine();
    void webRefusesBadInput();
    void officeDatabaseEditShowsInTheNextBundle();
    void officeStatementEditShowsInTheNextBundle();

  private:
    CliRun verify(const QString &zip, const QStringList &extra = {}) const;
    /// The good bundle with `change` applied, verified; fails the test unless it fails with
    /// a FAIL line containing each of `names`.
    void expectFailure(const std::function<void(Files &)> &change, const QStringList &names);
    /// Runs `sql` in the office database behind the server's back, then exports Tiancheng's
    /// bundle with the CLI to `name` in the temporary folder and verifies it: `run` is verify's
    /// run; false, with `run` the export's, when the export failed.
    bool verifyAfterOfficeEdit(const std::string &sql, const QString &name, CliRun &run);

    QString m_bundle; // the CLI's bundle, verified good
    Files m_files;
    std::string m_signatureImage; // sha256 of the opinion's signature image
    std::string m_acceptance;     // the acceptance visit's id
    std::string m_exit;           // an exit visit of the same device, seq 1 (acceptance: 2)
};

CliRun TestEvidenceBundle::verify(const QString &zip, const QStringList &extra) const
{
    return runProgram(verifyBinary(), QStringList{zip} + extra);
}

bool TestEvidenceBundle::verifyAfterOfficeEdit(const std::string &sql, const QString &name,
                                               CliRun &run)
{
    m_office.officeDb()->execScript(sql);
    const QString path = m_office.tempPath() + "/" + name;
    run = m_office.cli(
        {"bundle", "--enterprise", QString::fromStdString(m_tiancheng), "--out", path});
    if (run.exitCode != 0)
        return false;
    run = verify(path);
    return true;
}

void TestEvidenceBundle::initTestCase()
{
    initWeb();
    QVERIFY(!m_inspection.empty());
    // A second tablet of zhang's: an exit visit, then the acceptance visit with an opinion
    // signed on the tablet (a PNG signature image of its own).
    const auto device = m_office.enroll("zhang");
    HttpClient http(m_office.baseUrl());
    http.setToken(device.token);
    const std::string photo = sha256Hex(m_photo);
    QImage ink(200, 80, QImage::Format_RGB32);
    ink.fill(Qt::white);
    for (int x = 10; x < 190; ++x)
        ink.setPixel(x, 40 + (x % 17) - 8, qRgb(0, 0, 0));
    const std::string png = encoded(ink, "PNG");
    m_signatureImage = sha256Hex(png);
    QCOMPARE(http.put("/api/v1/blobs/" + m_signatureImage, png).status, 201L);
    const auto items = m_office.equipmentOf(m_tiancheng);
    const InspectionBundle exitVisit = finalAllDismantledBundle(
        m_tiancheng, items, photo, std::int64_t(m_photo.size()), VisitKind::Exit);
    InspectionBundle acceptance =
        finalAllDismantledBundle(m_tiancheng, items, photo, std::int64_t(m_photo.size()),
                                 VisitKind::Acceptance, Verdict::Pass);
    QVERIFY(acceptance.opinion && !acceptance.opinion->signatures.empty());
    acceptance.opinion->signatures.front().sha256 = m_signatureImage;
    m_exit = exitVisit.inspection.id;
    m_acceptance = acceptance.inspection.id;
    const auto r =
        http.postJson("/api/v1/sync/push",
                      pushBody(device.id, {pushItem(exitVisit, 1), pushItem(acceptance, 1)}));
    QCOMPARE(r.status, 200L);
    const Json results = r.json()["results"];
    QCOMPARE(results.size(), std::size_t(2));
    for (const auto &result : results)
        QCOMPARE(result["status"].get<std::string>(), std::string("stored"));
    for (const std::string &id : {m_inspection, m_exit, m_acceptance}) {
        const auto run = m_office.cli({"review", "accept", QString::fromStdString(id)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    }
}

void TestEvidenceBundle::cliBundlePassesVerify()
{
    m_bundle = m_office.tempPath() + "/tiancheng.zip";
    const auto run =
        m_office.cli({"bundle", "--enterprise", ApiFixture::kTianchengCode, "--out", m_bundle});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(run.out.contains("3 inspections"), qPrintable(run.out));
    m_files = readZip(m_bundle);
    for (const char *name : {"bundle.json", "README.txt", "tree_head.json", "keys/office.txt"})
        QVERIFY2(m_files.contains(name), name);
    QVERIFY(m_files.contains(bundle::blobPath(m_signatureImage)));
    QVERIFY(m_files.contains(bundle::blobPath(sha256Hex(m_photo))));
    QVERIFY(m_files.at("README.txt").find("证据包") != std::string::npos);
    QVERIFY(m_files.at("README.txt").find("evidence bundle") != std::string::npos);
    for (const std::string &id : {m_inspection, m_exit, m_acceptance})
        for (const char *f :
             {"data.json", "canonical.json", "statement.json", "signature.txt", "proof.json"})
            QVERIFY2(m_files.contains(bundle::inspectionPath(id, f)), f);

    const auto checked = verify(m_bundle);
    qInfo("%s", qPrintable(checked.out));
    QVERIFY2(checked.exitCode == 0, qPrintable(checked.out + checked.err));
    QVERIFY(!checked.out.contains("FAIL"));
    QVERIFY2(checked.out.contains("checks hold"), qPrintable(checked.out));
    // One verdict per photo and signature image, per leaf, and the chain of the second tablet.
    QVERIFY(checked.out.contains("signature image of representative"));
    QVERIFY(checked.out.contains("statement leaf"));
    QVERIFY(checked.out.contains("review leaf"));
    QVERIFY2(checked.out.contains("chain at seq 2"), qPrintable(checked.out));
    // Pinned to the office's own key it passes as well.
    const std::string key = m_files.at("keys/office.txt").substr(0, 64);
    QCOMPARE(verify(m_bundle, {"--office-key", QString::fromStdString(key)}).exitCode, 0);
}

void TestEvidenceBundle::printedOpinionCarriesTheStatementHash()
{
    QVERIFY(!m_files.empty());
    const auto r = office().get("/api/v1/web/enterprises/" + m_tiancheng);
    QCOMPARE(r.status, 200L);
    const Json statement =
        parseJson(m_files.at(bundle::inspectionPath(m_acceptance, "statement.json")));
    const std::string hash = statementHash(decode<EvidenceStatement>(statement, "s"));
    bool found = false;
    const Json dossier = r.json();
    for (const auto &i : dossier["inspections"]) {
        if (i["inspection"]["id"] != m_acceptance)
            continue;
        found = true;
        QCOMPARE(i["statement_hash"].get<std::string>(), hash);
        QCOMPARE(i["verification_code"].get<std::string>(), bundle::verificationCode(hash));
    }
    QVERIFY(found);
    // fieldproof-verify prints the same code for the bundle's copy.
    QVERIFY(verify(m_bundle).out.contains(QString::fromStdString(bundle::verificationCode(hash))));
    // The print view shows them (the page is served from the binary).
    const auto page = office().get("/web/page-print.js");
    QCOMPARE(page.status, 200L);
    QVERIFY(page.body.find("核验码") != std::string::npos);
}

void TestEvidenceBundle::webBundlePassesVerify()
{
    const auto r = office().get("/api/v1/web/enterprises/" + m_tiancheng + "/bundle");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.header("content-type"), std::string("application/zip"));
    QVERIFY(r.header("content-disposition").find("attachment") != std::string::npos);
    const QString path = m_office.tempPath() + "/web.zip";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(r.body.data(), qint64(r.body.size()));
    f.close();
    const auto checked = verify(path);
    QVERIFY2(checked.exitCode == 0, qPrintable(checked.out + checked.err));
    // The dossier links to it.
    const auto page = office().get("/web/page-dossier.js");
    QVERIFY(page.body.find("/bundle") != std::string::npos);
}

void TestEvidenceBundle::expectFailure(const std::function<void(Files &)> &change,
                                       const QStringList &names)
{
    QVERIFY(!m_files.empty());
    Files files = m_files;
    change(files);
    const QString path = m_office.tempPath() + "/tampered.zip";
    QVERIFY(writeZip(path, files));
    const auto run = verify(path);
    qInfo("%s", qPrintable(run.out.split('\n').filter("FAIL").join('\n')));
    QVERIFY2(run.exitCode == 1, qPrintable(QString::number(run.exitCode) + run.out + run.err));
    QVERIFY2(run.out.contains("checks FAILED"), qPrintable(run.out));
    const QStringList failures = run.out.split('\n').filter("FAIL ");
    QVERIFY(!failures.isEmpty());
    for (const QString &name : names) {
        QVERIFY2(!failures.filter(name).isEmpty(),
                 qPrintable("no FAIL line names " + name + ":\n" + run.out));
    }
}

void TestEvidenceBundle::changedPhotoFails()
{
    const std::string name = bundle::blobPath(sha256Hex(m_photo));
    expectFailure([&](Files &f) { f[name] = flipped(f[name], 5000); },
                  {QString::fromStdString(name), "was changed"});
}

void TestEvidenceBundle::changedSignatureImageFails()
{
    const std::string name = bundle::blobPath(m_signatureImage);
    expectFailure([&](Files &f) { f[name] = flipped(f[name], 100); },
                  {QString::fromStdString(name), "signature image"});
}

void TestEvidenceBundle::changedInspectionJsonFails()
{
    const std::string name = bundle::inspectionPath(m_acceptance, "data.json");
    expectFailure(
        [&](Files &f) {
            std::string &data = f[name];
            const auto at = data.find("\"pass\"");
            QVERIFY(at != std::string::npos);
            data.replace(at, 6, "\"fail\""); // the verdict changed after signing
        },
        {QString::fromStdString(name), "content hash", "inspection leaf"});
}

void TestEvidenceBundle::changedStatementFails()
{
    const std::string name = bundle::inspectionPath(m_exit, "statement.json");
    expectFailure(
        [&](Files &f) {
            std::string &s = f[name];
            const auto at = s.find("\"seq\":1");
            QVERIFY(at != std::string::npos);
            s.replace(at, 7, "\"seq\":3");
        },
        {QString::fromStdString(m_exit) + ": signature", "statement leaf"});
}

void TestEvidenceBundle::changedSignatureFails()
{
    const std::string name = bundle::inspectionPath(m_acceptance, "signature.txt");
    expectFailure([&](Files &f) { f[name][10] = f[name][10] == 'a' ? 'b' : 'a'; },
                  {QString::fromStdString(name)});
}

void TestEvidenceBundle::changedProofFails()
{
    const std::string name = bundle::inspectionPath(m_acceptance, "proof.json");
    expectFailure(
        [&](Files &f) {
            Json proof = parseJson(f[name]);
            std::string &first = proof["inspection_leaf"]["path"][0].get_ref<std::string &>();
            first[0] = first[0] == '0' ? '1' : '0';
            f[name] = proof.dump(2);
        },
        {QString::fromStdString(m_acceptance) + ": inspection leaf", "proof.json"});
}

void TestEvidenceBundle::changedTreeHeadFails()
{
    expectFailure(
        [&](Files &f) {
            Json head = parseJson(f["tree_head.json"]);
            head["timestamp_ms"] = head["timestamp_ms"].get<std::int64_t>() + 1;
            f["tree_head.json"] = head.dump(2);
        },
        {"tree head", "tree_head.json"});
}

void TestEvidenceBundle::removedFileFails()
{
    const std::string name = bundle::blobPath(sha256Hex(m_photo));
    expectFailure([&](Files &f) { f.erase(name); }, {QString::fromStdString(name) + " is missing"});
}

void TestEvidenceBundle::removedStatementFails()
{
    const std::string name = bundle::inspectionPath(m_exit, "statement.json");
    expectFailure([&](Files &f) { f.erase(name); }, {QString::fromStdString(name) + " is missing"});
}

void TestEvidenceBundle::foreignOfficeKeyFails()
{
    // A verifier that pinned another office's key refuses this office's bundle.
    const auto run = verify(m_bundle, {"--office-key", QString(64, 'a')});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.out.contains("FAIL  office key"), qPrintable(run.out));
}

void TestEvidenceBundle::verifyRefusesBadInputWithOneLine()
{
    const QString notZip = m_office.tempPath() + "/not.zip";
    QFile f(notZip);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("this is no zip");
    f.close();
    const QString noManifest = m_office.tempPath() + "/empty.zip";
    QVERIFY(writeZip(noManifest, {{"README.txt", "x"}}));
    const QString otherFormat = m_office.tempPath() + "/other.zip";
    QVERIFY(writeZip(otherFormat, {{"bundle.json", R"({"format":"something-else"})"}}));
    for (const QStringList &args :
         {QStringList{notZip}, QStringList{noManifest}, QStringList{otherFormat}, QStringList{},
          QStringList{m_office.tempPath() + "/absent.zip"}, QStringList{m_bundle, "--bogus"}}) {
        const auto run = runProgram(verifyBinary(), args);
        QVERIFY2(run.exitCode == 2, qPrintable(args.join(' ') + ": " + run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY2(run.err.startsWith("fieldproof-verify: "), qPrintable(run.err));
    }
}

void TestEvidenceBundle::cliRefusesBadInputWithOneLine()
{
    const QString out = m_office.tempPath() + "/x.zip";
    const QString hongyuan =
        QString::fromStdString(m_office.enterpriseId(ApiFixture::kHongyuanCode));
    for (const QStringList &args :
         {QStringList{"bundle", "--enterprise", "no-such-enterprise", "--out", out},
          QStringList{"bundle", "--enterprise", hongyuan, "--out", out}, // nothing accepted
          QStringList{"bundle", "--out", out},
          QStringList{"bundle", "--enterprise", ApiFixture::kTianchengCode, "--out",
                      m_office.tempPath() + "/no/such/dir/x.zip"}}) {
        const auto run = m_office.cli(args);
        QVERIFY2(run.exitCode != 0, qPrintable(args.join(' ')));
        QVERIFY2(run.err.trimmed().count('\n') == 0, qPrintable(run.err));
        QVERIFY(!run.err.trimmed().isEmpty());
    }
    QVERIFY(!QFile::exists(out));
}

void TestEvidenceBundle::webRefusesBadInput()
{
    const auto unknown = office().get("/api/v1/web/enterprises/no-such/bundle");
    QCOMPARE(unknown.status, 404L);
    QCOMPARE(errorOf(unknown), std::string("not_found"));
    const auto nothing = office().get("/api/v1/web/enterprises/" +
                                      m_office.enterpriseId(ApiFixture::kHongyuanCode) + "/bundle");
    QCOMPARE(nothing.status, 409L);
    QCOMPARE(errorOf(nothing), std::string("nothing_to_bundle"));
    HttpClient anonymous(m_office.baseUrl());
    QCOMPARE(anonymous.get("/api/v1/web/enterprises/" + m_tiancheng + "/bundle").status, 401L);
}

void TestEvidenceBundle::officeDatabaseEditShowsInTheNextBundle()
{
    // Issue 13 item 6: a byte of an inspection's JSON changed in the office database. The
    // bundle exported afterwards carries the edited JSON, and fieldproof-verify names it: the
    // device's signed content hash and the office's own log leaf both disagree.
    CliRun checked;
    QVERIFY2(verifyAfterOfficeEdit(
                 "UPDATE inspection SET data = replace(data, '\"pass\"', '\"fail\"') WHERE id = '" +
                     m_acceptance + "'",
                 "edited.zip", checked),
             qPrintable(checked.err));
    QCOMPARE(checked.exitCode, 1);
    const QString data = QString::fromStdString(bundle::inspectionPath(m_acceptance, "data.json"));
    QVERIFY2(checked.out.contains("FAIL  inspection " + QString::fromStdString(m_acceptance) +
                                  ": content hash: " + data + " was changed after signing"),
             qPrintable(checked.out));
    QVERIFY(checked.out.contains("FAIL  inspection " + QString::fromStdString(m_acceptance) +
                                 ": inspection leaf"));
}

void TestEvidenceBundle::officeStatementEditShowsInTheNextBundle()
{
    // A stored statement edited in the office database (its seq moved): the device's signature
    // no longer covers it, and the office's own statement leaf does not either.
    CliRun checked;
    QVERIFY2(verifyAfterOfficeEdit("UPDATE inspection SET statement = replace(statement, "
                                   "'\"seq\":1', '\"seq\":7') WHERE id = '" +
                                       m_exit + "'",
                                   "edited-statement.zip", checked),
             qPrintable(checked.err));
    QCOMPARE(checked.exitCode, 1);
    const QString exit = QString::fromStdString(m_exit);
    QVERIFY2(checked.out.contains("FAIL  inspection " + exit + ": signature: inspections/" + exit +
                                  "/signature.txt is not device"),
             qPrintable(checked.out));
    QVERIFY(checked.out.contains("FAIL  inspection " + exit + ": statement leaf"));
}

QTEST_GUILESS_MAIN(TestEvidenceBundle)
#include "tst_evidencebundle.moc"
