// The office's review of an inspection through the web page's API, against the real server
// process: the verdict reaches the tablet, bad input is refused (docs/web.md).
// Each test function builds what it needs on the shared office: any one runs alone
// (tst_x -functions / tst_x name).

#include "webfixture.h"

#include <QtTest>

#include <set>

using namespace fp;
using namespace fp::test;

class TestWebReview : public WebTest
{
    Q_OBJECT

  private slots:
    void reviewReachesTheTablet()
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
        // Both decisions are leaves of the office log, and the next pull carries the head over
        // them, signed; the log still matches the database.
        auto db = m_office.officeDb();
        Statement logged(*db, "SELECT COUNT(*) FROM review_history h JOIN log_leaf l ON l.type = "
                              "'review' AND l.record = CAST(h.seq AS TEXT) WHERE "
                              "h.inspection_id = ?");
        logged.bind(1, m_inspection).step();
        QCOMPARE(logged.integer(0), std::int64_t(2));
        Statement leaves(*db, "SELECT COUNT(*) FROM log_leaf");
        leaves.step();
        const auto head = tablet.get("/api/v1/sync/pull?limit=2000").json()["tree_head"];
        QCOMPARE(head["tree_size"].get<std::int64_t>(), leaves.integer(0));
        QCOMPARE(head["signature"].get<std::string>().size(), std::size_t(128));
        const CliRun verify = m_office.cli({"log", "verify"});
        QVERIFY2(verify.exitCode == 0, qPrintable(verify.err));
    }

    void reviewRefusesBadInput()
    {
        WebClient web = office();
        const std::string path = "/api/v1/web/inspections/" + m_inspection + "/review";
        auto r = web.postJson(path, R"({"decision":"return"})");
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("request.reason") != std::string::npos, r.body.c_str());
        r = web.postJson(path, R"({"decision":"return","reason":""})");
        QCOMPARE(r.status, 400L);
        r = web.postJson(path,
                         Json{{"decision", "return"}, {"reason", std::string(3000, 'x')}}.dump());
        QCOMPARE(r.status, 400L);
        // The limit is 500 characters, counted as characters and said: 501 Chinese characters
        // (1,503 bytes) are refused with the count, not cut silently.
        std::string long501;
        for (int i = 0; i < 501; ++i)
            long501 += "改";
        r = web.postJson(path, Json{{"decision", "return"}, {"reason", long501}}.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("at most 500 characters, got 501") != std::string::npos,
                 r.body.c_str());
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
        for (const char *bad :
             {"per_page=0", "page=0", "per_page=x", "from=2017-13-01", "to=yesterday"}) {
            r = web.get(std::string("/api/v1/web/inspections?") + bad);
            QVERIFY2(r.status == 400 && !messageOf(r).empty(), bad);
        }
    }

    // The review list is paged and filtered on the server, and names the planned equipment
    // of the inspections on the page in the same answer (issue 16 item 8).
    void reviewListIsPagedAndFiltered()
    {
        for (int i = 0; i < 4; ++i)
            QVERIFY(!pushFinal().empty());
        WebClient web = office();
        const Json all = web.get("/api/v1/web/inspections?review=received").json();
        const std::size_t total = all["inspections"].size();
        QVERIFY2(total >= 4, all.dump().c_str());
        QCOMPARE(all["total"].get<std::size_t>(), total);
        std::set<std::string> seen;
        std::size_t pages = 0;
        for (int page = 1; page <= 10; ++page) {
            const Json j = web.get("/api/v1/web/inspections?review=received&per_page=3&page=" +
                                   std::to_string(page))
                               .json();
            QCOMPARE(j["total"].get<std::size_t>(), total);
            if (j["inspections"].empty())
                break;
            ++pages;
            QVERIFY(j["inspections"].size() <= 3);
            for (const auto &i : j["inspections"]) {
                QVERIFY(seen.insert(i["inspection"]["id"].get<std::string>()).second);
                QCOMPARE(i["enterprise_code"], ApiFixture::kTianchengCode);
                for (const auto &c : i["checks"]) {
                    QVERIFY2(c["equipment_id"].is_string(), c.dump().c_str()); // planned items
                    QVERIFY2(j["equipment"].contains(c["equipment_id"].get<std::string>()),
                             j["equipment"].dump().c_str());
                }
            }
        }
        QCOMPARE(seen.size(), total); // every inspection on exactly one page
        QCOMPARE(pages, (total + 2) / 3);
        // By region: Tiancheng's town holds them all, another town none.
        const Json regions = all["regions"];
        QVERIFY(regions.size() >= 2);
        std::string mafeng;
        std::string other;
        for (const auto &r : regions)
            (r["name"] == ApiFixture::kMafeng ? mafeng : other) = r["id"].get<std::string>();
        QVERIFY(!mafeng.empty() && !other.empty());
        const auto count = [&](const std::string &query) {
            const auto r = web.get("/api/v1/web/inspections?review=received&" + query);
            if (r.status != 200 || !r.json()["total"].is_number()) {
                qWarning("%s: %ld %s", query.c_str(), r.status, r.body.c_str());
                return std::size_t(-1);
            }
            return r.json()["total"].get<std::size_t>();
        };
        const auto encoded = [](const std::string &id) {
            return QUrl::toPercentEncoding(QString::fromStdString(id)).toStdString();
        };
        QCOMPARE(count("region=" + encoded(mafeng)), total);
        QCOMPARE(count("region=" + encoded(other)), std::size_t(0));
        // By the day the visit started, both ends inclusive.
        const std::string day =
            all["inspections"][0]["inspection"]["started_at"].get<std::string>().substr(0, 10);
        QVERIFY(count("from=" + day + "&to=" + day) >= 1);
        QVERIFY(count("from=" + day) + count("to=" + day) >=
                total); // each is on or after, or on or before
        QVERIFY(count("from=" + day + "&to=" + day) <= count("from=" + day));
        QCOMPARE(count("from=" + isoDay(400)), std::size_t(0));
        QCOMPARE(count("to=1999-12-31"), std::size_t(0));
    }
};

QTEST_GUILESS_MAIN(TestWebReview)
#include "tst_webreview.moc"
