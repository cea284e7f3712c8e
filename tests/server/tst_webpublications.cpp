// Dated publications and the year-end report through the web page's API, against the real
// server process (issue 14 items 4 and 5; docs/web.md): a list published as numbered batches
// with who and when, the live list marked unpublished or changed since batch N, what each batch
// added and removed, a batch downloaded twice (in different seconds, after the live list moved
// on) byte for byte the same, the evidence bundle of each listed enterprise, the publication in
// the journal; the year-end report's tables, workbook and CSV, the slow-region threshold as an
// office setting, progress as CSV and XLSX; and bad requests answered 4xx with a JSON reason.
// Each test function builds what it needs on the shared office: any one runs alone.

#include "webfixture.h"

#include <QtTest>

#include <chrono>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

constexpr const char *kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The overview entry of `list` in GET /publications.
Json listIn(WebClient &web, const std::string &list)
{
    const auto r = web.get("/api/v1/web/publications");
    if (r.status != 200) {
        qWarning("GET /publications: %ld %s", r.status, r.body.c_str());
        return Json();
    }
    return rowWhere(r.json()["lists"], "name", list);
}

/// Issues a card through the page's endpoint; its id, or "" (with the answer logged).
std::string issueCard(WebClient &web, const std::string &enterpriseId, const std::string &level,
                      const std::string &standard)
{
    const auto r = web.postJson(
        "/api/v1/web/cards", cardForm(enterpriseId, standard, level, "市经信局", isoDay(0)).dump());
    if (r.status != 201) {
        qWarning("card not issued: %ld %s", r.status, r.body.c_str());
        return {};
    }
    return r.json()["id"];
}

/// Waits (once, bounded by a second) until the wall clock is in the next second: a download
/// after it would differ if the server wrote the time of writing into the file.
void waitForNextSecond()
{
    const auto now = std::chrono::system_clock::now();
    std::this_thread::sleep_until(std::chrono::ceil<std::chrono::seconds>(now) +
                                  std::chrono::milliseconds(50));
}

std::set<std::string> codesOf(const Json &enterprises)
{
    std::set<std::string> out;
    for (const auto &e : enterprises)
        out.insert(e["credit_code"].get<std::string>());
    return out;
}

/// How many sheets an XLSX holds: each is a zip member xl/worksheets/sheetN.xml, whose name
/// the zip's directory stores uncompressed.
int sheetCount(const std::string &xlsx)
{
    int n = 0;
    while (xlsx.find("xl/worksheets/sheet" + std::to_string(n + 1) + ".xml") != std::string::npos)
        ++n;
    return n;
}

} // namespace

class TestWebPublications : public WebTest
{
    Q_OBJECT

  private slots:
    void aListIsPublishedInNumberedBatchesWithItsChanges()
    {
        WebClient web = office();
        const std::string hongyuan = m_office.enterpriseId(ApiFixture::kHongyuanCode);
        const std::string fengyuan = m_office.enterpriseId(ApiFixture::kFengyuanCode);
        const std::string first = issueCard(web, hongyuan, "yellow", "energy");
        QVERIFY(!first.empty());
        Json live = listIn(web, "yellow");
        QCOMPARE(live["state"], "unpublished");
        QCOMPARE(live["next_title"], "第一批黄牌企业名单");

        auto r = web.postJson("/api/v1/web/publications", Json{{"list", "yellow"}}.dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        const Json one = r.json();
        QCOMPARE(one["batch"], 1);
        QCOMPARE(one["title"], "第一批黄牌企业名单");
        QCOMPARE(one["published_by"], "office");
        QCOMPARE(one["published_on"], isoDay(0));
        live = listIn(web, "yellow");
        QCOMPARE(live["state"], "published");
        QCOMPARE(live["batches"].size(), std::size_t(1));

        // The live list moves on: marked changed since batch 1, then batch 2 shows what changed.
        QVERIFY(!issueCard(web, fengyuan, "yellow", "quality").empty());
        r = web.postJson("/api/v1/web/cards/" + first + "/state",
                         Json{{"state", "rectified"}}.dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        live = listIn(web, "yellow");
        QCOMPARE(live["state"], "changed");
        QCOMPARE(live["latest_batch"], 1);
        r = web.postJson("/api/v1/web/publications",
                         Json{{"list", "yellow"}, {"published_on", isoDay(-1)}}.dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        const Json two = r.json();
        QCOMPARE(two["title"], "第二批黄牌企业名单");
        QCOMPARE(two["published_on"], isoDay(-1));

        r = web.get("/api/v1/web/publications/" + std::to_string(two["id"].get<std::int64_t>()));
        QVERIFY2(r.status == 200, r.body.c_str());
        const Json batch = r.json();
        QCOMPARE(batch["previous_batch"], 1);
        QVERIFY(codesOf(batch["added"]).contains(ApiFixture::kFengyuanCode));
        QVERIFY(codesOf(batch["removed"]).contains(ApiFixture::kHongyuanCode));
        QVERIFY(!codesOf(batch["added"]).contains(ApiFixture::kHongyuanCode));
        // Each listed enterprise offers its evidence bundle, and the link answers.
        bool offered = false;
        for (const auto &e : batch["entries"]) {
            if (e["credit_code"] != ApiFixture::kFengyuanCode)
                continue;
            QCOMPARE(e["enterprise_id"], fengyuan);
            const std::string link = e["bundle"];
            QCOMPARE(link, "/api/v1/web/enterprises/" + fengyuan + "/bundle");
            // Fengyuan has no final inspection yet: the route answers, with nothing to bundle.
            QCOMPARE(errorOf(web.get(link)), std::string("nothing_to_bundle"));
            offered = true;
        }
        QVERIFY(offered);

        // Batch 1 still holds what it held: Hongyuan, and not Fengyuan.
        r = web.get("/api/v1/web/publications/" + std::to_string(one["id"].get<std::int64_t>()));
        QCOMPARE(r.status, 200L);
        QVERIFY(r.json()["previous_batch"].is_null());
        QVERIFY(codesOf(r.json()["entries"]).contains(ApiFixture::kHongyuanCode));
        QVERIFY(!codesOf(r.json()["entries"]).contains(ApiFixture::kFengyuanCode));

        // The journal says who published what.
        r = web.get("/api/v1/web/journal?kind=publication.published&limit=200");
        QCOMPARE(r.status, 200L);
        bool journalled = false;
        const Json journal = r.json();
        for (const auto &e : journal["entries"])
            journalled |= e["summary"] == "第二批黄牌企业名单" && e["account"] == "office";
        QVERIFY(journalled);
    }

    /// The first download and every later one are the same bytes, as CSV and as XLSX, after the
    /// live list changed and in another second of the clock.
    void aPublishedBatchDownloadsTheSameBytesTwice()
    {
        WebClient web = office();
        const std::string tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
        QVERIFY(!issueCard(web, tiancheng, "red", "safety").empty());
        auto r = web.postJson("/api/v1/web/publications", Json{{"list", "red"}}.dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        const std::string path =
            "/api/v1/web/publications/" + std::to_string(r.json()["id"].get<std::int64_t>());
        const auto csv1 = web.get(path + ".csv");
        const auto xlsx1 = web.get(path + ".xlsx");
        QCOMPARE(csv1.status, 200L);
        QCOMPARE(xlsx1.status, 200L);
        QCOMPARE(xlsx1.header("content-type"), std::string(kXlsxType));
        QVERIFY(xlsx1.body.starts_with("PK"));
        QVERIFY(csv1.body.find(ApiFixture::kTianchengCode) != std::string::npos);
        QVERIFY(xlsx1.header("content-disposition").find("red-") != std::string::npos);

        // The live red list moves on, and the clock passes into another second.
        const std::string hongyuan = m_office.enterpriseId(ApiFixture::kHongyuanCode);
        QVERIFY(!issueCard(web, hongyuan, "red", "quality").empty());
        QVERIFY(web.get("/api/v1/web/lists/red.csv").body != csv1.body);
        waitForNextSecond();

        const auto csv2 = web.get(path + ".csv");
        const auto xlsx2 = web.get(path + ".xlsx");
        QCOMPARE(csv2.status, 200L);
        QCOMPARE(xlsx2.status, 200L);
        QVERIFY2(csv2.body == csv1.body, "the batch's CSV changed between downloads");
        QVERIFY2(xlsx2.body == xlsx1.body,
                 "the batch's XLSX changed between downloads: the writer embeds the time");
    }

    void publishingRefusesBadRequests()
    {
        WebClient web = office();
        auto r = web.postJson("/api/v1/web/publications", Json{{"list", "plan"}}.dump());
        QCOMPARE(r.status, 400L);
        QCOMPARE(errorOf(r), std::string("bad_request"));
        QVERIFY(messageOf(r).find("yellow, red or completed") != std::string::npos);
        r = web.postJson("/api/v1/web/publications",
                         Json{{"list", "yellow"}, {"published_on", isoDay(3)}}.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY(messageOf(r).find("published_on") != std::string::npos);
        r = web.postJson("/api/v1/web/publications", "[1]");
        QCOMPARE(r.status, 400L);
        QCOMPARE(web.get("/api/v1/web/publications/999999").status, 404L);
        QCOMPARE(errorOf(web.get("/api/v1/web/publications/999999.xlsx")),
                 std::string("not_found"));
        r = web.send("POST", "/api/v1/web/publications", Json{{"list", "yellow"}}.dump(),
                     "application/json", false);
        QCOMPARE(r.status, 403L);
        WebClient anonymous(m_office.baseUrl());
        QCOMPARE(anonymous.get("/api/v1/web/publications").status, 401L);
        QCOMPARE(anonymous.get("/api/v1/web/year-report.xlsx").status, 401L);
    }

    void theYearReportListsExitsCardsTasksAndSlowRegions()
    {
        WebClient web = office();
        const std::string year = isoDay(0).substr(0, 4);
        const std::string fengyuan = m_office.enterpriseId(ApiFixture::kFengyuanCode);
        // Closed by law this year (a red card): an exit, under the safety department.
        QVERIFY(!issueCard(web, fengyuan, "red", "safety").empty());
        // A task overdue since yesterday (the command line takes a past date; the page does not).
        const CliRun task = m_office.cli(
            {"task", "add", "--enterprise", ApiFixture::kTianchengCode, "--kind", "survey", "--due",
             QString::fromStdString(isoDay(-1)), "--inspector", "zhang"});
        QVERIFY2(task.exitCode == 0, qPrintable(task.err));
        auto r = web.postJson("/api/v1/web/settings", Json{{"slow_region_percent", 100}}.dump());
        QVERIFY2(r.status == 200, r.body.c_str());

        r = web.get("/api/v1/web/year-report?year=" + year);
        QVERIFY2(r.status == 200, r.body.c_str());
        const Json report = r.json();
        QCOMPARE(report["slow_region_percent"], 100);
        QVERIFY(report["exited_enterprises"].get<int>() >= 1);
        QVERIFY(report["cards_opened"].get<int>() >= 1);
        QVERIFY(report["overdue_tasks"].get<int>() >= 1);
        QCOMPARE(report["tipoffs"], 0); // none registered in this office
        std::map<std::string, Json> tables;
        for (const auto &t : report["tables"])
            tables[t["title"]] = t;
        for (const char *title :
             {"年度汇总", "已退出企业名单", "设备清单", "按属地", "按行业", "按标准", "按责任部门",
              "产能汇总", "黄牌红牌", "举报与现场发现", "逾期任务", "进展缓慢属地"})
            QVERIFY2(tables.contains(title), title);
        bool exited = false;
        for (const auto &row : tables["已退出企业名单"]["rows"]) {
            if (row[3] == ApiFixture::kFengyuanCode) {
                QCOMPARE(row[5], "依法关停");
                QVERIFY(row[8].get<std::string>().find("安监局") != std::string::npos);
                exited = true;
            }
        }
        QVERIFY(exited);
        bool safety = false;
        for (const auto &row : tables["按标准"]["rows"])
            safety |= row[0] == "安全" && row[1] == "安监局";
        QVERIFY(safety);
        QVERIFY(!tables["设备清单"]["rows"].empty()); // Fengyuan's planned equipment
        bool overdue = false;
        for (const auto &row : tables["逾期任务"]["rows"])
            overdue |= row[4] == isoDay(-1);
        QVERIFY(overdue);
        // At 100 % every region with anything left to do is slow; at 0 % none is.
        QVERIFY(!tables["进展缓慢属地"]["rows"].empty());
        QCOMPARE(
            web.postJson("/api/v1/web/settings", Json{{"slow_region_percent", 0}}.dump()).status,
            200L);
        r = web.get("/api/v1/web/year-report?year=" + year);
        QCOMPARE(r.json()["slow_regions"], 0);
        // Another year has none of this year's exits.
        r = web.get("/api/v1/web/year-report?year=2001");
        QCOMPARE(r.status, 200L);
        QCOMPARE(r.json()["exited_enterprises"], 0);

        const auto xlsx = web.get("/api/v1/web/year-report.xlsx?year=" + year);
        QCOMPARE(xlsx.status, 200L);
        QCOMPARE(xlsx.header("content-type"), std::string(kXlsxType));
        QCOMPARE(sheetCount(xlsx.body), int(report["tables"].size()));
        const auto csv = web.get("/api/v1/web/year-report.csv?year=" + year);
        QCOMPARE(csv.status, 200L);
        QVERIFY(csv.body.starts_with("\xEF\xBB\xBF"));
        QVERIFY(csv.body.find("已退出企业名单") != std::string::npos);
        QVERIFY(csv.body.find(ApiFixture::kFengyuanCode) != std::string::npos);
    }

    void theSlowRegionThresholdIsAnOfficeSetting()
    {
        WebClient web = office();
        auto r = web.postJson("/api/v1/web/settings", Json{{"slow_region_percent", 62.5}}.dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        r = web.get("/api/v1/web/settings");
        QCOMPARE(r.json()["slow_region_percent"], 62.5);
        QCOMPARE(r.json()["changed_by"], "office");
        for (const char *bad : {R"({"slow_region_percent": 150})", R"({"slow_region_percent": -1})",
                                R"({"slow_region_percent": "60"})", R"({})"}) {
            r = web.postJson("/api/v1/web/settings", bad);
            QCOMPARE(r.status, 400L);
            QVERIFY(messageOf(r).find("slow_region_percent") != std::string::npos);
        }
        QCOMPARE(web.get("/api/v1/web/settings").json()["slow_region_percent"], 62.5);
        r = web.get("/api/v1/web/journal?kind=setting.changed&limit=1");
        QCOMPARE(r.json()["entries"][0]["detail"]["after"], "62.5");
        QCOMPARE(web.get("/api/v1/web/year-report?year=1999").status, 400L);
        QCOMPARE(web.get("/api/v1/web/year-report?year=abc").status, 400L);
    }

    void progressExportsAsCsvAndXlsx()
    {
        WebClient web = office();
        const auto csv = web.get("/api/v1/web/progress.csv");
        QCOMPARE(csv.status, 200L);
        QVERIFY(csv.body.starts_with("\xEF\xBB\xBF"));
        QVERIFY(csv.body.find("工作进度(按属地)") != std::string::npos);
        QVERIFY(csv.body.find(ApiFixture::kMafeng) != std::string::npos);
        const auto xlsx = web.get("/api/v1/web/progress.xlsx");
        QCOMPARE(xlsx.status, 200L);
        QCOMPARE(sheetCount(xlsx.body), 2);
        // The JSON progress is still where it was.
        QCOMPARE(web.get("/api/v1/web/progress").status, 200L);
    }
};

QTEST_GUILESS_MAIN(TestWebPublications)
#include "tst_webpublications.moc"
