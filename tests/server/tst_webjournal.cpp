// The office journal through the web page's API, against the real server process (issue 14
// item 6, docs/web.md): what the page's changes, the command line and refused sign-ins leave in
// it, its filters and pages, bad filters answered 400, and the journal refusing UPDATE and
// DELETE in the running office's database.
// Each test function builds what it needs on the shared office: any one runs alone.

#include "db/database.h"
#include "webfixture.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

namespace {

/// The journal entries a GET answer holds.
Json entriesOf(const HttpResult &r)
{
    return r.json()["entries"];
}

/// The newest entry of `kind` about `target`, or null.
Json newest(WebClient &web, const std::string &kind, const std::string &target)
{
    const auto r = web.get("/api/v1/web/journal?kind=" + kind + "&limit=200");
    return r.status == 200 ? rowWhere(entriesOf(r), "target", target) : Json();
}

} // namespace

class TestWebJournal : public WebTest
{
    Q_OBJECT

  private slots:
    void aReviewAndACardAreJournalledWithTheirClerk()
    {
        WebClient web = office();
        auto r = web.postJson("/api/v1/web/inspections/" + m_inspection + "/review",
                              Json{{"decision", "return"}, {"reason", "照片模糊"}}.dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        const Json review = newest(web, "review", m_inspection);
        QVERIFY2(review.is_object(), "the returned review is in the journal");
        QCOMPARE(review["account"], "office");
        QCOMPARE(review["kind"], "review.returned");
        QCOMPARE(review["summary"], "照片模糊");
        QCOMPARE(review["enterprise_id"], m_tiancheng);
        QVERIFY(!review["enterprise_name"].get<std::string>().empty());
        QCOMPARE(review["detail"]["before"], "received");

        r = web.postJson(
            "/api/v1/web/cards",
            cardForm(m_tiancheng, "energy", "yellow", "市经信局", "2017-03-15").dump());
        QCOMPARE(r.status, 201L);
        const std::string card = r.json()["id"];
        r = web.postJson("/api/v1/web/cards/" + card + "/withdraw",
                         Json{{"reason", "发错企业"}}.dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        const Json issued = newest(web, "card.issued", card);
        QVERIFY(issued.is_object());
        QCOMPARE(issued["account"], "office");
        QVERIFY(issued["detail"]["before"].is_null());
        QCOMPARE(issued["detail"]["after"]["department"], "市经信局");
        const Json withdrawn = newest(web, "card", card); // the family: newest first
        QCOMPARE(withdrawn["kind"], "card.withdrawn");
        QCOMPARE(withdrawn["summary"], "发错企业");
        QCOMPARE(withdrawn["detail"]["before"]["state"], "open");
        QCOMPARE(withdrawn["detail"]["after"]["state"], "withdrawn");
    }

    void tasksImportsAndAccountsAreJournalled()
    {
        WebClient web = office();
        auto r = web.postJson("/api/v1/web/tasks", Json{{"enterprise_id", m_tiancheng},
                                                        {"kind", "recheck"},
                                                        {"due", isoDay(30)},
                                                        {"inspectors", {"zhang"}}}
                                                       .dump());
        QCOMPARE(r.status, 201L);
        const std::string task = r.json()["id"];
        QCOMPARE(web.send("DELETE", "/api/v1/web/tasks/" + task, "").status, 200L);
        const Json added = newest(web, "task.added", task);
        QCOMPARE(added["account"], "office");
        QCOMPARE(added["detail"]["after"]["due"], isoDay(30));
        const Json removed = newest(web, "task.removed", task);
        QCOMPARE(removed["detail"]["before"]["kind"], "recheck");
        QCOMPARE(removed["enterprise_id"], m_tiancheng);

        // The plan import of the test office ran on the command line: an OS user or "cli".
        r = web.get("/api/v1/web/journal?kind=plan");
        QCOMPARE(r.status, 200L);
        QVERIFY(!entriesOf(r).empty());
        const std::string by = entriesOf(r).back()["account"];
        QVERIFY2(by.rfind("cli", 0) == 0, by.c_str());
        QVERIFY(entriesOf(r).back()["detail"]["enterprises_added"].get<int>() > 0);

        // An account made by the admin, then its scope changed: both with what changed.
        QVERIFY(addInspector("sun", "sun-pass-2017", ApiFixture::kMafeng));
        WebClient admin = this->admin();
        r = admin.postJson("/api/v1/web/accounts/scope",
                           Json{{"username", "sun"}, {"regions", {ApiFixture::kGanwang}}}.dump());
        QVERIFY2(r.status == 200, r.body.c_str());
        const Json created = newest(web, "account.added", "sun");
        QCOMPARE(created["account"], "admin");
        QCOMPARE(created["detail"]["after"]["regions"], Json({ApiFixture::kMafeng}));
        const Json scoped = newest(web, "account.scope_changed", "sun");
        QCOMPARE(scoped["detail"]["before"]["regions"], Json({ApiFixture::kMafeng}));
        QCOMPARE(scoped["detail"]["after"]["regions"], Json({ApiFixture::kGanwang}));
    }

    void theCommandLineIsJournalled()
    {
        const auto run =
            m_office.cli({"task", "add", "--enterprise", ApiFixture::kHongyuanCode, "--kind",
                          "survey", "--due", "2017-06-01", "--inspector", "wang"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const std::string task = run.out.trimmed().toStdString();
        WebClient web = office();
        const Json added = newest(web, "task.added", task);
        QVERIFY2(added.is_object(), "the command line's task is in the journal");
        const std::string by = added["account"];
        QVERIFY2(by.rfind("cli", 0) == 0, by.c_str());
    }

    void refusedSignInsAreJournalled()
    {
        WebClient stranger(m_office.baseUrl());
        QCOMPARE(stranger.login("nobody-journal", "wrong password 1").status, 401L);
        QCOMPARE(stranger.login("zhang", ApiFixture::kPassword).status, 403L); // an inspector
        WebClient web = office();
        auto r = web.get("/api/v1/web/journal?kind=signin.refused&account=nobody-journal");
        QCOMPARE(r.status, 200L);
        QCOMPARE(entriesOf(r).size(), std::size_t(1));
        QCOMPARE(entriesOf(r)[0]["summary"], "bad_credentials");
        QCOMPARE(entriesOf(r)[0]["target"], "127.0.0.1");
        r = web.get("/api/v1/web/journal?kind=signin.refused&account=zhang");
        QCOMPARE(entriesOf(r).size(), std::size_t(1));
        QCOMPARE(entriesOf(r)[0]["summary"], "inspector");
    }

    void filtersAndPages()
    {
        WebClient web = office();
        // Days: today (office time) holds everything this test office did; a day long ago none.
        auto r = web.get("/api/v1/web/journal?from=2000-01-01&to=2000-12-31");
        QCOMPARE(r.status, 200L);
        QVERIFY(entriesOf(r).empty());
        r = web.get("/api/v1/web/journal?from=2000-01-01");
        const std::size_t all = entriesOf(r).size();
        QVERIFY(all >= 2);
        for (const auto &e : entriesOf(r))
            QVERIFY(e["at"].get<std::string>() >= "2000-01-01");

        // One a page: each page older than the last, until no more.
        std::int64_t before = 0;
        std::size_t seen = 0;
        for (std::size_t i = 0; i < all + 2; ++i) { // bounded: one page per entry at most
            r = web.get("/api/v1/web/journal?limit=1" +
                        (before ? "&before=" + std::to_string(before) : std::string()));
            QCOMPARE(r.status, 200L);
            const Json page = r.json();
            QVERIFY(page["entries"].size() <= 1);
            if (page["entries"].empty())
                break;
            const std::int64_t seq = page["entries"][0]["seq"];
            if (before)
                QVERIFY(seq < before);
            ++seen;
            if (!page["more"].get<bool>())
                break;
            before = page["next_before"];
            QCOMPARE(before, seq);
        }
        QVERIFY(seen >= 2);

        for (const char *bad : {"kind=DROP%20TABLE", "from=2017-13-01", "to=yesterday", "limit=0",
                                "before=x", "from=2017-05-02&to=2017-05-01"}) {
            r = web.get(std::string("/api/v1/web/journal?") + bad);
            QVERIFY2(r.status == 400, bad);
            QCOMPARE(errorOf(r), std::string("bad_request"));
            QVERIFY2(!messageOf(r).empty(), bad);
        }
        WebClient nobody(m_office.baseUrl());
        QCOMPARE(nobody.get("/api/v1/web/journal").status, 401L);
    }

    void theRunningOfficesJournalRefusesUpdateAndDelete()
    {
        WebClient web = office();
        const auto before = entriesOf(web.get("/api/v1/web/journal?limit=200")).size();
        QVERIFY(before > 0);
        auto db = m_office.officeDb();
        QVERIFY_THROWS_EXCEPTION(std::exception,
                                 db->execScript("UPDATE office_journal SET account = 'x'"));
        QVERIFY_THROWS_EXCEPTION(std::exception, db->execScript("DELETE FROM office_journal"));
        QCOMPARE(scalar(*db, "SELECT COUNT(*) FROM office_journal WHERE account = 'x'"), 0);
        QVERIFY(entriesOf(web.get("/api/v1/web/journal?limit=200")).size() >= before);
    }
};

QTEST_GUILESS_MAIN(TestWebJournal)
#include "tst_webjournal.moc"
