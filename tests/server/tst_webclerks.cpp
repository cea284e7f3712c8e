// Two clerks at once (issue 16 item 4), against the real server process: a review or card change
// carries the version the page saw, and one made against an older version gets 409 stale
// naming who changed the record and when; the review history keeps every decision with its
// reviewer (docs/web.md).

#include "webfixture.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

class TestWebClerks : public WebTest
{
    Q_OBJECT

  private slots:
    void staleReviewNamesTheFirstClerk()
    {
        WebClient office = this->office(); // first clerk: "office"
        WebClient second = admin();        // second clerk, another tab: "admin"
        const std::string path = "/api/v1/web/inspections/" + m_inspection;
        // Both open the inspection and see the same version of its review.
        const Json seen = second.get(path).json()["review"];
        QCOMPARE(seen["state"], "received");
        const std::int64_t version = seen["version"].get<std::int64_t>();
        QCOMPARE(office.get(path).json()["review"]["version"].get<std::int64_t>(), version);

        auto r = office.postJson(
            path + "/review", Json{{"decision", "accept"}, {"expected_version", version}}.dump());
        QCOMPARE(r.status, 200L);
        // The second clerk returns what the first one just accepted, from the stale page.
        r = second.postJson(
            path + "/review",
            Json{{"decision", "return"}, {"reason", "照片不清晰"}, {"expected_version", version}}
                .dump());
        QCOMPARE(r.status, 409L);
        QCOMPARE(errorOf(r), std::string("stale"));
        const Json body = r.json();
        QCOMPARE(body["changed_by"], "office");
        QCOMPARE(body["action"], "accepted");
        QVERIFY2(!body["changed_at"].get<std::string>().empty(), r.body.c_str());
        QCOMPARE(body["version"].get<std::int64_t>(), version + 1);
        QVERIFY2(messageOf(r).find("by office") != std::string::npos, r.body.c_str());
        // Nothing changed: the inspection stays accepted, and the tablet is told nothing new.
        const Json now = office.get(path).json()["review"];
        QCOMPARE(now["state"], "accepted");
        QCOMPARE(now["by"], "office");
        QCOMPARE(now["version"].get<std::int64_t>(), version + 1);

        // Reloaded, the second clerk decides against the current version: accepted.
        r = second.postJson(path + "/review", Json{{"decision", "return"},
                                                   {"reason", "照片不清晰"},
                                                   {"expected_version", version + 1}}
                                                  .dump());
        QCOMPARE(r.status, 200L);
        QCOMPARE(office.get(path).json()["review"]["by"], "admin");
        // The history keeps both decisions with their reviewers, oldest first (append-only).
        auto db = m_office.officeDb();
        Statement history(*db, "SELECT state, reason, reviewed_by FROM review_history WHERE "
                               "inspection_id = ? ORDER BY seq DESC LIMIT 2");
        history.bind(1, m_inspection);
        QVERIFY(history.step());
        QCOMPARE(history.text(0), std::string("returned"));
        QCOMPARE(history.text(1), std::string("照片不清晰"));
        QCOMPARE(history.text(2), std::string("admin"));
        QVERIFY(history.step());
        QCOMPARE(history.text(0), std::string("accepted"));
        QCOMPARE(history.text(2), std::string("office"));
        // Without a version (the CLI, older pages) the decision is taken as before.
        r = office.postJson(path + "/review", R"({"decision":"accept"})");
        QCOMPARE(r.status, 200L);
        // A version that is not a whole number is refused naming the field.
        r = office.postJson(path + "/review", R"({"decision":"accept","expected_version":"x"})");
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("request.expected_version") != std::string::npos,
                 r.body.c_str());
    }

    void staleCardChangeNamesTheFirstClerk()
    {
        WebClient office = this->office();
        WebClient second = admin();
        const Json card = cardForm(m_tiancheng, "energy", "yellow", "市经信局", "2017-03-15");
        auto r = office.postJson("/api/v1/web/cards", card.dump());
        QCOMPARE(r.status, 201L);
        const std::string id = r.json()["id"];
        std::int64_t version = -1;
        const auto listed = second.get("/api/v1/web/cards");
        const Json cards = listed.json()["cards"];
        for (const auto &c : cards)
            if (c["id"] == id)
                version = c["version"].get<std::int64_t>();
        QVERIFY2(version == 1, listed.body.c_str()); // issued
        r = office.postJson("/api/v1/web/cards/" + id + "/extend",
                            Json{{"to", "2017-12-15"},
                                 {"applied_on", "2017-09-01"},
                                 {"reason", "技改"},
                                 {"expected_version", version}}
                                .dump());
        QCOMPARE(r.status, 200L);
        // The second clerk, on the page from before the extension, closes the card by law.
        r = second.postJson("/api/v1/web/cards/" + id + "/state",
                            Json{{"state", "closed_by_law"}, {"expected_version", version}}.dump());
        QCOMPARE(r.status, 409L);
        QCOMPARE(errorOf(r), std::string("stale"));
        QCOMPARE(r.json()["changed_by"], "office");
        QCOMPARE(r.json()["action"], "extended");
        const Json after = office.get("/api/v1/web/cards").json()["cards"];
        QCOMPARE(after.size(), cards.size());
        for (const auto &c : after) {
            if (c["id"] == id) {
                QCOMPARE(c["state"], "open"); // nothing changed, no red card
                QCOMPARE(c["version"].get<std::int64_t>(), version + 1);
            }
        }
        r = second.postJson("/api/v1/web/cards/" + id + "/state",
                            Json{{"state", "rectified"}, {"expected_version", version + 1}}.dump());
        QCOMPARE(r.status, 200L);
    }

    // 记录已整改 by mistake is undone by whoever recorded it, its department, or an admin; another
    // clerk is refused with a sentence, and the card's history keeps both steps (issue 16 item 5).
    void rectificationIsUndoneByWhoeverRecordedIt()
    {
        const Json account{{"username", "qian"},
                           {"role", "office"},
                           {"password", "qian-password-1"},
                           {"regions", Json::array()}};
        auto r = admin().postJson("/api/v1/web/accounts", account.dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        WebClient office = this->office();
        WebClient qian(m_office.baseUrl());
        QCOMPARE(qian.login("qian", "qian-password-1").status, 200L);
        const Json card = cardForm(m_tiancheng, "quality", "yellow", "市市场监管局", "2017-05-02");
        r = office.postJson("/api/v1/web/cards", card.dump());
        QCOMPARE(r.status, 201L);
        const std::string path =
            "/api/v1/web/cards/" + r.json()["id"].get<std::string>() + "/state";
        const auto onYellowList = [&] {
            return office.get("/api/v1/web/lists/yellow").body.find("2017-05-02") !=
                   std::string::npos;
        };
        QVERIFY(onYellowList());
        QCOMPARE(office.postJson(path, R"({"state":"rectified"})").status, 200L);
        QVERIFY(!onYellowList());
        r = qian.postJson(path, R"({"state":"open"})");
        QCOMPARE(r.status, 403L);
        // Neither office nor qian has a department: the department that set it is the one
        // responsible for quality cards (tst_webdepts covers departments).
        QCOMPARE(errorOf(r), std::string("wrong_department"));
        QVERIFY2(messageOf(r) == "only the market department, which recorded the rectification "
                                 "(office), or an admin can undo it",
                 r.body.c_str());
        r = office.postJson(path, Json{{"state", "open"}, {"expected_version", 2}}.dump());
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.json()["state"], "open");
        QVERIFY(onYellowList());
        // Again rectified by office, and this time undone by an admin.
        QCOMPARE(office.postJson(path, R"({"state":"rectified"})").status, 200L);
        QCOMPARE(admin().postJson(path, R"({"state":"open"})").status, 200L);
        const Json cards = office.get("/api/v1/web/cards").json()["cards"];
        std::vector<std::string> steps;
        for (const auto &c : cards)
            if (c["issued_on"] == "2017-05-02")
                for (const auto &h : c["history"])
                    steps.push_back(h["action"].get<std::string>() + ":" +
                                    h["by"].get<std::string>());
        const std::vector<std::string> expected = {"issued:office", "rectified:office",
                                                   "reopened:office", "rectified:office",
                                                   "reopened:admin"};
        QCOMPARE(steps, expected);
    }

    // A card issued by mistake is withdrawn with a reason: kept with its history (who, when,
    // why), gone from the published lists, never deleted (issue 16 item 1).
    void withdrawnCardLeavesTheLists()
    {
        WebClient office = this->office();
        const Json red = cardForm(m_tiancheng, "quality", "red", "市市场监管局", "2017-04-01");
        auto r = office.postJson("/api/v1/web/cards", red.dump());
        QCOMPARE(r.status, 201L);
        const std::string id = r.json()["id"];
        const auto onRedList = [&] {
            const Json rows = office.get("/api/v1/web/lists/red").json()["rows"];
            for (const auto &row : rows)
                if (row.dump().find("示例天成钢铁有限公司") != std::string::npos)
                    return true;
            return false;
        };
        QVERIFY(onRedList());
        const std::string path = "/api/v1/web/cards/" + id + "/withdraw";
        r = office.postJson(path, R"({"reason":"  "})");
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("reason") != std::string::npos, r.body.c_str());
        r = office.postJson(path,
                            Json{{"reason", "企业名称录入错误"}, {"expected_version", 0}}.dump());
        QCOMPARE(r.status, 409L); // the page saw a card without its issue: stale
        r = office.postJson(path,
                            Json{{"reason", "企业名称录入错误"}, {"expected_version", 1}}.dump());
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.json()["state"], "withdrawn");
        QVERIFY(!onRedList());
        QVERIFY(office.get("/api/v1/web/lists/red.csv").body.find("示例天成钢铁有限公司") ==
                std::string::npos);
        const Json cards = office.get("/api/v1/web/cards").json()["cards"];
        bool kept = false;
        for (const auto &c : cards) {
            if (c["id"] != id)
                continue;
            kept = true;
            QCOMPARE(c["state"], "withdrawn");
            QCOMPARE(c["history"].size(), std::size_t(2));
            QCOMPARE(c["history"][1]["action"], "withdrawn");
            QCOMPARE(c["history"][1]["by"], "office");
            QCOMPARE(c["history"][1]["reason"], "企业名称录入错误");
        }
        QVERIFY(kept);
        // Withdrawn once is history: again, or a state change, is refused with a sentence.
        r = office.postJson(path, R"({"reason":"再次"})");
        QCOMPARE(r.status, 400L);
        r = office.postJson("/api/v1/web/cards/" + id + "/state", R"({"state":"withdrawn"})");
        QCOMPARE(r.status, 400L);
        QCOMPARE(office.postJson("/api/v1/web/cards/nope/withdraw", R"({"reason":"x"})").status,
                 404L);
    }
};

QTEST_GUILESS_MAIN(TestWebClerks)
#include "tst_webclerks.moc"
