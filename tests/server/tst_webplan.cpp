// The plan and its work through the web page's API, against the real server process: plan
// import with its report of bad lines, tasks assigned within scope, cards and their
// rectification (docs/web.md).
// Each test function builds what it needs on the shared office: any one runs alone
// (tst_x -functions / tst_x name).

#include "testdata.h"
#include "webfixture.h"

#include <QtTest>

#include <fstream>

using namespace fp;
using namespace fp::test;

class TestWebPlan : public WebTest
{
    Q_OBJECT

  private slots:
    void planImportReportsBadLines()
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

    // The blank sheet the page offers: the header parsePlanSheet() reads (the sample's header,
    // in UTF-8 with a BOM for Excel); filled with a row of the sample it imports.
    void planTemplateIsTheSheetTheImportReads()
    {
        WebClient web = office();
        const auto r = web.get("/api/v1/web/plan/template.csv");
        QCOMPARE(r.status, 200L);
        QVERIFY2(r.body.starts_with("\xEF\xBB\xBF"), r.body.c_str());
        QStringList sample = QString::fromStdString(readFile(samplePlan())).split('\n');
        const QString header = QString::fromStdString(r.body.substr(3)).trimmed();
        QCOMPARE(header, sample[0].remove(QChar(0xFEFF)).trimmed());
        const auto filled =
            web.send("POST", "/api/v1/web/plan", r.body + sample[1].toStdString(), kCsv);
        QVERIFY2(filled.status == 200, filled.body.c_str());
        QCOMPARE(filled.json()["rows_read"], 1);
    }

    void tasksAreAssignedWithinScope()
    {
        WebClient web = office();
        const Json task{{"enterprise_id", m_tiancheng},
                        {"kind", "exit"},
                        {"due", isoDay(30)},
                        {"inspectors", {"zhang", "wang"}}};
        auto r = web.postJson("/api/v1/web/tasks", task.dump());
        QCOMPARE(r.status, 201L);
        const std::string id = r.json()["id"];
        const std::string dayAfter = "?today=" + isoDay(31);
        auto tasks = web.get("/api/v1/web/tasks" + dayAfter).json()["tasks"];
        QCOMPARE(tasks.size(), std::size_t(1));
        QCOMPARE(tasks[0]["inspectors"], Json({"zhang", "wang"}));
        QCOMPARE(tasks[0]["overdue"], true);
        QCOMPARE(web.get("/api/v1/web/progress" + dayAfter).json()["overdue_tasks"].size(),
                 std::size_t(1));
        // A task cannot be due before today; today itself is fine (issue 16 item 6).
        Json past = task;
        past["due"] = isoDay(-1);
        r = web.postJson("/api/v1/web/tasks", past.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r) ==
                     "request.due: cannot be before today (" + isoDay(0) + "), got " + isoDay(-1),
                 r.body.c_str());
        QCOMPARE(web.get("/api/v1/web/tasks").json()["tasks"].size(), std::size_t(1));
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

    void cardsAndRectification()
    {
        WebClient web = office();
        const Json card = cardForm(m_tiancheng, "energy", "yellow", "市经信局", "2017-03-15");
        // A card cannot be issued after today: it would be published before it happened.
        Json future = card;
        future["issued_on"] = isoDay(1);
        auto r = web.postJson("/api/v1/web/cards", future.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).starts_with("request.issued_on: cannot be after today ("),
                 r.body.c_str());
        QCOMPARE(web.get("/api/v1/web/lists/yellow").json()["rows"].size(), std::size_t(0));
        r = web.postJson("/api/v1/web/cards", card.dump());
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
        r = web.postJson(
            "/api/v1/web/cards/" + id + "/extend",
            Json{{"to", "2017-12-15"}, {"applied_on", isoDay(1)}, {"reason", "技改"}}.dump());
        QCOMPARE(r.status, 400L); // an application the enterprise has not made yet
        QVERIFY2(messageOf(r).starts_with("request.applied_on: cannot be after today"),
                 r.body.c_str());
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
};

QTEST_GUILESS_MAIN(TestWebPlan)
#include "tst_webplan.moc"
