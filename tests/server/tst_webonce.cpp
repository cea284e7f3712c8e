// One click is one action (issue 16 item 1), against the real server process: a change sent
// with an Idempotency-Key runs once, the same key again replays the first answer, a key reused
// for another change is refused, and a refused change leaves its key free for the retry.
// The page's side (double-clicks, a disabled button) is in tests/browser/webtest.mjs.

#include "webfixture.h"

#include <QtTest>

using namespace fp;
using namespace fp::test;

class TestWebOnce : public WebTest
{
    Q_OBJECT

  private slots:
    void sameKeyIssuesOneCard()
    {
        WebClient web = office();
        const auto yellowRows = [&] {
            return web.get("/api/v1/web/lists/yellow").json()["rows"].size();
        };
        const std::size_t before = yellowRows();
        const Json card = cardForm(m_tiancheng, "energy", "yellow", "市经信局", "2017-03-15");
        const std::vector<std::string> key{"Idempotency-Key: 5f1c0a3e-card-1"};
        auto first =
            web.send("POST", "/api/v1/web/cards", card.dump(), "application/json", true, key);
        QCOMPARE(first.status, 201L);
        auto again =
            web.send("POST", "/api/v1/web/cards", card.dump(), "application/json", true, key);
        QCOMPARE(again.status, 201L);
        QCOMPARE(again.header("idempotent-replayed"), std::string("true"));
        QCOMPARE(again.json()["id"], first.json()["id"]);
        QCOMPARE(yellowRows(), before + 1);

        // The key named this card: another change under it is refused, nothing is made.
        Json other = card;
        other["issued_on"] = "2017-04-01";
        auto r = web.send("POST", "/api/v1/web/cards", other.dump(), "application/json", true, key);
        QCOMPARE(r.status, 422L);
        QCOMPARE(errorOf(r), std::string("idempotency_key_reused"));
        QCOMPARE(yellowRows(), before + 1);

        // Without a key each request is its own change (the API's clients decide).
        QCOMPARE(web.postJson("/api/v1/web/cards", card.dump()).status, 201L);
        QCOMPARE(yellowRows(), before + 2);
    }

    void refusedChangeFreesItsKey()
    {
        WebClient web = office();
        const std::vector<std::string> key{"Idempotency-Key: 5f1c0a3e-task-1"};
        Json task{{"enterprise_id", m_tiancheng},
                  {"kind", "exit"},
                  {"due", "31.10.2017"},
                  {"inspectors", {"zhang"}}};
        auto r = web.send("POST", "/api/v1/web/tasks", task.dump(), "application/json", true, key);
        QCOMPARE(r.status, 400L);
        task["due"] = isoDay(30); // the clerk fixes the date and sends it again
        r = web.send("POST", "/api/v1/web/tasks", task.dump(), "application/json", true, key);
        QCOMPARE(r.status, 201L);
        const auto id = r.json()["id"];
        r = web.send("POST", "/api/v1/web/tasks", task.dump(), "application/json", true, key);
        QCOMPARE(r.status, 201L);
        QCOMPARE(r.json()["id"], id);
        std::size_t withId = 0;
        const Json tasks = web.get("/api/v1/web/tasks").json()["tasks"];
        for (const auto &t : tasks)
            withId += t["id"] == id ? 1 : 0;
        QCOMPARE(withId, std::size_t(1));
        // Keys are per account: the admin's same key is the admin's own change.
        r = admin().send("POST", "/api/v1/web/tasks", task.dump(), "application/json", true, key);
        QCOMPARE(r.status, 201L);
        QVERIFY(r.json()["id"] != id);
        // An oversized key is refused with a sentence.
        r = web.send("POST", "/api/v1/web/tasks", task.dump(), "application/json", true,
                     {"Idempotency-Key: " + std::string(200, 'k')});
        QCOMPARE(r.status, 400L);
        QVERIFY2(messageOf(r).find("Idempotency-Key") != std::string::npos, r.body.c_str());
    }
};

QTEST_GUILESS_MAIN(TestWebOnce)
#include "tst_webonce.moc"
