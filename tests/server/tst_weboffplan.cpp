// Enterprises outside the plan (issue 14 item 1) against the real server process: added from
// the web page's API, the command line and a plan sheet row without equipment, with their
// credit code checked, listed with no
// planned equipment, pulled by the tablets of their region only, named by tasks and cards, and
// journalled.

#include "webfixture.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

namespace {

Json listed(WebClient &web, const std::string &id)
{
    return rowWhere(web.get("/api/v1/web/enterprises").json()["enterprises"], "id", id);
}

} // namespace

class TestWebOffPlan : public WebTest
{
    Q_OBJECT

  private slots:
    void badEnterprisesAreRefusedNamingTheField()
    {
        WebClient web = office();
        const std::string code = freshCreditCode("91210381MA0BAD11");
        QVERIFY(!code.empty());
        const Json good{
            {"credit_code", code}, {"name", "计划外铸造厂"}, {"region", ApiFixture::kMafeng}};
        const std::vector<BadField> cases{
            {"credit_code", "91210381G6P2UGEH1X", 400, "request.credit_code"}, // check char
            {"credit_code", "123", 400, "request.credit_code"},
            {"name", "", 400, "request.name"},
            {"region", "不存在镇", 422, "request.region"},
            {"location", Json{{"lat", 200}, {"lon", 122}}, 400, "request.location.lat"},
            {"location", Json{{"lat", 40}}, 400, "request.location"},
            {"credit_code", ApiFixture::kTianchengCode, 409, "request.credit_code"},
        };
        const std::string problem = badFieldProblem(web, "/api/v1/web/enterprises", good, cases);
        QVERIFY2(problem.empty(), problem.c_str());
        QVERIFY(listed(web, code).is_null());
        const auto all = web.get("/api/v1/web/enterprises").json()["enterprises"];
        for (const auto &e : all)
            QVERIFY(e["credit_code"] != code); // nothing was added
    }

    void anEnterpriseOutsideThePlanReachesItsRegionsTablets()
    {
        WebClient web = office();
        const std::string code = freshCreditCode("91210381MA0TXP77");
        const Json body{{"credit_code", code},
                        {"name", "举报线索铸造厂"},
                        {"region", ApiFixture::kMafeng},
                        {"industry", "铸造"},
                        {"address", ""}, // as the page sends a field left empty
                        {"legal_representative", "赵某"},
                        {"contact_phone", "0412-5550000"},
                        {"location", Json{{"lat", 40.81}, {"lon", 122.95}}}};
        auto r = web.postJson("/api/v1/web/enterprises", body.dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        const std::string id = r.json()["id"];
        QCOMPARE(r.json()["region_name"], ApiFixture::kMafeng);

        const Json e = listed(web, id);
        QVERIFY2(e.is_object(), "listed among the enterprises");
        QCOMPARE(e["items"], 0);
        QCOMPARE(e["legal_representative"], "赵某");
        QCOMPARE(e["address"], "");
        QCOMPARE(e["industry"], "铸造");
        QCOMPARE(web.get("/api/v1/web/enterprises/" + id).status, 200L); // its dossier

        // The tablets of 马风镇 pull it; li's (感王镇) does not.
        const EnrolledDevice zhang = m_office.enroll("zhang");
        const EnrolledDevice li = m_office.enroll("li");
        QVERIFY(pulledEnterprises(m_office.baseUrl(), zhang.token).contains(id));
        QVERIFY(!pulledEnterprises(m_office.baseUrl(), li.token).contains(id));

        // A task can send an inspector there and a card can name it.
        r = web.postJson("/api/v1/web/tasks", Json{{"enterprise_id", id},
                                                   {"kind", "survey"},
                                                   {"due", isoDay(30)},
                                                   {"inspectors", {"zhang"}}}
                                                  .dump());
        QVERIFY2(r.status == 201, r.body.c_str());
        r = web.postJson(
            "/api/v1/web/cards",
            cardForm(id, "environment", "excess_emission", "市环保局", "2017-04-01").dump());
        QVERIFY2(r.status == 201, r.body.c_str());

        // Journalled with who and what.
        r = web.get("/api/v1/web/journal?kind=enterprise.added&enterprise=" + id);
        QCOMPARE(r.status, 200L);
        const Json entries = r.json()["entries"];
        QCOMPARE(entries.size(), std::size_t(1));
        QCOMPARE(entries[0]["account"], "office");
        QCOMPARE(entries[0]["detail"]["after"]["credit_code"], code);
        r = web.get("/api/v1/web/journal?enterprise=" + id);
        QCOMPARE(r.json()["entries"].size(), std::size_t(3)); // added, task, card
    }

    void aPlanSheetMayListAnEnterpriseWithoutEquipment()
    {
        WebClient web = office();
        const std::string header = "序号,属地,企业名称,统一社会信用代码,行业,法定代表人,联系电话,"
                                   "企业地址,设备名称,规格型号,数量(台/条),产能(万吨/年),淘汰方式,"
                                   "计划完成时间\n";
        const std::string code = freshCreditCode("91210381MA0PLN33");
        const std::string alone = "1,马风镇,计划表外企业,";
        const std::string row =
            std::string(alone).append(code).append(",铸造,钱某,0412-5551111,马风镇东村,,,,,,\n");
        // A continuation row (no enterprise of its own) with no equipment is still an error.
        auto r = web.send("POST", "/api/v1/web/plan", header + row + "2,,,,,,,,,,,,,\n", kCsv);
        QCOMPARE(r.status, 422L);
        const Json errors = r.json()["errors"];
        QVERIFY(!errors.empty());
        for (const auto &e : errors)
            QCOMPARE(e["line"], 3);

        r = web.send("POST", "/api/v1/web/plan", header + row, kCsv);
        QVERIFY2(r.status == 200, r.body.c_str());
        QCOMPARE(r.json()["counts"]["enterprises_added"], 1);
        QCOMPARE(r.json()["counts"]["equipment_added"], 0);
        std::string id;
        const Json enterprises = web.get("/api/v1/web/enterprises").json()["enterprises"];
        for (const auto &e : enterprises) {
            if (e["credit_code"] == code) {
                id = e["id"];
                QCOMPARE(e["items"], 0);
                QCOMPARE(e["legal_representative"], "钱某");
            }
        }
        QVERIFY2(!id.empty(), "the enterprise of the sheet is listed");
        const EnrolledDevice zhang = m_office.enroll("zhang");
        QVERIFY(pulledEnterprises(m_office.baseUrl(), zhang.token).contains(id));
        // Importing it again changes nothing.
        r = web.send("POST", "/api/v1/web/plan", header + row, kCsv);
        QCOMPARE(r.json()["counts"]["enterprises_added"], 0);
        QCOMPARE(r.json()["counts"]["enterprises_updated"], 0);
    }

    void theCommandLineAddsOneToo()
    {
        const std::string code = freshCreditCode("91210381MA0CLX55");
        auto run = m_office.cli({"enterprise", "add", "--credit-code", QString::fromStdString(code),
                                 "--name", "命令行新增企业", "--region", ApiFixture::kGanwang,
                                 "--lat", "40.7", "--lon", "122.9"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const std::string id = run.out.trimmed().toStdString();
        const EnrolledDevice li = m_office.enroll("li");
        QVERIFY(pulledEnterprises(m_office.baseUrl(), li.token).contains(id));
        WebClient web = office();
        QCOMPARE(listed(web, id)["items"], 0);
        const auto r = web.get("/api/v1/web/journal?kind=enterprise&enterprise=" + id);
        const std::string by = r.json()["entries"][0]["account"];
        QVERIFY2(by.rfind("cli", 0) == 0, by.c_str());

        // Refused: a bad code (usage, 2), the same code again and an unknown region (1); one
        // line each.
        run = m_office.cli({"enterprise", "add", "--credit-code", "91210381XXXXXXXXXX", "--name",
                            "x", "--region", ApiFixture::kGanwang});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY2(run.err.contains("--credit-code"), qPrintable(run.err));
        run = m_office.cli({"enterprise", "add", "--credit-code", QString::fromStdString(code),
                            "--name", "x", "--region", ApiFixture::kGanwang});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("already"), qPrintable(run.err));
        run = m_office.cli({"enterprise", "add", "--credit-code",
                            QString::fromStdString(freshCreditCode("91210381MA0CLX66")), "--name",
                            "x", "--region", "不存在镇"});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("no region"), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
    }
};

QTEST_GUILESS_MAIN(TestWebOffPlan)
#include "tst_weboffplan.moc"
