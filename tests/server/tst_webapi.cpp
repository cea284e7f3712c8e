// The office web page's API against the real server process: sign-in and its failures,
// session cookie attributes and expiry, CSRF and role refusals, the static files and their
// security headers, and every endpoint's answers and 4xx errors (docs/web.md), including the
// admin-only account and device changes and the push audit; the photos' thumbnails and their
// cache on disk.

#include "apifixture.h"
#include "client/simulate/jpegfile.h"
#include "core/sha256.h"
#include "db/database.h"
#include "testdata.h"
#include "testjpeg.h"
#include "webclient.h"

#include <QBuffer>
#include <QImage>
#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <set>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

constexpr const char *kCsv = "text/csv";

std::string errorOf(const HttpResult &r)
{
    const auto j = r.json();
    return j.is_object() ? j.value("error", "(no error key)") : "(not JSON: " + r.body + ")";
}

std::string messageOf(const HttpResult &r)
{
    const auto j = r.json();
    return j.is_object() ? j.value("message", "") : std::string();
}

/// Sums of the sample plan read from the file: enterprises, equipment units and capacity.
struct PlanSums
{
    std::set<QString> codes;
    int rows = 0;
    double units = 0;
    double capacity = 0;
};

PlanSums samplePlanSums()
{
    QFile f(samplePlan());
    PlanSums s;
    if (!f.open(QIODevice::ReadOnly))
        return s;
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList c = lines[i].trimmed().split(',');
        if (c.size() < 12 || c[3].isEmpty())
            continue;
        s.codes.insert(c[3]);
        ++s.rows;
        s.units += c[10].toDouble();
        s.capacity += c[11].toDouble();
    }
    return s;
}

/// POST /api/v1/devices/enroll as a tablet does.
HttpResult enrollWith(const std::string &baseUrl, const std::string &username,
                      const std::string &password)
{
    HttpClient http(baseUrl);
    return http.postJson("/api/v1/devices/enroll", Json{{"username", username},
                                                        {"password", password},
                                                        {"device_name", "tablet of " + username}}
                                                       .dump());
}

/// The account named `username` in a GET /accounts answer, or null.
Json accountIn(const HttpResult &r, const std::string &username)
{
    const Json j = r.json();
    for (const auto &a : j["accounts"]) {
        if (a["username"] == username)
            return a;
    }
    return Json();
}

/// The enterprise ids a device's pull from the start delivers.
std::set<std::string> pulledEnterprises(const std::string &baseUrl, const std::string &token)
{
    HttpClient http(baseUrl);
    http.setToken(token);
    std::set<std::string> out;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
        const auto j = http.get("/api/v1/sync/pull?limit=2000&cursor=" + cursor).json();
        if (!j.is_object())
            break;
        for (const auto &item : j["items"]) {
            if (item["type"] == "enterprise" && item["data"].is_object())
                out.insert(item["data"]["id"].get<std::string>());
        }
        cursor = j["cursor"].get<std::string>();
        if (!j["more"].get<bool>())
            break;
    }
    return out;
}

std::string readFile(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

/// `image` as a file of `format` ("JPEG", "PNG") in memory.
std::string encoded(const QImage &image, const char *format, int quality = 90)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format, quality))
        qWarning("cannot encode a test %s", format);
    return bytes.toStdString();
}

/// A camera-sized photo: gradients and noise, so the JPEG weighs megabytes.
QImage cameraPhoto(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB888);
    quint32 state = 12345;
    for (int y = 0; y < height; ++y) {
        uchar *line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            state = state * 1664525u + 1013904223u;
            const int noise = static_cast<int>(state >> 27) - 16;
            line[x * 3] = static_cast<uchar>(std::clamp(x * 255 / width + noise, 0, 255));
            line[x * 3 + 1] = static_cast<uchar>(std::clamp(y * 255 / height + noise, 0, 255));
            line[x * 3 + 2] = static_cast<uchar>(std::clamp(128 + noise, 0, 255));
        }
    }
    return image;
}

QImage decodedJpeg(const std::string &bytes)
{
    return QImage::fromData(reinterpret_cast<const uchar *>(bytes.data()),
                            static_cast<int>(bytes.size()), "JPEG");
}

constexpr const char *kImmutable = "private, max-age=31536000, immutable";

} // namespace

class TestWebApi : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();

    void staticFilesCarryStrictHeaders();
    void signInFailures();
    void signInSetsAHardenedCookie();
    void devicesAndInspectorsCannotUseTheWebApi();
    void stateChangesNeedTheCsrfTokenAndSameOrigin();
    void signOutEndsTheSession();
    void sessionsExpire();

    void progressMatchesThePlan();
    void dossierShowsTheEvidenceTrail();
    void reviewReachesTheTablet();
    void reviewRefusesBadInput();
    void listsDownloadAsCsvAndXlsx();
    void photosAreServedToStaffOnly();
    void thumbnailsAreSmallAndCached();
    void thumbnailsOfSignaturesAndBadPhotos();
    void planImportReportsBadLines();
    void tasksAreAssignedWithinScope();
    void cardsAndRectification();
    void accountsHideSecrets();
    void accountsAndDevicesAreListed();
    void accountChangesAreForAdminsOnly();
    void adminAddsAccounts();
    void adminChangesScopes();
    void adminResetsPasswords();
    void adminRevokesDevices();
    void pushAuditListsRejections();
    void unknownPathsAnswerJson();

  private:
    WebClient office() const;
    WebClient admin() const;
    /// An inspector added by the admin through the page's endpoint (fails the test otherwise).
    void addInspector(const std::string &username, const std::string &password,
                      const std::string &region);
    std::string pushFinal();
    /// zhang's tablet uploads `bytes` as a blob; its id.
    std::string upload(const std::string &bytes);

    ApiFixture m_office;
    std::string m_tiancheng;
    std::string m_item;
    std::string m_photo;
    std::string m_inspection;
    std::string m_uploadToken;
};

void TestWebApi::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    QVERIFY(!m_tiancheng.empty());
    m_item = m_office.equipmentOf(m_tiancheng).front();
    // A real JPEG, as a tablet's camera pipeline would upload it.
    const QString jpeg = m_office.tempPath() + "/photo.jpg";
    sim::writeJpeg(jpeg.toStdString(), 320, 240, 42);
    m_photo = readFile(jpeg);
    QVERIFY(m_photo.size() > 1000);
    m_inspection = pushFinal();
    const auto run = m_office.cli({"user", "add", "--username", "admin", "--role", "admin"},
                                  QByteArray(ApiFixture::kPassword) + "\n");
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
}

WebClient TestWebApi::office() const
{
    WebClient web(m_office.baseUrl());
    const auto r = web.login("office", ApiFixture::kPassword);
    if (r.status != 200)
        qWarning("office sign-in failed: %ld %s", r.status, r.body.c_str());
    return web;
}

WebClient TestWebApi::admin() const
{
    WebClient web(m_office.baseUrl());
    const auto r = web.login("admin", ApiFixture::kPassword);
    if (r.status != 200)
        qWarning("admin sign-in failed: %ld %s", r.status, r.body.c_str());
    return web;
}

void TestWebApi::addInspector(const std::string &username, const std::string &password,
                              const std::string &region)
{
    const Json body{{"username", username},
                    {"role", "inspector"},
                    {"password", password},
                    {"regions", {region}}};
    const auto r = admin().postJson("/api/v1/web/accounts", body.dump());
    QVERIFY2(r.status == 201, r.body.c_str());
}

/// zhang's tablet uploads the photo and pushes a final exit inspection of a Tiancheng item.
std::string TestWebApi::pushFinal()
{
    const auto device = m_office.enroll("zhang");
    HttpClient http(m_office.baseUrl());
    http.setToken(device.token);
    const std::string sha = sha256Hex(m_photo);
    if (http.put("/api/v1/blobs/" + sha, m_photo).status != 201)
        return {};
    const auto bundle = finalDismantledBundle(m_tiancheng, m_item, sha);
    const auto r = http.postJson("/api/v1/sync/push", pushBody(device.id, {pushItem(bundle, 1)}));
    if (r.status != 200 || r.json()["results"][0]["status"] != "stored")
        return {};
    return bundle.inspection.id;
}

std::string TestWebApi::upload(const std::string &bytes)
{
    if (m_uploadToken.empty())
        m_uploadToken = m_office.enroll("zhang").token;
    HttpClient http(m_office.baseUrl());
    http.setToken(m_uploadToken);
    const std::string sha = sha256Hex(bytes);
    const auto r = http.put("/api/v1/blobs/" + sha, bytes);
    if (r.status != 201)
        qWarning("upload failed: %ld %s", r.status, r.body.c_str());
    return sha;
}

void TestWebApi::staticFilesCarryStrictHeaders()
{
    HttpClient http(m_office.baseUrl());
    const auto page = http.get("/");
    QCOMPARE(page.status, 200L);
    QCOMPARE(page.header("content-type"), std::string("text/html; charset=utf-8"));
    QVERIFY(page.body.find("<html lang=\"zh-CN\">") != std::string::npos);
    const std::string csp = page.header("content-security-policy");
    QVERIFY2(csp.find("default-src 'self'") != std::string::npos, csp.c_str());
    QVERIFY2(csp.find("unsafe") == std::string::npos, csp.c_str());
    QCOMPARE(page.header("x-content-type-options"), std::string("nosniff"));
    QCOMPARE(page.header("x-frame-options"), std::string("DENY"));
    // Every script the page loads is a file of the server, none inline.
    QVERIFY(page.body.find("<script>") == std::string::npos);
    const auto js = http.get("/web/app.js");
    QCOMPARE(js.status, 200L);
    QCOMPARE(js.header("content-type"), std::string("text/javascript; charset=utf-8"));
    const auto css = http.get("/web/style.css");
    QCOMPARE(css.header("content-type"), std::string("text/css; charset=utf-8"));
    QVERIFY(css.body.find("@media print") != std::string::npos);
    const auto missing = http.get("/web/nothing.js");
    QCOMPARE(missing.status, 404L);
    QCOMPARE(errorOf(missing), std::string("not_found"));
    QCOMPARE(http.get("/web/../office.db").status, 404L);
}

void TestWebApi::signInFailures()
{
    WebClient web(m_office.baseUrl());
    auto r = web.login("office", "not the password");
    QCOMPARE(r.status, 401L);
    QCOMPARE(errorOf(r), std::string("bad_credentials"));
    QVERIFY(r.header("set-cookie").empty());
    r = web.login("nobody", ApiFixture::kPassword);
    QCOMPARE(r.status, 401L);
    QCOMPARE(errorOf(r), std::string("bad_credentials"));
    // Inspectors work on the tablet: right password, still no session.
    r = web.login("zhang", ApiFixture::kPassword);
    QCOMPARE(r.status, 403L);
    QCOMPARE(errorOf(r), std::string("forbidden"));
    QVERIFY(r.header("set-cookie").empty());

    auto &http = web.http();
    r = http.postJson("/api/v1/web/login", "{\"username\": \"office\"");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).starts_with("$"), r.body.c_str());
    r = http.postJson("/api/v1/web/login", R"({"username":"office"})");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.password") != std::string::npos, r.body.c_str());
    r = http.postJson("/api/v1/web/login", R"({"username":"office","password":7})");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.password: expected a string") != std::string::npos,
             r.body.c_str());
    r = http.postJson("/api/v1/web/login", "[]");
    QCOMPARE(r.status, 400L);
    // Absurd nesting within the size limit: refused before any field is read.
    r = http.postJson("/api/v1/web/login",
                      "{\"username\":" + std::string(4000, '[') + std::string(4000, ']') + "}");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).starts_with("$"), r.body.c_str());
    // A sign-in form posted from another site (login CSRF).
    r = web.login("office", ApiFixture::kPassword, {"Origin: http://evil.example"});
    QCOMPARE(r.status, 403L);
    QCOMPARE(errorOf(r), std::string("csrf"));
    r = http.request("POST", "/api/v1/web/login", std::string(20000, 'x'),
                     {"Content-Type: application/json"}, true);
    QCOMPARE(r.status, 413L);
    // The server keeps serving after all of that.
    QCOMPARE(http.get("/").status, 200L);
}

void TestWebApi::signInSetsAHardenedCookie()
{
    WebClient web(m_office.baseUrl());
    const auto r = web.login("office", ApiFixture::kPassword);
    QCOMPARE(r.status, 200L);
    const std::string cookie = r.header("set-cookie");
    QVERIFY2(cookie.starts_with("fp_session="), cookie.c_str());
    QVERIFY2(cookie.find("; HttpOnly") != std::string::npos, cookie.c_str());
    QVERIFY2(cookie.find("; SameSite=Strict") != std::string::npos, cookie.c_str());
    QVERIFY2(cookie.find("; Path=/") != std::string::npos, cookie.c_str());
    QCOMPARE(web.cookie().size(), std::string("fp_session=").size() + 64);
    QCOMPARE(web.csrf().size(), std::size_t(64));
    QVERIFY(web.cookie().find(web.csrf()) == std::string::npos);
    QCOMPARE(r.header("cache-control"), std::string("no-store"));
    const auto s = web.get("/api/v1/web/session");
    QCOMPARE(s.status, 200L);
    QCOMPARE(s.json()["username"], "office");
    QCOMPARE(s.json()["role"], "office");
    QCOMPARE(s.json()["csrf_token"].get<std::string>(), web.csrf());
    // Two sign-ins are two sessions.
    WebClient other(m_office.baseUrl());
    QCOMPARE(other.login("office", ApiFixture::kPassword).status, 200L);
    QVERIFY(other.cookie() != web.cookie());
    QVERIFY(other.csrf() != web.csrf());
}

void TestWebApi::devicesAndInspectorsCannotUseTheWebApi()
{
    HttpClient anonymous(m_office.baseUrl());
    for (const char *path : {"/api/v1/web/session", "/api/v1/web/progress",
                             "/api/v1/web/enterprises", "/api/v1/web/lists/plan.csv"}) {
        const auto r = anonymous.get(path);
        QCOMPARE(r.status, 401L);
        QCOMPARE(errorOf(r), std::string("unauthorized"));
    }
    // A device's bearer token is not a session, not even an office device's.
    for (const char *user : {"zhang", "office"}) {
        HttpClient device(m_office.baseUrl());
        device.setToken(m_office.enroll(user).token);
        QCOMPARE(device.get("/api/v1/web/progress").status, 401L);
        QCOMPARE(device.get("/api/v1/web/blobs/" + sha256Hex(m_photo)).status, 401L);
        QCOMPARE(device.get("/api/v1/web/blobs/" + sha256Hex(m_photo) + "/thumb").status, 401L);
    }
    WebClient forged(m_office.baseUrl());
    forged.setCookie("fp_session=" + std::string(64, 'a'));
    const auto r = forged.get("/api/v1/web/progress");
    QCOMPARE(r.status, 401L);
    QCOMPARE(errorOf(r), std::string("unauthorized"));
}

void TestWebApi::stateChangesNeedTheCsrfTokenAndSameOrigin()
{
    WebClient web = office();
    const std::string path = "/api/v1/web/inspections/" + m_inspection + "/review";
    const std::string accept = R"({"decision":"accept"})";
    auto r = web.send("POST", path, accept, "application/json", false);
    QCOMPARE(r.status, 403L);
    QCOMPARE(errorOf(r), std::string("csrf"));
    r = web.send("POST", path, accept, "application/json", false,
                 {"X-CSRF-Token: " + std::string(64, '0')});
    QCOMPARE(r.status, 403L);
    QCOMPARE(errorOf(r), std::string("csrf"));
    // Another session's token is no good either.
    WebClient other = office();
    r = web.send("POST", path, accept, "application/json", false,
                 {"X-CSRF-Token: " + other.csrf()});
    QCOMPARE(r.status, 403L);
    r = web.send("POST", path, accept, "application/json", true, {"Origin: http://evil.example"});
    QCOMPARE(r.status, 403L);
    QCOMPARE(errorOf(r), std::string("csrf"));
    r = web.send("POST", path, accept, "application/json", true, {"Origin: null"});
    QCOMPARE(r.status, 403L);
    r = web.send("DELETE", "/api/v1/web/tasks/x", "", "application/json", false);
    QCOMPARE(r.status, 403L);
    // Nothing of the refused requests was applied.
    QCOMPARE(web.get("/api/v1/web/inspections/" + m_inspection).json()["review"]["state"],
             "received");
    // The same origin as the page is fine.
    const std::string origin = m_office.baseUrl();
    r = web.send("POST", "/api/v1/web/logout", "", "application/json", true, {"Origin: " + origin});
    QCOMPARE(r.status, 200L);
}

void TestWebApi::signOutEndsTheSession()
{
    WebClient web = office();
    QCOMPARE(web.get("/api/v1/web/progress").status, 200L);
    const auto r = web.send("POST", "/api/v1/web/logout", "");
    QCOMPARE(r.status, 200L);
    QVERIFY(r.header("set-cookie").find("Max-Age=0") != std::string::npos);
    QCOMPARE(web.get("/api/v1/web/progress").status, 401L);
}

void TestWebApi::sessionsExpire()
{
    // A second office whose sessions end after one idle second.
    ApiFixture shortLived;
    QVERIFY2(shortLived.setUp({"--session-seconds", "1"}), qPrintable(shortLived.error()));
    WebClient web(shortLived.baseUrl());
    QCOMPARE(web.login("office", ApiFixture::kPassword).status, 200L);
    QCOMPARE(web.get("/api/v1/web/session").json()["lifetime_seconds"], 1);
    QCOMPARE(web.get("/api/v1/web/progress").status, 200L);
    QTest::qWait(1500); // the idle lifetime passing is the point of this test
    auto r = web.get("/api/v1/web/progress");
    QCOMPARE(r.status, 401L);
    QCOMPARE(errorOf(r), std::string("session_expired"));
    r = web.get("/api/v1/web/progress");
    QCOMPARE(r.status, 401L);
    // A bad lifetime is a usage error before anything is served.
    const auto bad = shortLived.cli({"serve", "--listen", "127.0.0.1:0", "--session-seconds", "0"});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY2(bad.err.contains("--session-seconds"), qPrintable(bad.err));
}

void TestWebApi::progressMatchesThePlan()
{
    WebClient web = office();
    auto r = web.get("/api/v1/web/progress?today=2017-06-01");
    QCOMPARE(r.status, 200L);
    const auto p = r.json();
    const PlanSums plan = samplePlanSums();
    QCOMPARE(p["total"]["enterprises"].get<int>(), int(plan.codes.size()));
    QCOMPARE(p["total"]["items"].get<double>(), plan.units);
    QVERIFY(std::abs(p["total"]["capacity"].get<double>() - plan.capacity) < 1e-6);
    std::set<QString> regions;
    for (const auto &name : samplePlanRegions())
        regions.insert(name);
    std::set<QString> shown;
    double sum = 0;
    for (const auto &row : p["by_region"]) {
        shown.insert(QString::fromStdString(row["name"].get<std::string>()));
        sum += row["capacity"].get<double>();
    }
    QCOMPARE(shown, regions);
    QVERIFY(std::abs(sum - plan.capacity) < 1e-6);
    QCOMPARE(p["by_phase"].size(), std::size_t(4));
    // The pushed exit inspection found one Tiancheng item dismantled. Not yet reviewed, it
    // changes no count and waits beside the figures (issue 12: counts come from reviewed
    // evidence only).
    QCOMPARE(p["total"]["dismantled"].get<double>(), 0.0);
    QCOMPARE(p["total"]["pending_review"].get<int>(), 1);
    QCOMPARE(p["pending_review"].get<int>(), 1);
    QCOMPARE(p["alerts"].size(), std::size_t(0));
    const auto dossier = web.get("/api/v1/web/enterprises/" + m_tiancheng).json();
    double itemCapacity = 0;
    for (const auto &q : dossier["equipment"])
        if (q["id"] == m_item)
            itemCapacity = q["capacity"]["value"].get<double>();
    QVERIFY(itemCapacity > 0);
    QCOMPARE(p["total"]["dismantled_capacity"].get<double>(), 0.0);
    QCOMPARE(p["total"]["accepted"].get<double>(), 0.0);
    // No tasks in this office yet: nothing overdue.
    QCOMPARE(p["overdue_tasks"].size(), std::size_t(0));
    r = web.get("/api/v1/web/progress?today=2017-13-40");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("today") != std::string::npos, r.body.c_str());
}

void TestWebApi::dossierShowsTheEvidenceTrail()
{
    WebClient web = office();
    auto r = web.get("/api/v1/web/enterprises/" + m_tiancheng);
    QCOMPARE(r.status, 200L);
    const auto d = r.json();
    QCOMPARE(d["enterprise"]["credit_code"], ApiFixture::kTianchengCode);
    QCOMPARE(d["enterprise"]["region_name"], ApiFixture::kMafeng);
    QCOMPARE(d["equipment"].size(), m_office.equipmentOf(m_tiancheng).size());
    QCOMPARE(d["inspections"].size(), std::size_t(1));
    const auto &i = d["inspections"][0];
    QCOMPARE(i["inspection"]["id"], m_inspection);
    QCOMPARE(i["username"], "zhang");
    QVERIFY(!i["device_time"].get<std::string>().empty());
    QVERIFY(!i["received_at"].get<std::string>().empty());
    QCOMPARE(i["checks"][0]["finding"], "dismantled");
    QCOMPARE(i["photos"][0]["sha256"], sha256Hex(m_photo));
    QCOMPARE(i["review"]["state"], "received");
    // Unreviewed: the visit is in the trail and pending review, but sets no item state.
    QCOMPARE(d["status"], "pending");
    QCOMPARE(d["pending_review"], Json::array({m_inspection}));
    for (const auto &q : d["equipment"]) {
        if (q["id"] == m_item) {
            QCOMPARE(q["finding"], "");
            QCOMPARE(q["status"], "planned");
        }
    }
    r = web.get("/api/v1/web/enterprises/no-such-id");
    QCOMPARE(r.status, 404L);
    QVERIFY2(messageOf(r).find("no-such-id") != std::string::npos, r.body.c_str());
    const auto list = web.get("/api/v1/web/enterprises").json()["enterprises"];
    QCOMPARE(list.size(), samplePlanSums().codes.size());
    for (const auto &e : list) {
        if (e["id"] == m_tiancheng) {
            QCOMPARE(e["status"], "pending");
            QCOMPARE(e["pending_review"], 1);
            QCOMPARE(e["inspections"], 1);
        }
    }
}

void TestWebApi::reviewReachesTheTablet()
{
    WebClient web = office();
    const std::string reason = "铭牌照片不清晰，请补拍";
    auto r = web.postJson("/api/v1/web/inspections/" + m_inspection + "/review",
                          Json{{"decision", "return"}, {"reason", reason}}.dump());
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["state"], "returned");
    QCOMPARE(web.get("/api/v1/web/inspections?review=returned").json()["inspections"].size(),
             std::size_t(1));
    QCOMPARE(web.get("/api/v1/web/inspections?review=received").json()["inspections"].size(),
             std::size_t(0));
    // A returned inspection no longer counts as dismantled.
    QCOMPARE(web.get("/api/v1/web/progress").json()["total"]["dismantled"].get<double>(), 0.0);
    // zhang's tablet pulls the verdict with its reason.
    HttpClient tablet(m_office.baseUrl());
    tablet.setToken(m_office.enroll("zhang").token);
    const auto page = tablet.get("/api/v1/sync/pull?limit=2000").json();
    bool seen = false;
    for (const auto &item : page["items"]) {
        if (item["type"] == "review" && item["id"] == m_inspection) {
            QCOMPARE(item["data"]["state"], "returned");
            QCOMPARE(item["data"]["reason"], reason);
            seen = true;
        }
    }
    QVERIFY(seen);
    r = web.postJson("/api/v1/web/inspections/" + m_inspection + "/review",
                     R"({"decision":"accept"})");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["state"], "accepted");
    // Accepted, the finding counts: the item is dismantled, the enterprise under way.
    const auto progress = web.get("/api/v1/web/progress").json();
    QVERIFY(progress["total"]["dismantled"].get<double>() > 0);
    QCOMPARE(progress["pending_review"].get<int>(), 0);
    const auto d = web.get("/api/v1/web/enterprises/" + m_tiancheng).json();
    QCOMPARE(d["status"], "in_progress");
    for (const auto &q : d["equipment"]) {
        if (q["id"] == m_item) {
            QCOMPARE(q["finding"], "dismantled");
            QCOMPARE(q["status"], "dismantled");
            QCOMPARE(q["inspection_id"], m_inspection);
        }
    }
}

void TestWebApi::reviewRefusesBadInput()
{
    WebClient web = office();
    const std::string path = "/api/v1/web/inspections/" + m_inspection + "/review";
    auto r = web.postJson(path, R"({"decision":"return"})");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.reason") != std::string::npos, r.body.c_str());
    r = web.postJson(path, R"({"decision":"return","reason":""})");
    QCOMPARE(r.status, 400L);
    r = web.postJson(path, Json{{"decision", "return"}, {"reason", std::string(3000, 'x')}}.dump());
    QCOMPARE(r.status, 400L);
    r = web.postJson(path, R"({"decision":"maybe"})");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.decision") != std::string::npos, r.body.c_str());
    r = web.postJson(path, "not json");
    QCOMPARE(r.status, 400L);
    r = web.postJson("/api/v1/web/inspections/nope/review", R"({"decision":"accept"})");
    QCOMPARE(r.status, 404L);
    QCOMPARE(errorOf(r), std::string("not_found"));
    r = web.get("/api/v1/web/inspections?review=lost");
    QCOMPARE(r.status, 400L);
    QCOMPARE(web.get("/api/v1/web/inspections/nope").status, 404L);
}

void TestWebApi::listsDownloadAsCsvAndXlsx()
{
    WebClient web = office();
    const PlanSums plan = samplePlanSums();
    auto r = web.get("/api/v1/web/lists/plan");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["title"], "淘汰落后产能计划");
    QCOMPARE(r.json()["rows"].size(), std::size_t(plan.rows));
    r = web.get("/api/v1/web/lists/plan.csv");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.header("content-type"), std::string("text/csv; charset=utf-8"));
    QVERIFY(r.header("content-disposition").starts_with("attachment;"));
    QVERIFY(r.body.starts_with("\xEF\xBB\xBF序号,属地,企业名称"));
    const auto lines = QString::fromStdString(r.body).split("\r\n", Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), plan.rows + 1);
    std::set<QString> codes;
    for (int i = 1; i < lines.size(); ++i)
        codes.insert(lines[i].split(',')[3]);
    QCOMPARE(codes, plan.codes);
    // The same bytes as the CLI exporter writes.
    const QString cliCsv = m_office.tempPath() + "/plan.csv";
    QCOMPARE(m_office.cli({"export", "plan", "--format", "csv", "--out", cliCsv}).exitCode, 0);
    QCOMPARE(r.body, readFile(cliCsv));
    r = web.get("/api/v1/web/lists/yellow.xlsx");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.header("content-type"),
             std::string("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    QVERIFY(r.body.starts_with("PK"));
    r = web.get("/api/v1/web/lists/blue.csv");
    QCOMPARE(r.status, 404L);
    QVERIFY2(messageOf(r).find("severe-excess-emission") != std::string::npos, r.body.c_str());
    QCOMPARE(web.get("/api/v1/web/lists").json()["lists"].size(), std::size_t(7));
}

void TestWebApi::photosAreServedToStaffOnly()
{
    WebClient web = office();
    const std::string sha = sha256Hex(m_photo);
    auto r = web.get("/api/v1/web/blobs/" + sha);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.header("content-type"), std::string("image/jpeg"));
    QCOMPARE(r.body, m_photo);
    QCOMPARE(r.header("cache-control"), std::string(kImmutable));
    r = web.get("/api/v1/web/blobs/" + sha256Hex("never uploaded"));
    QCOMPARE(r.status, 404L);
    r = web.get("/api/v1/web/blobs/" + std::string(64, 'Z'));
    QCOMPARE(r.status, 400L);
    QCOMPARE(errorOf(r), std::string("bad_blob_id"));
    r = web.get("/api/v1/web/blobs/..%2F..%2Foffice.db"); // decoded, it is not one path segment
    QCOMPARE(r.status, 404L);
    QCOMPARE(errorOf(r), std::string("not_found"));
    QCOMPARE(HttpClient(m_office.baseUrl()).get("/api/v1/web/blobs/" + sha).status, 401L);
}

void TestWebApi::thumbnailsAreSmallAndCached()
{
    const std::string photo = encoded(cameraPhoto(4000, 3000), "JPEG");
    QVERIFY2(photo.size() > 1'000'000, "a camera-sized photo");
    const std::string sha = upload(photo);
    WebClient web = office();
    const std::string url = "/api/v1/web/blobs/" + sha + "/thumb";
    auto r = web.get(url);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.header("content-type"), std::string("image/jpeg"));
    QCOMPARE(r.header("cache-control"), std::string(kImmutable));
    QVERIFY(!r.header("content-security-policy").empty());
    QVERIFY2(r.body.size() < 100'000, std::to_string(r.body.size()).c_str());
    const QImage thumb = decodedJpeg(r.body);
    QVERIFY2(!thumb.isNull(), "the thumbnail decodes");
    QCOMPARE(std::max(thumb.width(), thumb.height()), 320);
    QVERIFY(std::abs(thumb.height() - 320.0 * 3000 / 4000) <= 1.0); // aspect within a pixel
    const std::string first = r.body;

    // Cached under the data directory, and served from there without decoding again.
    const auto cached = std::filesystem::path(m_office.dataDir().toStdString()) / "thumbs" /
                        sha.substr(0, 2) / (sha + ".jpg");
    QVERIFY2(std::filesystem::is_regular_file(cached), cached.c_str());
    QCOMPARE(readFile(QString::fromStdString(cached.string())), first);
    const auto written = std::filesystem::last_write_time(cached);
    r = web.get(url);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.body, first);
    QVERIFY(std::filesystem::last_write_time(cached) == written);
    // Proof that the file is what is served: plant another picture in it.
    QImage marker(32, 24, QImage::Format_RGB32);
    marker.fill(Qt::red);
    const std::string planted = encoded(marker, "JPEG");
    std::ofstream(cached, std::ios::binary | std::ios::trunc) << planted;
    r = web.get(url);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.body, planted);
    QCOMPARE(r.header("cache-control"), std::string(kImmutable));

    // The folder may be deleted at any time: the thumbnail is made again, the same bytes.
    std::filesystem::remove_all(std::filesystem::path(m_office.dataDir().toStdString()) / "thumbs");
    r = web.get(url);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.body, first);
    QCOMPARE(readFile(QString::fromStdString(cached.string())), first);

    // Two at once are safe: both get the whole thumbnail, one whole file remains.
    std::filesystem::remove(cached);
    std::string answers[2];
    std::thread other([&] { answers[1] = office().get(url).body; });
    answers[0] = web.get(url).body;
    other.join();
    QCOMPARE(answers[0], first);
    QCOMPARE(answers[1], first);
    QCOMPARE(readFile(QString::fromStdString(cached.string())), first);
    // No temporary file stays behind.
    for (const auto &e : std::filesystem::directory_iterator(
             std::filesystem::path(m_office.dataDir().toStdString()) / "tmp"))
        QVERIFY2(e.path().filename().string().find("thumb-") != 0, e.path().c_str());

    // The full photo is still the full photo.
    r = web.get("/api/v1/web/blobs/" + sha);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.body, photo);
}

void TestWebApi::thumbnailsOfSignaturesAndBadPhotos()
{
    WebClient web = office();
    // A signature (PNG) comes back whole, as a PNG; nothing is cached for it.
    QImage ink(180, 70, QImage::Format_ARGB32);
    ink.fill(Qt::transparent);
    for (int x = 10; x < 170; ++x)
        ink.setPixel(x, 35 + (x % 20) / 2, qRgb(0, 0, 80));
    const std::string png = encoded(ink, "PNG");
    const std::string signature = upload(png);
    auto r = web.get("/api/v1/web/blobs/" + signature + "/thumb");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.header("content-type"), std::string("image/png"));
    QCOMPARE(r.body, png);
    QVERIFY(!std::filesystem::exists(std::filesystem::path(m_office.dataDir().toStdString()) /
                                     "thumbs" / signature.substr(0, 2) / (signature + ".jpg")));

    // A corrupt JPEG: 422 bad_image with libjpeg's reason (docs/web.md); the page then shows
    // the blob itself, which the full endpoint still serves.
    std::string corrupt = "\xFF\xD8\xFF\xE0";
    corrupt += std::string(5000, '\x5A');
    const std::string bad = upload(corrupt);
    r = web.get("/api/v1/web/blobs/" + bad + "/thumb");
    QCOMPARE(r.status, 422L);
    QCOMPARE(errorOf(r), std::string("bad_image"));
    QVERIFY2(messageOf(r).find(bad) != std::string::npos, r.body.c_str());
    QCOMPARE(r.header("cache-control"), std::string("no-store"));
    r = web.get("/api/v1/web/blobs/" + bad);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.body, corrupt);
    // A header declaring 400 megapixels is refused before decoding.
    QImage small(64, 48, QImage::Format_RGB32);
    small.fill(Qt::gray);
    const std::string huge = jpegDeclaringSize(encoded(small, "JPEG"), 20000, 20000);
    QVERIFY(!huge.empty());
    r = web.get("/api/v1/web/blobs/" + upload(huge) + "/thumb");
    QCOMPARE(r.status, 422L);
    QCOMPARE(errorOf(r), std::string("image_too_large"));
    QVERIFY2(messageOf(r).find("20000 x 20000") != std::string::npos, r.body.c_str());

    // The server keeps serving: the next thumbnail is made.
    QVERIFY(m_office.server().isRunning());
    r = web.get("/api/v1/web/blobs/" + sha256Hex(m_photo) + "/thumb");
    QCOMPARE(r.status, 200L);
    QCOMPARE(decodedJpeg(r.body).size(), QSize(320, 240));

    // The same refusals as the full blob: 400, 404, 401.
    r = web.get("/api/v1/web/blobs/" + std::string(64, 'Z') + "/thumb");
    QCOMPARE(r.status, 400L);
    QCOMPARE(errorOf(r), std::string("bad_blob_id"));
    r = web.get("/api/v1/web/blobs/" + sha256Hex("never uploaded") + "/thumb");
    QCOMPARE(r.status, 404L);
    QCOMPARE(errorOf(r), std::string("not_found"));
    r = web.get("/api/v1/web/blobs/..%2F..%2Foffice.db/thumb");
    QCOMPARE(r.status, 404L);
    r = HttpClient(m_office.baseUrl()).get("/api/v1/web/blobs/" + sha256Hex(m_photo) + "/thumb");
    QCOMPARE(r.status, 401L);
    QCOMPARE(errorOf(r), std::string("unauthorized"));
    QVERIFY2(!m_office.server().log().contains("/thumb 500 "), qPrintable(m_office.server().log()));
}

void TestWebApi::planImportReportsBadLines()
{
    WebClient web = office();
    const std::string sample = readFile(samplePlan());
    auto r = web.send("POST", "/api/v1/web/plan", sample, kCsv);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["imported"], true);
    QCOMPARE(r.json()["counts"]["unchanged"].get<int>(), samplePlanSums().rows);
    // Line 3 gets a credit code that fails its check character.
    QStringList lines = QString::fromStdString(sample).split('\n');
    lines[2].replace(ApiFixture::kTianchengCode, "91210381G6P2UGEH1X");
    const std::string bad = lines.join('\n').toStdString();
    r = web.send("POST", "/api/v1/web/plan", bad, kCsv);
    QCOMPARE(r.status, 422L);
    QCOMPARE(errorOf(r), std::string("bad_rows"));
    QCOMPARE(r.json()["imported"], false);
    QCOMPARE(r.json()["errors"].size(), std::size_t(1));
    QCOMPARE(r.json()["errors"][0]["line"], 3);
    // The same report as the CLI's, line for line.
    const QString file = m_office.tempPath() + "/bad.csv";
    {
        std::ofstream out(file.toStdString(), std::ios::binary);
        out << bad;
    }
    const auto cli = m_office.cli({"import-plan", file});
    QCOMPARE(cli.exitCode, 1);
    QVERIFY2(cli.err.contains(QString::fromStdString(r.json()["errors"][0]["text"])),
             qPrintable(cli.err));
    r = web.send("POST", "/api/v1/web/plan?skip_bad_rows=1", bad, kCsv);
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["imported"], true);
    QCOMPARE(r.json()["errors"].size(), std::size_t(1));
    r = web.send("POST", "/api/v1/web/plan", "", kCsv);
    QCOMPARE(r.status, 400L);
    r = web.send("POST", "/api/v1/web/plan", "just,one,line\n", kCsv);
    QCOMPARE(r.status, 400L);
    QVERIFY(!messageOf(r).empty());
}

void TestWebApi::tasksAreAssignedWithinScope()
{
    WebClient web = office();
    const Json task{{"enterprise_id", m_tiancheng},
                    {"kind", "exit"},
                    {"due", "2017-10-31"},
                    {"inspectors", {"zhang", "wang"}}};
    auto r = web.postJson("/api/v1/web/tasks", task.dump());
    QCOMPARE(r.status, 201L);
    const std::string id = r.json()["id"];
    auto tasks = web.get("/api/v1/web/tasks?today=2017-11-01").json()["tasks"];
    QCOMPARE(tasks.size(), std::size_t(1));
    QCOMPARE(tasks[0]["inspectors"], Json({"zhang", "wang"}));
    QCOMPARE(tasks[0]["overdue"], true);
    QCOMPARE(web.get("/api/v1/web/progress?today=2017-11-01").json()["overdue_tasks"].size(),
             std::size_t(1));
    // li works in 感王镇 and cannot see Tiancheng (马风镇).
    Json outside = task;
    outside["inspectors"] = {"li"};
    r = web.postJson("/api/v1/web/tasks", outside.dump());
    QCOMPARE(r.status, 422L);
    QVERIFY2(messageOf(r).find("li") != std::string::npos, r.body.c_str());
    Json badKind = task;
    badKind["kind"] = "party";
    r = web.postJson("/api/v1/web/tasks", badKind.dump());
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.kind") != std::string::npos, r.body.c_str());
    Json badDue = task;
    badDue["due"] = "31.10.2017";
    QVERIFY(messageOf(web.postJson("/api/v1/web/tasks", badDue.dump())).find("request.due") !=
            std::string::npos);
    Json nobody = task;
    nobody["inspectors"] = Json::array({""});
    QCOMPARE(web.postJson("/api/v1/web/tasks", nobody.dump()).status, 400L);
    Json unknown = task;
    unknown["enterprise_id"] = "nope";
    QCOMPARE(web.postJson("/api/v1/web/tasks", unknown.dump()).status, 404L);
    r = web.send("DELETE", "/api/v1/web/tasks/" + id, "");
    QCOMPARE(r.status, 200L);
    QCOMPARE(web.get("/api/v1/web/tasks").json()["tasks"].size(), std::size_t(0));
    r = web.send("DELETE", "/api/v1/web/tasks/" + id, "");
    QCOMPARE(r.status, 422L);
}

void TestWebApi::cardsAndRectification()
{
    WebClient web = office();
    const Json card{{"enterprise_id", m_tiancheng},
                    {"standard", "energy"},
                    {"level", "yellow"},
                    {"department", "市经信局"},
                    {"issued_on", "2017-03-15"}};
    auto r = web.postJson("/api/v1/web/cards", card.dump());
    QCOMPARE(r.status, 201L);
    const std::string id = r.json()["id"];
    QCOMPARE(r.json()["rectify_by"], "2017-09-15");
    QCOMPARE(web.get("/api/v1/web/lists/yellow").json()["rows"].size(), std::size_t(1));
    const auto extend = [&](const char *to) {
        return web.postJson(
            "/api/v1/web/cards/" + id + "/extend",
            Json{{"to", to}, {"applied_on", "2017-09-01"}, {"reason", "技改"}}.dump());
    };
    r = extend("2018-03-15");
    QCOMPARE(r.status, 400L); // more than 3 months
    r = web.postJson("/api/v1/web/cards/" + id + "/extend", R"({"to":"2017-12-15"})");
    QCOMPARE(r.status, 400L); // no application date and reason
    r = extend("2017-12-15");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["deadline"], "2017-12-15");
    QCOMPARE(r.json()["extension_reason"], "技改");
    r = extend("2017-12-14");
    QCOMPARE(r.status, 400L); // only one extension
    r = web.postJson("/api/v1/web/cards/" + id + "/state", R"({"state":"fixed"})");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("rectified") != std::string::npos, r.body.c_str());
    r = web.postJson("/api/v1/web/cards/" + id + "/state", R"({"state":"rectified"})");
    QCOMPARE(r.status, 200L);
    auto cards = web.get("/api/v1/web/cards").json()["cards"];
    QCOMPARE(cards.size(), std::size_t(1));
    QCOMPARE(cards[0]["state"], "rectified");
    QCOMPARE(cards[0]["history"].size(), std::size_t(3)); // issued, extended, rectified
    QCOMPARE(cards[0]["history"][2]["by"], "office");
    QCOMPARE(web.get("/api/v1/web/lists/yellow").json()["rows"].size(), std::size_t(0));

    // A yellow card closed by law leaves the yellow list and produces its red-list entry.
    Json quality = card;
    quality["standard"] = "quality";
    const std::string qid = web.postJson("/api/v1/web/cards", quality.dump()).json()["id"];
    QCOMPARE(web.get("/api/v1/web/lists/yellow").json()["rows"].size(), std::size_t(1));
    QCOMPARE(extend("2017-12-01").status, 400L); // on the rectified card
    r = web.postJson(
        "/api/v1/web/cards/" + qid + "/extend",
        Json{{"to", "2017-12-01"}, {"applied_on", "2017-09-01"}, {"reason", "x"}}.dump());
    QCOMPARE(r.status, 400L); // quality cards have no extension
    r = web.postJson("/api/v1/web/cards/" + qid + "/state", R"({"state":"closed_by_law"})");
    QCOMPARE(r.status, 200L);
    QCOMPARE(web.get("/api/v1/web/lists/yellow").json()["rows"].size(), std::size_t(0));
    const auto red = web.get("/api/v1/web/lists/red").json()["rows"];
    QCOMPARE(red.size(), std::size_t(1));
    QCOMPARE(red[0][8].get<std::string>().empty(), false); // 设备清单
    QCOMPARE(red[0][10], "已依法关停退出");
    cards = web.get("/api/v1/web/cards").json()["cards"];
    bool linked = false;
    for (const auto &c : cards)
        linked = linked || (c["level"] == "red" && c["source_card_id"] == qid);
    QVERIFY(linked);
    r = web.postJson("/api/v1/web/cards/" + qid + "/state", R"({"state":"open"})");
    QCOMPARE(r.status, 400L); // history is not rewritten
    // A safety yellow card: production stops at once until the review date the office sets.
    Json safety = card;
    safety["standard"] = "safety";
    QCOMPARE(web.postJson("/api/v1/web/cards", safety.dump()).status, 400L);
    safety["review_on"] = "2017-04-15";
    r = web.postJson("/api/v1/web/cards", safety.dump());
    QCOMPARE(r.status, 201L);
    QCOMPARE(r.json()["rectify_by"], "2017-04-15");
    QCOMPARE(cards[0]["enterprise_name"],
             web.get("/api/v1/web/enterprises/" + m_tiancheng).json()["enterprise"]["name"]);
    Json badLevel = card;
    badLevel["level"] = "green";
    QCOMPARE(web.postJson("/api/v1/web/cards", badLevel.dump()).status, 400L);
    QCOMPARE(web.postJson("/api/v1/web/cards/nope/state", R"({"state":"open"})").status, 404L);
}

void TestWebApi::accountsHideSecrets()
{
    WebClient web = office();
    const auto r = web.get("/api/v1/web/accounts");
    QCOMPARE(r.status, 200L);
    QVERIFY(r.body.find("argon2") == std::string::npos);
    QVERIFY(r.body.find("password") == std::string::npos);
    bool zhang = false;
    const auto accounts = r.json()["accounts"];
    for (const auto &a : accounts) {
        if (a["username"] == "zhang") {
            zhang = true;
            QCOMPARE(a["role"], "inspector");
            QCOMPARE(a["regions"], Json({ApiFixture::kMafeng}));
        }
    }
    QVERIFY(zhang);
}

void TestWebApi::accountsAndDevicesAreListed()
{
    WebClient web = office();
    auto r = web.get("/api/v1/web/accounts");
    QCOMPARE(r.status, 200L);
    // zhang's tablet enrolled in initTestCase; wang never enrolled one.
    const Json zhang = accountIn(r, "zhang");
    QVERIFY(zhang["active_devices"].get<int>() >= 1);
    QVERIFY(zhang["last_enrolled_at"].is_string());
    QCOMPARE(zhang["enterprises"], Json::array());
    const Json wang = accountIn(r, "wang");
    QCOMPARE(wang["active_devices"], 0);
    QVERIFY(wang["last_enrolled_at"].is_null());
    QCOMPARE(accountIn(r, "admin")["role"], "admin");

    r = web.get("/api/v1/web/devices");
    QCOMPARE(r.status, 200L);
    QVERIFY(r.body.find("token") == std::string::npos);
    const auto devices = r.json()["devices"];
    QVERIFY(!devices.empty());
    std::string previous = "9999";
    for (const auto &d : devices) {
        QVERIFY(!d["id"].get<std::string>().empty());
        QVERIFY(!d["name"].get<std::string>().empty());
        QCOMPARE(d["active"].get<bool>(), d["revoked_at"].is_null());
        // Newest enrolment first.
        QVERIFY(d["enrolled_at"].get<std::string>() <= previous);
        previous = d["enrolled_at"].get<std::string>();
    }

    r = web.get("/api/v1/web/regions");
    QCOMPARE(r.status, 200L);
    std::set<QString> regions;
    const Json listed = r.json();
    for (const auto &region : listed["regions"])
        regions.insert(QString::fromStdString(region["name"].get<std::string>()));
    std::set<QString> planned;
    for (const auto &name : samplePlanRegions())
        planned.insert(name);
    QCOMPARE(regions, planned);
    QCOMPARE(HttpClient(m_office.baseUrl()).get("/api/v1/web/devices").status, 401L);
}

void TestWebApi::accountChangesAreForAdminsOnly()
{
    WebClient staff = office();
    const std::string deviceId = m_office.enroll("wang").id;
    const Json add{{"username", "eve"},
                   {"role", "inspector"},
                   {"password", "eve-password"},
                   {"regions", {ApiFixture::kMafeng}}};
    const Json scope{{"username", "zhang"}, {"regions", {ApiFixture::kGanwang}}};
    const Json password{{"username", "zhang"}, {"password", "taken-over-1"}};
    const std::vector<std::pair<std::string, std::string>> changes = {
        {"/api/v1/web/accounts", add.dump()},
        {"/api/v1/web/accounts/scope", scope.dump()},
        {"/api/v1/web/accounts/password", password.dump()},
        {"/api/v1/web/devices/" + deviceId + "/revoke", "{}"}};
    for (const auto &[path, body] : changes) {
        const auto r = staff.postJson(path, body);
        QVERIFY2(r.status == 403, (path + " " + r.body).c_str());
        QCOMPARE(errorOf(r), std::string("forbidden"));
        QVERIFY2(messageOf(r).find("admin") != std::string::npos, r.body.c_str());
    }
    // An admin's session still needs the CSRF token and the page's own origin.
    WebClient boss = admin();
    for (const auto &[path, body] : changes) {
        auto r = boss.send("POST", path, body, "application/json", false);
        QVERIFY2(r.status == 403, (path + " " + r.body).c_str());
        QCOMPARE(errorOf(r), std::string("csrf"));
        r = boss.send("POST", path, body, "application/json", true,
                      {"Origin: http://evil.example"});
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), std::string("csrf"));
    }
    // Nothing of it was applied.
    const auto accounts = staff.get("/api/v1/web/accounts");
    QVERIFY(accountIn(accounts, "eve").is_null());
    QCOMPARE(accountIn(accounts, "zhang")["regions"], Json({ApiFixture::kMafeng}));
    QCOMPARE(enrollWith(m_office.baseUrl(), "zhang", ApiFixture::kPassword).status, 200L);
    QCOMPARE(enrollWith(m_office.baseUrl(), "zhang", "taken-over-1").status, 401L);
    const Json devices = staff.get("/api/v1/web/devices").json();
    for (const auto &d : devices["devices"]) {
        if (d["id"] == deviceId)
            QCOMPARE(d["active"], true);
    }
}

void TestWebApi::adminAddsAccounts()
{
    WebClient web = admin();
    const std::string path = "/api/v1/web/accounts";
    const Json zhao{{"username", "zhao"},
                    {"role", "inspector"},
                    {"password", "zhao-pass-2017"},
                    {"regions", {ApiFixture::kGanwang}}};
    auto r = web.postJson(path, zhao.dump());
    QCOMPARE(r.status, 201L);
    QCOMPARE(r.json()["username"], "zhao");
    QCOMPARE(r.json()["role"], "inspector");
    QCOMPARE(r.json()["regions"], Json({ApiFixture::kGanwang}));
    QCOMPARE(r.json()["active_devices"], 0);
    QCOMPARE(accountIn(office().get(path), "zhao")["regions"], Json({ApiFixture::kGanwang}));
    // A real account: its tablet enrols with the password, and sees 感王镇 only.
    r = enrollWith(m_office.baseUrl(), "zhao", "zhao-pass-2017");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["role"], "inspector");
    const auto seen = pulledEnterprises(m_office.baseUrl(), r.json()["token"]);
    QVERIFY(!seen.empty());
    QVERIFY(!seen.contains(m_tiancheng));
    QCOMPARE(accountIn(web.get(path), "zhao")["active_devices"], 1);

    // Bad bodies: 4xx naming the problem, nothing created.
    const auto refused = [&](Json body, long status, const std::string &needle) {
        const auto res = web.postJson(path, body.dump());
        QVERIFY2(res.status == status, res.body.c_str());
        QVERIFY2(messageOf(res).find(needle) != std::string::npos, res.body.c_str());
    };
    Json j = zhao;
    j["username"] = "qin";
    j.erase("password");
    refused(j, 400, "request.password: missing");
    j = zhao;
    j["username"] = "qin";
    j.erase("role");
    refused(j, 400, "request.role: missing");
    j["role"] = "boss";
    refused(j, 400, "request.role: must be one of inspector, office, admin");
    j["role"] = "inspector";
    j["regions"] = {ApiFixture::kGanwang, "火星镇"};
    refused(j, 422, "request.regions[1]: there is no region named '火星镇'");
    j["regions"] = ApiFixture::kGanwang;
    refused(j, 400, "request.regions");
    j["regions"] = Json::array();
    j["enterprises"] = {"91210381XXXXXXXXXX"};
    refused(j, 422, "request.enterprises[0]");
    j.erase("enterprises");
    j["password"] = "1234567";
    refused(j, 400, "request.password: must have at least 8 characters");
    j.erase("username");
    refused(j, 400, "request.username: missing");
    j = zhao;
    refused(j, 409, "request.username: a user named 'zhao' already exists");
    QCOMPARE(web.postJson(path, "not json").status, 400L);
    r = web.postJson(path,
                     "{\"username\":" + std::string(3000, '[') + std::string(3000, ']') + "}");
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).starts_with("$"), r.body.c_str());
    QVERIFY(accountIn(web.get(path), "qin").is_null());
    // The CLI draws the same lines: 7 bytes refused, 8 accepted, the duplicate named alike.
    auto cli =
        m_office.cli({"user", "add", "--username", "qin", "--role", "inspector"}, "1234567\n");
    QVERIFY(cli.exitCode != 0);
    QVERIFY2(cli.err.contains("at least 8 characters"), qPrintable(cli.err));
    cli = m_office.cli({"user", "add", "--username", "zhao", "--role", "inspector"}, "12345678\n");
    QVERIFY(cli.exitCode != 0);
    QVERIFY2(cli.err.contains("a user named 'zhao' already exists"), qPrintable(cli.err));
    j = zhao;
    j["username"] = "qin";
    j["password"] = "12345678";
    QCOMPARE(web.postJson(path, j.dump()).status, 201L);
    // An admin may create office and admin accounts too; they can sign in to the page.
    const Json clerk{{"username", "clerk"}, {"role", "office"}, {"password", "clerk-pass-1"}};
    QCOMPARE(web.postJson(path, clerk.dump()).status, 201L);
    QCOMPARE(WebClient(m_office.baseUrl()).login("clerk", "clerk-pass-1").status, 200L);
    // The server kept serving through all of it.
    QCOMPARE(web.get("/api/v1/web/session").status, 200L);
}

void TestWebApi::adminChangesScopes()
{
    addInspector("sun", "sun-pass-2017", ApiFixture::kGanwang);
    if (QTest::currentTestFailed())
        return;
    const auto device = enrollWith(m_office.baseUrl(), "sun", "sun-pass-2017");
    QCOMPARE(device.status, 200L);
    const std::string token = device.json()["token"];
    QVERIFY(!pulledEnterprises(m_office.baseUrl(), token).contains(m_tiancheng));

    WebClient web = admin();
    const std::string path = "/api/v1/web/accounts/scope";
    auto r = web.postJson(
        path,
        Json{{"username", "sun"}, {"regions", {ApiFixture::kMafeng, ApiFixture::kGanwang}}}.dump());
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["regions"], Json({ApiFixture::kGanwang, ApiFixture::kMafeng}));
    // The same store call as `user scope`: the tablet's feed starts over with the new scope.
    QVERIFY(pulledEnterprises(m_office.baseUrl(), token).contains(m_tiancheng));
    r = web.postJson(path, Json{{"username", "sun"},
                                {"regions", Json::array()},
                                {"enterprises", {ApiFixture::kTianchengCode}}}
                               .dump());
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["regions"], Json::array());
    QCOMPARE(r.json()["enterprises"][0]["credit_code"], ApiFixture::kTianchengCode);
    // Regions alone keep the enterprises.
    r = web.postJson(path, Json{{"username", "sun"}, {"regions", {ApiFixture::kGanwang}}}.dump());
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["enterprises"].size(), std::size_t(1));

    r = web.postJson(path, Json{{"username", "nobody"}, {"regions", Json::array()}}.dump());
    QCOMPARE(r.status, 404L);
    QVERIFY2(messageOf(r).find("nobody") != std::string::npos, r.body.c_str());
    r = web.postJson(path, Json{{"username", "sun"}, {"regions", {"火星镇"}}}.dump());
    QCOMPARE(r.status, 422L);
    QVERIFY2(messageOf(r).find("request.regions[0]") != std::string::npos, r.body.c_str());
    r = web.postJson(path, Json{{"username", "sun"}}.dump());
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.regions") != std::string::npos, r.body.c_str());
    QCOMPARE(accountIn(web.get("/api/v1/web/accounts"), "sun")["regions"],
             Json({ApiFixture::kGanwang}));
}

void TestWebApi::adminResetsPasswords()
{
    addInspector("qian", "old-password-1", ApiFixture::kMafeng);
    if (QTest::currentTestFailed())
        return;
    const auto before = enrollWith(m_office.baseUrl(), "qian", "old-password-1");
    QCOMPARE(before.status, 200L);

    WebClient web = admin();
    const std::string path = "/api/v1/web/accounts/password";
    auto r = web.postJson(path, Json{{"username", "qian"}, {"password", "new-password-2"}}.dump());
    QCOMPARE(r.status, 200L);
    QVERIFY(r.body.find("argon2") == std::string::npos);
    QCOMPARE(enrollWith(m_office.baseUrl(), "qian", "old-password-1").status, 401L);
    QCOMPARE(enrollWith(m_office.baseUrl(), "qian", "new-password-2").status, 200L);
    // The tablet enrolled before the reset keeps working until it is revoked (docs/web.md).
    HttpClient tablet(m_office.baseUrl());
    tablet.setToken(before.json()["token"]);
    QCOMPARE(tablet.get("/api/v1/sync/pull?limit=1").status, 200L);

    r = web.postJson(path, Json{{"username", "qian"}, {"password", "short"}}.dump());
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.password") != std::string::npos, r.body.c_str());
    r = web.postJson(path, Json{{"username", "nobody"}, {"password", "new-password-2"}}.dump());
    QCOMPARE(r.status, 404L);
    r = web.postJson(path, Json{{"password", "new-password-2"}}.dump());
    QCOMPARE(r.status, 400L);
    QVERIFY2(messageOf(r).find("request.username") != std::string::npos, r.body.c_str());
    // A failed reset changed nothing.
    QCOMPARE(enrollWith(m_office.baseUrl(), "qian", "new-password-2").status, 200L);

    // A web account signed in elsewhere is signed out by the reset; the admin is not.
    r = web.postJson(
        "/api/v1/web/accounts",
        Json{{"username", "clerk-zhou"}, {"role", "office"}, {"password", "zhou-pass-2017"}}
            .dump());
    QCOMPARE(r.status, 201L);
    WebClient clerk(m_office.baseUrl());
    QCOMPARE(clerk.login("clerk-zhou", "zhou-pass-2017").status, 200L);
    QCOMPARE(clerk.get("/api/v1/web/session").status, 200L);
    r = web.postJson(path, Json{{"username", "clerk-zhou"}, {"password", "zhou-pass-2018"}}.dump());
    QCOMPARE(r.status, 200L);
    QCOMPARE(clerk.get("/api/v1/web/session").status, 401L);
    QCOMPARE(web.get("/api/v1/web/session").status, 200L);
    QCOMPARE(clerk.login("clerk-zhou", "zhou-pass-2018").status, 200L);
}

void TestWebApi::adminRevokesDevices()
{
    const auto device = m_office.enroll("wang");
    HttpClient tablet(m_office.baseUrl());
    tablet.setToken(device.token);
    QCOMPARE(tablet.get("/api/v1/sync/pull?limit=1").status, 200L);
    WebClient web = admin();
    const int activeBefore =
        accountIn(web.get("/api/v1/web/accounts"), "wang")["active_devices"].get<int>();

    auto r = web.postJson("/api/v1/web/devices/" + device.id + "/revoke", "");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["id"], device.id);
    QCOMPARE(r.json()["active"], false);
    const std::string revokedAt = r.json()["revoked_at"];
    QVERIFY(!revokedAt.empty());
    // The same store call as `device revoke`: the token is refused on the sync API.
    r = tablet.get("/api/v1/sync/pull?limit=1");
    QCOMPARE(r.status, 401L);
    QCOMPARE(errorOf(r), std::string("revoked"));
    QCOMPARE(accountIn(web.get("/api/v1/web/accounts"), "wang")["active_devices"],
             activeBefore - 1);
    bool listed = false;
    const Json devices = office().get("/api/v1/web/devices").json();
    for (const auto &d : devices["devices"]) {
        if (d["id"] == device.id) {
            listed = true;
            QCOMPARE(d["revoked_at"], revokedAt);
            QCOMPARE(d["username"], "wang");
        }
    }
    QVERIFY(listed);
    // Twice is not an error; the first time stands.
    r = web.postJson("/api/v1/web/devices/" + device.id + "/revoke", "{}");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["revoked_at"], revokedAt);
    r = web.postJson("/api/v1/web/devices/no-such-device/revoke", "{}");
    QCOMPARE(r.status, 404L);
    QVERIFY2(messageOf(r).find("no-such-device") != std::string::npos, r.body.c_str());
    // The CLI sees it revoked too.
    const auto cli = m_office.cli({"device", "list"});
    QCOMPARE(cli.exitCode, 0);
    QVERIFY2(cli.out.contains(QString::fromStdString(device.id + "\twang\ttest tablet of wang")),
             qPrintable(cli.out));
    QVERIFY(cli.out.contains(QString::fromStdString("revoked " + revokedAt)));
}

void TestWebApi::pushAuditListsRejections()
{
    // li works in 感王镇: five drafts about Tiancheng (马风镇) are out of li's scope.
    const auto device = m_office.enroll("li");
    HttpClient tablet(m_office.baseUrl());
    tablet.setToken(device.token);
    std::vector<Json> items;
    std::set<std::string> ids;
    for (int i = 0; i < 5; ++i) {
        const auto bundle = draftBundle(m_tiancheng, m_item);
        ids.insert(bundle.inspection.id);
        items.push_back(pushItem(bundle, 1));
    }
    auto r = tablet.postJson("/api/v1/sync/push", pushBody(device.id, items));
    QCOMPARE(r.status, 200L);
    const Json pushed = r.json();
    for (const auto &result : pushed["results"]) {
        QCOMPARE(result["status"], "rejected");
        QCOMPARE(result["code"], "out_of_scope");
    }
    const std::string tiancheng =
        office().get("/api/v1/web/enterprises/" + m_tiancheng).json()["enterprise"]["name"];

    WebClient web = office();
    r = web.get("/api/v1/web/push-audit");
    QCOMPARE(r.status, 200L);
    auto entries = r.json()["entries"];
    QVERIFY(entries.size() >= ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i) {
        const auto &e = entries[i];
        QVERIFY(ids.contains(e["item_id"].get<std::string>()));
        QCOMPARE(e["code"], "out_of_scope");
        QVERIFY2(e["reason"].get<std::string>().find("li") != std::string::npos, e.dump().c_str());
        QCOMPARE(e["username"], "li");
        QCOMPARE(e["device_id"], device.id);
        QCOMPARE(e["device_name"], "test tablet of li");
        QCOMPARE(e["enterprise_id"], m_tiancheng);
        QCOMPARE(e["enterprise_name"], tiancheng);
        QCOMPARE(e["version"], 1);
        QVERIFY(!e["received_at"].get<std::string>().empty());
    }
    // Stored items are not rejections.
    for (const auto &e : entries)
        QVERIFY(e["item_id"] != m_inspection);
    QCOMPARE(admin().get("/api/v1/web/push-audit").json()["entries"], entries);

    // Filtered by code.
    r = web.get("/api/v1/web/push-audit?code=out_of_scope");
    QCOMPARE(r.status, 200L);
    const Json scoped = r.json();
    QVERIFY(scoped["entries"].size() >= ids.size());
    for (const auto &e : scoped["entries"])
        QCOMPARE(e["code"], "out_of_scope");
    r = web.get("/api/v1/web/push-audit?code=missing_blob");
    QCOMPARE(r.status, 200L);
    const Json blobs = r.json();
    for (const auto &e : blobs["entries"])
        QVERIFY(!ids.contains(e["item_id"].get<std::string>()));

    // Pages of two, newest first, each continuing below the last.
    std::set<std::string> paged;
    std::int64_t lastSeq = std::numeric_limits<std::int64_t>::max();
    std::string query = "/api/v1/web/push-audit?code=out_of_scope&limit=2";
    int pages = 0;
    for (;; ++pages) {
        QVERIFY(pages < 100);
        r = web.get(query);
        QCOMPARE(r.status, 200L);
        const auto page = r.json();
        QVERIFY(page["entries"].size() <= 2);
        for (const auto &e : page["entries"]) {
            QVERIFY(e["seq"].get<std::int64_t>() < lastSeq);
            lastSeq = e["seq"];
            paged.insert(e["item_id"].get<std::string>());
        }
        if (!page["more"].get<bool>()) {
            QVERIFY(page["next_before"].is_null());
            break;
        }
        QCOMPARE(page["entries"].size(), std::size_t(2));
        QCOMPARE(page["next_before"], lastSeq);
        query =
            "/api/v1/web/push-audit?code=out_of_scope&limit=2&before=" + std::to_string(lastSeq);
    }
    QVERIFY(pages >= 2);
    for (const auto &id : ids)
        QVERIFY(paged.contains(id));
    // Bounded: a huge limit is cut to 200; nonsense is refused by name.
    r = web.get("/api/v1/web/push-audit?limit=1000000");
    QCOMPARE(r.status, 200L);
    QCOMPARE(r.json()["limit"], 200);
    for (const char *bad : {"limit=0", "limit=-5", "limit=ten", "before=0", "before=x",
                            "code=Out-Of-Scope", "code=%27%20OR%201%3D1"}) {
        r = web.get(std::string("/api/v1/web/push-audit?") + bad);
        QVERIFY2(r.status == 400, (std::string(bad) + " " + r.body).c_str());
        const std::string param = std::string(bad).substr(0, std::string(bad).find('='));
        QVERIFY2(messageOf(r).starts_with(param), r.body.c_str());
    }
    QCOMPARE(HttpClient(m_office.baseUrl()).get("/api/v1/web/push-audit").status, 401L);

    // A page reads the refused items through their own index, not the whole audit.
    Database db((m_office.dataDir() + "/office.db").toStdString());
    Statement plan(db, "EXPLAIN QUERY PLAN SELECT a.seq FROM push_audit a WHERE a.status = "
                       "'rejected' AND a.seq < ? ORDER BY a.seq DESC LIMIT 51");
    std::string steps;
    while (plan.step())
        steps += plan.text(3) + "\n";
    QVERIFY2(steps.find("push_audit_rejected") != std::string::npos, steps.c_str());
}

void TestWebApi::unknownPathsAnswerJson()
{
    WebClient web = office();
    auto r = web.get("/api/v1/web/nothing");
    QCOMPARE(r.status, 404L);
    QCOMPARE(errorOf(r), std::string("not_found"));
    r = web.send("PUT", "/api/v1/web/tasks", "{}");
    QVERIFY(r.status == 404L || r.status == 405L);
    QVERIFY(r.json().is_object());
}

QTEST_GUILESS_MAIN(TestWebApi)
#include "tst_webapi.moc"
