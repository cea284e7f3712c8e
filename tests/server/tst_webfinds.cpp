// On-site finds and tip-offs (issue 14 items 2 and 3) against the real server process: an item
// recorded on site outside the plan waits in the office's review with the visit that found it;
// confirmed, it becomes a plan row that counts in progress and the lists with the visit's own
// finding; dismissed, it keeps its reason; the report counts them per region as JSON and CSV. A
// tip-off names an enterprise the office holds or a new one, hides its reporter's contact from
// everyone but admins, gets a task, and is closed by the visit that followed, flagged 漏报/瞒报
// when that visit found an unlisted line. Every action is journalled.

#include "core/ids.h"
#include "core/sha256.h"
#include "testdata.h"
#include "webfixture.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

namespace {

EquipmentCheck unlistedCheck(const InspectionBundle &b, const std::string &kind, Finding finding)
{
    EquipmentCheck c;
    c.id = newId();
    c.inspection_id = b.inspection.id;
    c.unlisted = UnlistedItem{kind, "5吨", Capacity{2.0, "万吨/年"}};
    c.finding = finding;
    c.checked_at = "2017-09-02T02:55:00.000Z";
    return c;
}

Json findIn(const Json &list, const std::string &checkId)
{
    return rowWhere(list, "check_id", checkId);
}

Json regionRow(const Json &rows, const std::string &name)
{
    return rowWhere(rows, "name", name);
}

Json tipoffIn(const Json &answer, const std::string &id)
{
    return rowWhere(answer["tipoffs"], "id", id);
}

} // namespace

class TestWebFinds : public WebTest
{
    Q_OBJECT

    /// zhang's tablet pushes `b` (version 1); false with the answer logged otherwise.
    bool push(const InspectionBundle &b)
    {
        const auto device = m_office.enroll("zhang");
        HttpClient http(m_office.baseUrl());
        http.setToken(device.token);
        const auto r = http.postJson("/api/v1/sync/push", pushBody(device.id, {pushItem(b, 1)}));
        if (r.status != 200 || r.json()["results"][0]["status"] != "stored") {
            qWarning("push failed: %ld %s", r.status, r.body.c_str());
            return false;
        }
        return true;
    }

    /// A final exit visit to Tiancheng: its planned item dismantled, and two items outside the
    /// plan, a 冲天炉 dismantled (with its photo) and a 中频炉 still operating.
    InspectionBundle visitWithFinds()
    {
        const std::string sha = sha256Hex(m_photo);
        InspectionBundle b =
            finalDismantledBundle(m_tiancheng, m_item, sha, std::int64_t(m_photo.size()));
        EquipmentCheck cupola = unlistedCheck(b, "冲天炉", Finding::Dismantled);
        Photo p = b.photos[0];
        p.id = newId();
        p.check_id = cupola.id;
        b.checks.push_back(cupola);
        b.photos.push_back(p);
        b.checks.push_back(unlistedCheck(b, "中频炉", Finding::Operating));
        return b;
    }

    InspectionBundle m_visit;

  private slots:
    void anUnlistedItemWaitsWithTheVisitThatFoundIt()
    {
        m_visit = visitWithFinds();
        QVERIFY(push(m_visit));
        WebClient web = office();
        const auto r = web.get("/api/v1/web/finds");
        QCOMPARE(r.status, 200L);
        const Json cupola = findIn(r.json()["open"], m_visit.checks[1].id);
        QVERIFY2(cupola.is_object(), r.body.c_str());
        QCOMPARE(cupola["inspection_id"], m_visit.inspection.id);
        QCOMPARE(cupola["enterprise_id"], m_tiancheng);
        QCOMPARE(cupola["region_name"], ApiFixture::kMafeng);
        QCOMPARE(cupola["kind"], "冲天炉");
        QCOMPARE(cupola["finding"], "dismantled");
        QCOMPARE(cupola["found_on"], "2017-09-02");
        QCOMPARE(cupola["review"], "received");
        QVERIFY(findIn(r.json()["open"], m_visit.checks[2].id).is_object());
        QCOMPARE(regionRow(r.json()["by_region"], ApiFixture::kMafeng)["open"], 2);
    }

    void aConfirmedFindCountsInProgressAndTheLists()
    {
        WebClient web = office();
        auto r = web.postJson("/api/v1/web/inspections/" + m_visit.inspection.id + "/review",
                              R"({"decision":"accept"})");
        QCOMPARE(r.status, 200L);
        const Json before = web.get("/api/v1/web/progress").json()["total"];
        const auto planRows = web.get("/api/v1/web/lists/plan").json()["rows"].size();

        const std::string checkId = m_visit.checks[1].id;
        // Bad requests name their field; nothing is confirmed.
        r = web.postJson(
            "/api/v1/web/finds/confirm",
            Json{{"inspection_id", m_visit.inspection.id}, {"check_id", "nope"}}.dump());
        QCOMPARE(r.status, 404L);
        QVERIFY2(messageOf(r).find("request.check_id") != std::string::npos, r.body.c_str());
        r = web.postJson("/api/v1/web/finds/confirm", Json{{"inspection_id", m_visit.inspection.id},
                                                           {"check_id", m_visit.checks[0].id}}
                                                          // a planned item's check
                                                          .dump());
        QCOMPARE(r.status, 404L);
        r = web.postJson("/api/v1/web/finds/confirm", Json{{"inspection_id", m_visit.inspection.id},
                                                           {"check_id", checkId},
                                                           {"action", "seal_then_dismantle"}}
                                                          .dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("request.dismantle_deadline") != std::string::npos,
                 r.body.c_str());

        r = web.postJson(
            "/api/v1/web/finds/confirm",
            Json{{"inspection_id", m_visit.inspection.id}, {"check_id", checkId}}.dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        QCOMPARE(r.json()["equipment"]["id"], checkId);
        QCOMPARE(r.json()["equipment"]["plan_year"], 2017);
        r = web.postJson(
            "/api/v1/web/finds/confirm",
            Json{{"inspection_id", m_visit.inspection.id}, {"check_id", checkId}}.dump());
        QCOMPARE(r.status, 409L);

        // A plan row now, dismantled by the visit that found it.
        const Json after = web.get("/api/v1/web/progress").json()["total"];
        QCOMPARE(after["items"].get<double>(), before["items"].get<double>() + 1);
        QCOMPARE(after["dismantled"].get<double>(), before["dismantled"].get<double>() + 1);
        QCOMPARE(web.get("/api/v1/web/lists/plan").json()["rows"].size(), planRows + 1);
        const Json dossier = web.get("/api/v1/web/enterprises/" + m_tiancheng).json();
        bool seen = false;
        for (const auto &q : dossier["equipment"]) {
            if (q["id"] == checkId) {
                QCOMPARE(q["status"], "dismantled");
                QCOMPARE(q["inspection_id"], m_visit.inspection.id);
                QCOMPARE(q["found_on_site"], m_visit.inspection.id); // marked, with its visit
                seen = true;
            }
        }
        QVERIFY(seen);
        // Decided, with who and when; the tablets of 马风镇 pull the new row.
        const Json decided = findIn(web.get("/api/v1/web/finds").json()["decided"], checkId);
        QCOMPARE(decided["state"], "confirmed");
        QCOMPARE(decided["decided_by"], "office");
        HttpClient tablet(m_office.baseUrl());
        tablet.setToken(m_office.enroll("zhang").token);
        bool pulled = false;
        std::string cursor;
        for (int page = 0; page < 100 && !pulled; ++page) {
            const Json j = tablet.get("/api/v1/sync/pull?limit=2000&cursor=" + cursor).json();
            QVERIFY(j.is_object());
            for (const auto &item : j["items"])
                pulled = pulled || (item["type"] == "equipment" && item["data"].is_object() &&
                                    item["data"]["id"] == checkId);
            cursor = j["cursor"].get<std::string>();
            if (!j["more"].get<bool>())
                break;
        }
        QVERIFY(pulled);
        r = web.get("/api/v1/web/journal?kind=find.confirmed");
        QCOMPARE(r.json()["entries"].size(), std::size_t(1));
        QCOMPARE(r.json()["entries"][0]["target"], checkId);
        QCOMPARE(r.json()["entries"][0]["enterprise_id"], m_tiancheng);
    }

    void aDismissedFindKeepsItsReasonAndTheReportCountsByRegion()
    {
        WebClient web = office();
        const std::string checkId = m_visit.checks[2].id;
        const Json body{{"inspection_id", m_visit.inspection.id}, {"check_id", checkId}};
        Json blank = body;
        blank["reason"] = "  ";
        auto r = web.postJson("/api/v1/web/finds/dismiss", blank.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("request.reason") != std::string::npos, r.body.c_str());
        Json good = body;
        good["reason"] = "系企业备用炉，已于2016年拆除，核查人员误记";
        r = web.postJson("/api/v1/web/finds/dismiss", good.dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        QCOMPARE(web.postJson("/api/v1/web/finds/confirm", body.dump()).status, 409L);

        const Json finds = web.get("/api/v1/web/finds").json();
        QVERIFY(finds["open"].empty());
        QCOMPARE(findIn(finds["decided"], checkId)["reason"], good["reason"]);
        const Json row = regionRow(finds["by_region"], ApiFixture::kMafeng);
        QCOMPARE(row["open"], 0);
        QCOMPARE(row["confirmed"], 1);
        QCOMPARE(row["dismissed"], 1);
        QCOMPARE(row["capacity"][0]["value"].get<double>(), 2.0);

        r = web.get("/api/v1/web/finds/report.csv");
        QCOMPARE(r.status, 200L);
        QVERIFY(r.body.find("属地,企业名称") != std::string::npos);
        QVERIFY(r.body.find("已纳入计划") != std::string::npos);
        QVERIFY(r.body.find("已排除") != std::string::npos);
        QVERIFY(r.body.find(good["reason"].get<std::string>()) != std::string::npos);
        r = web.get("/api/v1/web/finds/report");
        QCOMPARE(r.json()["rows"].size(), std::size_t(2));
        r = web.get("/api/v1/web/journal?kind=find");
        QCOMPARE(r.json()["entries"].size(), std::size_t(2));
        QCOMPARE(r.json()["entries"][0]["kind"], "find.dismissed");
    }

    void badTipoffsAreRefusedNamingTheField()
    {
        WebClient web = office();
        const Json good{{"received_on", "2017-09-01"},
                        {"channel", "phone"},
                        {"content", "天成铸造夜间仍在生产"},
                        {"enterprise_id", m_tiancheng}};
        const std::vector<BadField> cases{
            {"channel", "fax", 400, "request.channel"},
            {"content", " ", 400, "request.content"},
            {"received_on", isoDay(2), 400, "request.received_on"},
            {"received_on", "2017-02-30", 400, "request.received_on"},
            {"enterprise_id", "nope", 404, "request.enterprise_id"},
            {"enterprise_id", nullptr, 400, "request.enterprise_id"},                   // neither
            {"enterprise", Json{{"credit_code", "123"}}, 400, "request.enterprise_id"}, // both
        };
        const std::string problem = badFieldProblem(web, "/api/v1/web/tipoffs", good, cases);
        QVERIFY2(problem.empty(), problem.c_str());
        Json fresh = good;
        fresh.erase("enterprise_id");
        fresh["enterprise"] = Json{{"credit_code", "123"}, {"name", "x"}, {"region", "马风镇"}};
        const auto r = web.postJson("/api/v1/web/tipoffs", fresh.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("request.enterprise.credit_code") != std::string::npos,
                 r.body.c_str());
        QVERIFY(web.get("/api/v1/web/tipoffs").json()["tipoffs"].empty());
    }

    void aTipoffIsTaskedAndClosedByTheVisitThatFollowed()
    {
        WebClient web = office();
        auto r =
            web.postJson("/api/v1/web/tipoffs", Json{{"received_on", "2017-09-10"},
                                                     {"channel", "letter"},
                                                     {"content", "天成铸造还有一台冲天炉未上报"},
                                                     {"enterprise_id", m_tiancheng},
                                                     {"reporter_contact", "王先生 13800000000"}}
                                                    .dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        const std::string id = r.json()["id"];
        // The year-end report counts it in the year it was received.
        const auto yearly = web.get("/api/v1/web/year-report?year=2017");
        QVERIFY2(yearly.status == 200, yearly.body.c_str());
        QVERIFY2(yearly.json()["tipoffs"].get<int>() >= 1, yearly.body.c_str());
        // Only admins see the reporter's contact.
        Json listed = tipoffIn(web.get("/api/v1/web/tipoffs").json(), id);
        QCOMPARE(listed["state"], "open");
        QVERIFY(!listed.contains("reporter_contact"));
        QCOMPARE(listed["has_contact"], true);
        QVERIFY(web.get("/api/v1/web/tipoffs").body.find("13800000000") == std::string::npos);
        QCOMPARE(tipoffIn(admin().get("/api/v1/web/tipoffs").json(), id)["reporter_contact"],
                 "王先生 13800000000");

        const std::string task = "/api/v1/web/tipoffs/" + id + "/task";
        r = web.postJson(
            task, Json{{"kind", "recheck"}, {"due", isoDay(10)}, {"inspectors", {"li"}}}.dump());
        QCOMPARE(r.status, 422L); // li's scope is 感王镇
        r = web.postJson(
            task, Json{{"kind", "recheck"}, {"due", isoDay(10)}, {"inspectors", {"zhang"}}}.dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        const std::string taskId = r.json()["id"];
        QCOMPARE(r.json()["enterprise_id"], m_tiancheng);
        QCOMPARE(
            web.postJson(
                   task,
                   Json{{"kind", "recheck"}, {"due", isoDay(10)}, {"inspectors", {"zhang"}}}.dump())
                .status,
            422L);
        listed = tipoffIn(web.get("/api/v1/web/tipoffs").json(), id);
        QCOMPARE(listed["task"]["id"], taskId);
        QVERIFY(listed["visit"].is_null()); // the visits of Tiancheng came before it
        // A visit before the tip-off cannot close it.
        r = web.postJson("/api/v1/web/tipoffs/" + id + "/close",
                         Json{{"inspection_id", m_visit.inspection.id}, {"outcome", "x"}}.dump());
        QCOMPARE(r.status, 422L);

        // The visit of that task found a line outside the plan.
        InspectionBundle visit = visitWithFinds();
        visit.inspection.kind = VisitKind::Recheck;
        visit.inspection.task_id = taskId;
        visit.checks.pop_back();
        visit.checks.pop_back();
        visit.photos.pop_back();
        visit.checks.push_back(unlistedCheck(visit, "冲天炉", Finding::Operating));
        visit.inspection.started_at = "2017-09-20T01:30:00.000Z";
        visit.inspection.finished_at = "2017-09-20T03:00:00.000Z";
        visit.photos[0].taken_at = "2017-09-20T02:50:00.000Z";
        QVERIFY(push(visit));
        listed = tipoffIn(web.get("/api/v1/web/tipoffs").json(), id);
        QCOMPARE(listed["visit"]["id"], visit.inspection.id);
        QCOMPARE(listed["visit"]["unlisted"], true);

        const std::string close = "/api/v1/web/tipoffs/" + id + "/close";
        r = web.postJson(close,
                         Json{{"inspection_id", visit.inspection.id}, {"outcome", ""}}.dump());
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("request.outcome") != std::string::npos, r.body.c_str());
        r = web.postJson(close, Json{{"inspection_id", "nope"}, {"outcome", "x"}}.dump());
        QCOMPARE(r.status, 404L);
        r = web.postJson(close, Json{{"inspection_id", visit.inspection.id},
                                     {"outcome", "现场发现未上报冲天炉一台，仍在生产"}}
                                    .dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        QCOMPARE(r.json()["unreported"], true); // the visit's unlisted line proves it
        QCOMPARE(web.postJson(close,
                              Json{{"inspection_id", visit.inspection.id}, {"outcome", "y"}}.dump())
                     .status,
                 422L);
        listed = tipoffIn(web.get("/api/v1/web/tipoffs").json(), id);
        QCOMPARE(listed["state"], "closed");
        QCOMPARE(listed["unreported"], true);
        QCOMPARE(listed["outcome"], "现场发现未上报冲天炉一台，仍在生产");
        QCOMPARE(listed["inspection_id"], visit.inspection.id);

        // Journalled, without the reporter's contact.
        r = web.get("/api/v1/web/journal?kind=tipoff");
        QCOMPARE(r.status, 200L);
        std::vector<std::string> kinds;
        std::string said;
        const Json entries = r.json()["entries"]; // not a loop over a temporary's member
        for (const auto &e : entries) {
            kinds.push_back(e["kind"]);
            said.append(e["kind"].get<std::string>()).append(" ");
        }
        QVERIFY2(kinds ==
                     (std::vector<std::string>{"tipoff.closed", "tipoff.tasked", "tipoff.added"}),
                 said.c_str());
        QVERIFY(r.body.find("13800000000") == std::string::npos);
    }

    void aTipoffMayNameANewEnterprise()
    {
        WebClient web = office();
        const std::string code = freshCreditCode("91210381MA0QPN55");
        auto r = web.postJson("/api/v1/web/tipoffs",
                              Json{{"received_on", "2017-10-01"},
                                   {"channel", "web"},
                                   {"content", "村东头无名铸造点"},
                                   {"enterprise", Json{{"credit_code", code},
                                                       {"name", "无名铸造点"},
                                                       {"region", ApiFixture::kMafeng}}}}
                                  .dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        const std::string enterpriseId = r.json()["enterprise_id"];
        const Json listed = tipoffIn(web.get("/api/v1/web/tipoffs").json(), r.json()["id"]);
        QCOMPARE(listed["enterprise_name"], "无名铸造点");
        QCOMPARE(listed["region_name"], ApiFixture::kMafeng);
        QCOMPARE(web.get("/api/v1/web/enterprises/" + enterpriseId).status, 200L);
        r = web.get("/api/v1/web/journal?enterprise=" + enterpriseId);
        QCOMPARE(r.json()["entries"].size(), std::size_t(2)); // enterprise.added, tipoff.added
    }

    void theCommandLineRegistersAndListsTipoffs()
    {
        auto run = m_office.cli({"tipoff", "add", "--received-on", "2017-11-01", "--channel",
                                 "media", "--content", "报道称天成铸造仍在生产", "--enterprise",
                                 ApiFixture::kTianchengCode, "--contact", "记者 李某"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QString id = run.out.trimmed();
        run = m_office.cli({"tipoff", "list"});
        QCOMPARE(run.exitCode, 0);
        QVERIFY(run.out.contains(id));
        QVERIFY(run.out.contains("报道称天成铸造仍在生产"));
        run = m_office.cli({"tipoff", "add", "--received-on", "2017-11-01", "--channel", "fax",
                            "--content", "x", "--enterprise", ApiFixture::kTianchengCode});
        QVERIFY(run.exitCode != 0);
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY(run.err.contains("--channel"));
        run = m_office.cli({"tipoff", "add", "--received-on", "2017-11-01", "--channel", "phone",
                            "--content", "x", "--enterprise", "91210381XXXXXXXXXX"});
        QVERIFY(run.exitCode != 0);
        WebClient web = office();
        QVERIFY(tipoffIn(web.get("/api/v1/web/tipoffs").json(), id.toStdString()).is_object());
        const auto r = web.get("/api/v1/web/journal?kind=tipoff.added");
        QVERIFY(r.json()["entries"][0]["account"].get<std::string>().rfind("cli", 0) == 0);
    }
};

QTEST_GUILESS_MAIN(TestWebFinds)
#include "tst_webfinds.moc"
