// Accounts and devices through the web page's API, against the real server process: what is
// listed (no secrets), the admin-only changes (accounts, scopes, passwords, revocations) and
// the push audit (docs/web.md).
// Each test function builds what it needs on the shared office: any one runs alone
// (tst_x -functions / tst_x name).

#include "db/database.h"
#include "testdata.h"
#include "webfixture.h"

#include <QtTest>

#include <limits>
#include <set>

using namespace fp;
using namespace fp::test;

class TestWebAccounts : public WebTest
{
    Q_OBJECT

  private slots:
    void accountsHideSecrets()
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

    void accountsAndDevicesAreListed()
    {
        // An account that never enrolled a tablet, made here: other tests enrol wang's.
        QVERIFY(addInspector("wu", "wu-pass-2017", ApiFixture::kMafeng));
        WebClient web = office();
        auto r = web.get("/api/v1/web/accounts");
        QCOMPARE(r.status, 200L);
        // zhang's tablet enrolled in initTestCase; wu never enrolled one.
        const Json zhang = accountIn(r, "zhang");
        QVERIFY(zhang["active_devices"].get<int>() >= 1);
        QVERIFY(zhang["last_enrolled_at"].is_string());
        QCOMPARE(zhang["enterprises"], Json::array());
        const Json wu = accountIn(r, "wu");
        QCOMPARE(wu["active_devices"], 0);
        QVERIFY(wu["last_enrolled_at"].is_null());
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

    void accountChangesAreForAdminsOnly()
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

    void adminAddsAccounts()
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
        const auto refused = [&](const Json &body, long status, const std::string &needle) {
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
        refused(j, 400, "request.password: A password needs at least 8 characters; this one has 7");
        j["password"] = "王王王王王王王"; // 21 bytes, 7 characters
        refused(j, 400, "request.password: A password needs at least 8 characters; this one has 7");
        j["password"] = ApiFixture::kPassword;
        j["username"] = "王 五";
        refused(j, 400, "request.username: A user name cannot hold spaces");
        j["username"] = "qin";
        j["password"] = "1234567";
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
        cli = m_office.cli({"user", "add", "--username", "zhao", "--role", "inspector"},
                           "12345678\n");
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

    void adminChangesScopes()
    {
        QVERIFY(addInspector("sun", "sun-pass-2017", ApiFixture::kGanwang));
        const auto device = enrollWith(m_office.baseUrl(), "sun", "sun-pass-2017");
        QCOMPARE(device.status, 200L);
        const std::string token = device.json()["token"];
        QVERIFY(!pulledEnterprises(m_office.baseUrl(), token).contains(m_tiancheng));

        WebClient web = admin();
        const std::string path = "/api/v1/web/accounts/scope";
        auto r = web.postJson(path, Json{{"username", "sun"},
                                         {"regions", {ApiFixture::kMafeng, ApiFixture::kGanwang}}}
                                        .dump());
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
        r = web.postJson(path,
                         Json{{"username", "sun"}, {"regions", {ApiFixture::kGanwang}}}.dump());
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

    void adminResetsPasswords()
    {
        QVERIFY(addInspector("qian", "old-password-1", ApiFixture::kMafeng));
        const auto before = enrollWith(m_office.baseUrl(), "qian", "old-password-1");
        QCOMPARE(before.status, 200L);

        WebClient web = admin();
        const std::string path = "/api/v1/web/accounts/password";
        auto r =
            web.postJson(path, Json{{"username", "qian"}, {"password", "new-password-2"}}.dump());
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
        r = web.postJson(path,
                         Json{{"username", "clerk-zhou"}, {"password", "zhou-pass-2018"}}.dump());
        QCOMPARE(r.status, 200L);
        QCOMPARE(clerk.get("/api/v1/web/session").status, 401L);
        QCOMPARE(web.get("/api/v1/web/session").status, 200L);
        QCOMPARE(clerk.login("clerk-zhou", "zhou-pass-2018").status, 200L);
    }

    // Issue 16 item 9: same-name tablets told apart by their id and their last sync, which the
    // server notes when a device authenticates (at most once a minute).
    void aDeviceShowsItsLastSync()
    {
        const auto device = m_office.enroll("wang");
        const auto lastSeen = [&] {
            const Json devices = office().get("/api/v1/web/devices").json();
            for (const auto &d : devices["devices"]) {
                if (d["id"] == device.id)
                    return d["last_seen_at"];
            }
            return Json("not listed");
        };
        QVERIFY(lastSeen().is_null()); // enrolled, never synced
        HttpClient tablet(m_office.baseUrl());
        tablet.setToken(device.token);
        QCOMPARE(tablet.get("/api/v1/sync/pull?limit=1").status, 200L);
        const Json first = lastSeen();
        QVERIFY2(first.is_string(), first.dump().c_str());
        QCOMPARE(first.get<std::string>().size(), std::string("2026-12-03T08:00:00.000Z").size());
        // A second sync within the minute writes nothing.
        QCOMPARE(tablet.get("/api/v1/sync/pull?limit=1").status, 200L);
        QCOMPARE(lastSeen(), first);
        // A refused token notes nothing.
        HttpClient stranger(m_office.baseUrl());
        stranger.setToken(std::string(64, 'f'));
        QCOMPARE(stranger.get("/api/v1/sync/pull?limit=1").status, 401L);
    }

    void adminRevokesDevices()
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
        QVERIFY2(
            cli.out.contains(QString::fromStdString(device.id + "\twang\ttest tablet of wang")),
            qPrintable(cli.out));
        QVERIFY(cli.out.contains(QString::fromStdString("revoked " + revokedAt)));
    }

    void pushAuditListsRejections()
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
            QVERIFY2(e["reason"].get<std::string>().find("li") != std::string::npos,
                     e.dump().c_str());
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
            query = "/api/v1/web/push-audit?code=out_of_scope&limit=2&before=" +
                    std::to_string(lastSeq);
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
};

QTEST_GUILESS_MAIN(TestWebAccounts)
#include "tst_webaccounts.moc"
