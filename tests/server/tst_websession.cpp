// The office web page's sign-in against the real server process: sign-in and its failures,
// session cookie attributes and lifetime, CSRF and role refusals, the static files and their
// security headers, unknown paths (docs/web.md). The idle expiry itself is tst_websessions'.
// Each test function builds what it needs on the shared office: any one runs alone
// (tst_x -functions / tst_x name).

#include "core/sha256.h"
#include "webfixture.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

class TestWebSession : public WebTest
{
    Q_OBJECT

  private slots:
    void staticFilesCarryStrictHeaders()
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

    void signInFailures()
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

    void signInSetsAHardenedCookie()
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

    void devicesAndInspectorsCannotUseTheWebApi()
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

    void stateChangesNeedTheCsrfTokenAndSameOrigin()
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
        r = web.send("POST", path, accept, "application/json", true,
                     {"Origin: http://evil.example"});
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
        r = web.send("POST", "/api/v1/web/logout", "", "application/json", true,
                     {"Origin: " + origin});
        QCOMPARE(r.status, 200L);
    }

    void signOutEndsTheSession()
    {
        WebClient web = office();
        QCOMPARE(web.get("/api/v1/web/progress").status, 200L);
        const auto r = web.send("POST", "/api/v1/web/logout", "");
        QCOMPARE(r.status, 200L);
        QVERIFY(r.header("set-cookie").find("Max-Age=0") != std::string::npos);
        QCOMPARE(web.get("/api/v1/web/progress").status, 401L);
    }

    void sessionsExpire()
    {
        // A second office whose sessions end after one idle second: the option reaches the
        // sessions (their expiry on a ManualClock is tst_websessions', with no waiting).
        ApiFixture shortLived;
        QVERIFY2(shortLived.setUp({"--session-seconds", "1"}), qPrintable(shortLived.error()));
        WebClient web(shortLived.baseUrl());
        QCOMPARE(web.login("office", ApiFixture::kPassword).status, 200L);
        QCOMPARE(web.get("/api/v1/web/session").json()["lifetime_seconds"], 1);
        QCOMPARE(web.get("/api/v1/web/progress").status, 200L);
        // A bad lifetime is a usage error before anything is served.
        const auto bad =
            shortLived.cli({"serve", "--listen", "127.0.0.1:0", "--session-seconds", "0"});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("--session-seconds"), qPrintable(bad.err));
    }

    void unknownPathsAnswerJson()
    {
        WebClient web = office();
        auto r = web.get("/api/v1/web/nothing");
        QCOMPARE(r.status, 404L);
        QCOMPARE(errorOf(r), std::string("not_found"));
        r = web.send("PUT", "/api/v1/web/tasks", "{}");
        QVERIFY(r.status == 404L || r.status == 405L);
        QVERIFY(r.json().is_object());
    }
};

QTEST_GUILESS_MAIN(TestWebSession)
#include "tst_websession.moc"
