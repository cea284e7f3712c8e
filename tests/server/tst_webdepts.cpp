// Departments of office accounts (issue 14 item 7; issue 16 item 5), against the real server
// process: an admin gives an office account its department on the accounts page; card actions
// are the department's whose standard the card is (403 wrong_department otherwise, naming the
// problem); 记录已整改 is undone by its recorder, its department or an admin; a town or zone
// office sees and reviews only its own regions (403 outside_region); every change is journalled.

#include "webfixture.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

namespace {

Json card(const std::string &enterpriseId, const std::string &standard, const std::string &level)
{
    return cardForm(enterpriseId, standard, level, "市某局", isoDay(-30));
}

/// The card with `id` in a GET /cards answer, or null.
Json cardIn(const Json &cards, const std::string &id)
{
    return rowWhere(cards, "id", id);
}

} // namespace

class TestWebDepts : public WebTest
{
    Q_OBJECT

    /// An office account of `department` added by the admin (with `regions`); signed in.
    WebClient clerk(const std::string &name, const std::string &department,
                    const Json &regions = Json::array())
    {
        const Json account{{"username", name},
                           {"role", "office"},
                           {"department", department},
                           {"password", ApiFixture::kPassword},
                           {"regions", regions}};
        const auto r = admin().postJson("/api/v1/web/accounts", account.dump());
        if (r.status != 201)
            qWarning("adding %s: %ld %s", name.c_str(), r.status, r.body.c_str());
        return signedIn(name.c_str());
    }

  private slots:
    void accountsCarryTheirDepartment()
    {
        WebClient admin = this->admin();
        clerk("jing", "economy");
        const auto list = admin.get("/api/v1/web/accounts");
        QCOMPARE(accountIn(list, "jing")["department"], "economy");
        QCOMPARE(accountIn(list, "office")["department"], "none"); // from before departments
        // The session says it too, for the page.
        QCOMPARE(signedIn("jing").get("/api/v1/web/session").json()["department"], "economy");

        // Refused with the problem named: an inspector with a department, a town office with
        // no region, a department the office does not know, and a change by a non-admin.
        auto r = admin.postJson("/api/v1/web/accounts", Json{{"username", "wu"},
                                                             {"role", "inspector"},
                                                             {"department", "safety"},
                                                             {"password", "wu-password-1"},
                                                             {"regions", {"马风镇"}}}
                                                            .dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("only office accounts carry a department") != std::string::npos,
                 r.body.c_str());
        r = admin.postJson("/api/v1/web/accounts", Json{{"username", "zhen"},
                                                        {"role", "office"},
                                                        {"department", "region"},
                                                        {"password", "zhen-password-1"}}
                                                       .dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("needs the regions") != std::string::npos, r.body.c_str());
        r = admin.postJson("/api/v1/web/accounts/department",
                           Json{{"username", "jing"}, {"department", "tax"}}.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("request.department") != std::string::npos, r.body.c_str());
        r = office().postJson("/api/v1/web/accounts/department",
                              Json{{"username", "jing"}, {"department", "safety"}}.dump());
        QCOMPARE(r.status, 403L);
        QVERIFY(accountIn(admin.get("/api/v1/web/accounts"), "wu").is_null());

        // Changed by the admin: at once (the next request reads it), and journalled.
        r = admin.postJson("/api/v1/web/accounts/department",
                           Json{{"username", "jing"}, {"department", "safety"}}.dump());
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.json()["department"], "safety");
        QCOMPARE(signedIn("jing").get("/api/v1/web/session").json()["department"], "safety");
        r = admin.postJson("/api/v1/web/accounts/department",
                           Json{{"username", "jing"}, {"department", "economy"}}.dump());
        QCOMPARE(r.status, 200L);
        auto db = m_office.officeDb();
        Statement journal(*db, "SELECT kind, account, summary, detail FROM office_journal WHERE "
                               "target = 'jing' ORDER BY seq");
        std::vector<std::string> rows;
        while (journal.step())
            rows.push_back(journal.text(0) + "|" + journal.text(1) + "|" + journal.text(2));
        const std::vector<std::string> expected = {
            "account.added|admin|office", "account.department_changed|admin|economy -> safety",
            "account.department_changed|admin|safety -> economy"};
        QCOMPARE(rows, expected);
        Statement added(*db, "SELECT json_extract(detail, '$.after.department') FROM "
                             "office_journal WHERE target = 'jing' AND kind = 'account.added'");
        QVERIFY(added.step());
        QCOMPARE(added.text(0), std::string("economy"));
    }

    // `fieldproof-server user add ... --department` and `user department` set the same, with the
    // same rules; a bad value is one line and a non-zero exit.
    void theCommandLineSetsTheDepartment()
    {
        const QByteArray password = QByteArray(ApiFixture::kPassword) + "\n";
        auto run = m_office.cli(
            {"user", "add", "--username", "anquan", "--role", "office", "--department", "safety"},
            password);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(accountIn(admin().get("/api/v1/web/accounts"), "anquan")["department"], "safety");
        run =
            m_office.cli({"user", "department", "--username", "anquan", "--department", "market"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QCOMPARE(signedIn("anquan").get("/api/v1/web/session").json()["department"], "market");

        run = m_office.cli({"user", "department", "--username", "anquan", "--department", "tax"});
        QVERIFY(run.exitCode != 0);
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY2(run.err.contains("--department must be one of"), qPrintable(run.err));
        run = m_office.cli({"user", "add", "--username", "xun", "--role", "inspector",
                            "--department", "safety", "--region", "马风镇"},
                           password);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("only office accounts carry a department"), qPrintable(run.err));
        run = m_office.cli(
            {"user", "add", "--username", "zhen", "--role", "office", "--department", "region"},
            password);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("needs --region"), qPrintable(run.err));
        QVERIFY(accountIn(admin().get("/api/v1/web/accounts"), "xun").is_null());

        auto db = m_office.officeDb();
        Statement journal(*db, "SELECT kind || '|' || summary FROM office_journal WHERE target = "
                               "'anquan' ORDER BY seq");
        std::vector<std::string> rows;
        while (journal.step())
            rows.push_back(journal.text(0));
        const std::vector<std::string> expected = {"account.added|office",
                                                   "account.department_changed|safety -> market"};
        QCOMPARE(rows, expected);
    }

    void cardActionsBelongToTheResponsibleDepartment()
    {
        WebClient energy = clerk("fagai", "economy");
        WebClient environment = clerk("huanbao", "environment");
        WebClient admin = this->admin();

        // The 环保局 may not issue an energy card; the 经信局/发改局 may.
        auto r =
            environment.postJson("/api/v1/web/cards", card(m_tiancheng, "energy", "yellow").dump());
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), std::string("wrong_department"));
        QVERIFY2(messageOf(r) == "cards of the energy standard are the economy department's; "
                                 "huanbao is of the environment department",
                 r.body.c_str());
        r = energy.postJson("/api/v1/web/cards", card(m_tiancheng, "energy", "yellow").dump());
        QCOMPARE(r.status, 201L);
        const std::string yellow = r.json()["id"];
        r = environment.postJson("/api/v1/web/cards",
                                 card(m_tiancheng, "environment", "excess_emission").dump());
        QCOMPARE(r.status, 201L);
        const std::string emission = r.json()["id"];

        // Each card's actions are its department's: extend, state and withdraw refused to the
        // other, and nothing changed.
        const std::string base = "/api/v1/web/cards/";
        r = environment.postJson(
            base + yellow + "/extend",
            Json{{"to", isoDay(200)}, {"applied_on", isoDay(-1)}, {"reason", "技改"}}.dump());
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), std::string("wrong_department"));
        QCOMPARE(environment.postJson(base + yellow + "/state", R"({"state":"rectified"})").status,
                 403L);
        QCOMPARE(environment.postJson(base + yellow + "/withdraw", R"({"reason":"误发"})").status,
                 403L);
        QCOMPARE(energy.postJson(base + emission + "/state", R"({"state":"rectified"})").status,
                 403L);
        Json cards = energy.get("/api/v1/web/cards").json()["cards"];
        QCOMPARE(cardIn(cards, yellow)["state"], "open");
        QCOMPARE(cardIn(cards, yellow)["version"].get<int>(), 1);
        // The list tells the page who may act and who answers for the card.
        QCOMPARE(cardIn(cards, yellow)["actionable"], true);
        QCOMPARE(cardIn(cards, emission)["actionable"], false);
        QCOMPARE(cardIn(cards, emission)["responsible_department"], "environment");

        // The department itself and an admin may.
        r = energy.postJson(
            base + yellow + "/extend",
            Json{{"to", isoDay(200)}, {"applied_on", isoDay(-1)}, {"reason", "技改"}}.dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        QCOMPARE(admin.postJson(base + emission + "/withdraw", R"({"reason":"误发"})").status,
                 200L);
        // The journal names who did each.
        auto db = m_office.officeDb();
        Statement journal(*db, "SELECT kind || ':' || account FROM office_journal WHERE target IN "
                               "(?, ?) ORDER BY seq");
        journal.bind(1, yellow).bind(2, emission);
        std::vector<std::string> steps;
        while (journal.step())
            steps.push_back(journal.text(0));
        const std::vector<std::string> expected = {"card.issued:fagai", "card.issued:huanbao",
                                                   "card.extended:fagai", "card.withdrawn:admin"};
        QCOMPARE(steps, expected);
    }

    // Issue 16 item 5: 记录已整改 is undone by the department that set it, not only its recorder.
    void rectificationIsUndoneByTheDepartmentThatSetIt()
    {
        WebClient first = clerk("shi", "market");
        WebClient colleague = clerk("jian", "market");
        WebClient safety = clerk("anjian", "safety");
        auto r = first.postJson("/api/v1/web/cards", card(m_tiancheng, "quality", "yellow").dump());
        QCOMPARE(r.status, 201L);
        const std::string path = "/api/v1/web/cards/" + r.json()["id"].get<std::string>();
        QCOMPARE(first.postJson(path + "/state", R"({"state":"rectified"})").status, 200L);
        // Another department, and an account with none (not the recorder), are refused.
        r = safety.postJson(path + "/state", R"({"state":"open"})");
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), std::string("wrong_department"));
        r = office().postJson(path + "/state", R"({"state":"open"})");
        QCOMPARE(r.status, 403L);
        QVERIFY2(messageOf(r) == "only the market department, which recorded the rectification "
                                 "(shi), or an admin can undo it",
                 r.body.c_str());
        const std::string id = path.substr(path.rfind('/') + 1);
        QCOMPARE(cardIn(colleague.get("/api/v1/web/cards").json()["cards"], id)["undoable"], true);
        QCOMPARE(cardIn(safety.get("/api/v1/web/cards").json()["cards"], id)["undoable"], false);
        // A colleague of the same department undoes it.
        r = colleague.postJson(path + "/state", R"({"state":"open"})");
        QVERIFY2(r.status == 200, r.body.c_str());
        QCOMPARE(r.json()["state"], "open");
        // An admin's rectification belongs to the card's department as well.
        QCOMPARE(admin().postJson(path + "/state", R"({"state":"rectified"})").status, 200L);
        QCOMPARE(colleague.postJson(path + "/state", R"({"state":"open"})").status, 200L);
    }

    void townOfficeSeesAndReviewsItsOwnRegion()
    {
        // m_inspection is of Tiancheng, in 马风镇; 感王镇's office must not see it.
        WebClient mafeng = clerk("mafeng", "region", Json::array({"马风镇"}));
        WebClient ganwang = clerk("ganwang", "region", Json::array({"感王镇"}));
        const auto ids = [](const HttpResult &r) {
            std::set<std::string> out;
            const Json body = r.json();
            for (const auto &i : body["inspections"])
                out.insert(i["inspection"]["id"].get<std::string>());
            return out;
        };
        QVERIFY(ids(mafeng.get("/api/v1/web/inspections")).contains(m_inspection));
        QVERIFY(!ids(ganwang.get("/api/v1/web/inspections")).contains(m_inspection));
        const Json regions = ganwang.get("/api/v1/web/inspections").json()["regions"];
        QCOMPARE(regions.size(), std::size_t(1));
        QCOMPARE(regions[0]["name"], "感王镇");

        const std::string path = "/api/v1/web/inspections/" + m_inspection;
        auto r = ganwang.get(path);
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), std::string("outside_region"));
        r = ganwang.postJson(path + "/review", R"({"decision":"return","reason":"照片不清"})");
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), std::string("outside_region"));
        QCOMPARE(mafeng.get(path).json()["review"]["state"], "received");
        QCOMPARE(ganwang.get("/api/v1/web/enterprises/" + m_tiancheng).status, 403L);
        const Json enterprises = ganwang.get("/api/v1/web/enterprises").json()["enterprises"];
        QVERIFY(!enterprises.empty());
        for (const auto &e : enterprises)
            QCOMPARE(e["region_name"], "感王镇");

        // A town office changes no card, and sees its own regions' cards only.
        r = mafeng.postJson("/api/v1/web/cards", card(m_tiancheng, "energy", "yellow").dump());
        QCOMPARE(r.status, 403L);
        QCOMPARE(errorOf(r), std::string("wrong_department"));
        QVERIFY(!admin().get("/api/v1/web/cards").json()["cards"].empty());
        QVERIFY(ganwang.get("/api/v1/web/cards").json()["cards"].empty());

        // Its own region's inspection it reviews.
        r = mafeng.postJson(path + "/review", R"({"decision":"accept"})");
        QVERIFY2(r.status == 200, r.body.c_str());
    }
};

QTEST_GUILESS_MAIN(TestWebDepts)
#include "tst_webdepts.moc"
