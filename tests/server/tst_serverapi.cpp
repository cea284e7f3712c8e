// The sync API against the real server process: enrolment, tokens, pull (paging, scope,
// tombstones, reset) and push (idempotency, conflicts, final immutability, evidence rules,
// missing blobs, scope).

#include "apifixture.h"
#include "core/ids.h"
#include "core/sha256.h"
#include "testdata.h"
#include "webclient.h"

#include <QtTest>

#include <atomic>
#include <set>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

/// Every item and tombstone of a full pull from `cursor`, page by page (at most 200 pages).
struct PullRun
{
    std::vector<Json> items;
    std::vector<Json> deleted;
    std::string cursor;
    int pages = 0;
    bool firstReset = false;
    bool laterReset = false;
    bool ok = false;
};

PullRun pullAll(HttpClient &http, std::string cursor, int limit)
{
    PullRun run;
    for (; run.pages < 200; ++run.pages) {
        const auto r =
            http.get("/api/v1/sync/pull?limit=" + std::to_string(limit) + "&cursor=" + cursor);
        if (r.status != 200)
            return run;
        const auto j = r.json();
        (run.pages == 0 ? run.firstReset : run.laterReset) |= j["reset"].get<bool>();
        for (const auto &i : j["items"])
            run.items.push_back(i);
        for (const auto &d : j["deleted"])
            run.deleted.push_back(d);
        cursor = j["cursor"].get<std::string>();
        if (!j["more"].get<bool>()) {
            run.cursor = cursor;
            run.ok = true;
            ++run.pages;
            return run;
        }
    }
    return run;
}

std::set<std::string> idsOfType(const std::vector<Json> &rows, const std::string &type)
{
    std::set<std::string> out;
    for (const auto &r : rows) {
        if (r["type"] == type)
            out.insert(r["id"].get<std::string>());
    }
    return out;
}

} // namespace

class TestServerApi : public QObject
{
    Q_OBJECT

  private slots:
    void initTestCase();
    void enrollReturnsAToken();
    void enrollRefusesBadCredentials();
    void requestsWithoutAValidTokenAre401();
    void revokedDeviceIs401();
    void pullPagesThroughExactlyTheScope();
    void noOpPullKeepsTheCursor();
    void removedTaskIsTombstoned();
    void enterpriseLeavingTheScopeIsTombstoned();
    void scopeChangeResetsTheFeed();
    void pushStoresThenAnswersDuplicate();
    void pushSameVersionDifferentContentIsRejected();
    void newerDraftReplacesOlderIsSuperseded();
    void finalIsImmutableAndGetsAReview();
    void officeReviewComesBackToTheTablet();
    void evidenceRulesAreRechecked();
    void missingBlobIsRejectedUntilUploaded();
    void outOfScopeEnterpriseIsRejected();
    void itemLevelProblemsAreRejectedPerItem();
    void oversizedBatchesAre413();
    void concurrentDevicesAreServedWithoutErrors();
    void completedListNamesFullyDismantledEnterprises();
    void sealedInsteadOfDismantledIsFlaggedNotAccepted();
    void anAmendmentReplacesTheInspectionItCorrects();
    void stopsCleanlyOnSigterm();

  private:
    ApiFixture m_office;
    EnrolledDevice m_zhang;
    std::string m_tiancheng; // 马风镇
    std::string m_fengyuan;  // 感王镇
    std::string m_hongyuan;  // 马风镇, left to the plan-rule tests
    /// A tablet whose inspector's scope is 宏远 alone, wherever a test moved it.
    EnrolledDevice hongyuanInspector();
    /// hongyuanInspector() about to visit 宏远: `http` carries his token and has uploaded
    /// `photo`; its sha256 and 宏远's planned items, both empty when the upload failed.
    struct HongyuanVisit
    {
        EnrolledDevice zhao{};
        std::string sha{};
        std::vector<std::string> items{};
    };
    HongyuanVisit hongyuanVisit(HttpClient &http, const std::string &photo);
    EnrolledDevice m_zhao;
    std::string m_tianchengItem; // one equipment item of 天成
    std::string m_finalId;       // a final inspection the office received
    std::string m_reviewCursor;  // zhang's cursor after its review arrived
};

void TestServerApi::initTestCase()
{
    QVERIFY2(m_office.setUp(), qPrintable(m_office.error()));
    m_zhang = m_office.enroll("zhang");
    QVERIFY(!m_zhang.token.empty());
    m_tiancheng = m_office.enterpriseId(ApiFixture::kTianchengCode);
    m_fengyuan = m_office.enterpriseId(ApiFixture::kFengyuanCode);
    m_hongyuan = m_office.enterpriseId(ApiFixture::kHongyuanCode);
    QVERIFY(!m_tiancheng.empty() && !m_fengyuan.empty() && !m_hongyuan.empty());
    QVERIFY(!m_office.equipmentOf(m_tiancheng).empty());
    m_tianchengItem = m_office.equipmentOf(m_tiancheng).front();
}

void TestServerApi::enrollReturnsAToken()
{
    HttpClient http(m_office.baseUrl());
    const auto r = http.postJson(
        "/api/v1/devices/enroll",
        R"({"username":"li","password":"correct horse battery","device_name":"平板 3"})");
    QCOMPARE(r.status, 200L);
    const auto j = r.json();
    QCOMPARE(j["username"], "li");
    QCOMPARE(j["role"], "inspector");
    QVERIFY(isSha256Hex(j["token"].get<std::string>())); // 32 bytes as 64 hex digits
    QCOMPARE(j["device_id"].get<std::string>().size(), std::size_t(36));
    // Only the hash is stored: the token itself appears nowhere in the database file (on
    // PostgreSQL: in a snapshot of every table).
    QFile db(m_office.officeDbFile());
    QVERIFY(db.open(QIODevice::ReadOnly));
    QVERIFY(!db.readAll().contains(QByteArray::fromStdString(j["token"].get<std::string>())));
}

void TestServerApi::enrollRefusesBadCredentials()
{
    HttpClient http(m_office.baseUrl());
    for (const char *body : {R"({"username":"zhang","password":"wrong","device_name":"x"})",
                             R"({"username":"nobody","password":"wrong","device_name":"x"})"}) {
        const auto r = http.postJson("/api/v1/devices/enroll", body);
        QCOMPARE(r.status, 401L);
        QCOMPARE(r.json()["error"], "bad_credentials");
        QVERIFY(r.json()["message"].is_string());
    }
}

void TestServerApi::requestsWithoutAValidTokenAre401()
{
    HttpClient http(m_office.baseUrl());
    const std::string blob = "/api/v1/blobs/" + sha256Hex("x");
    for (const std::string &token : {std::string(), std::string("0000"), std::string(64, 'a')}) {
        http.setToken(token);
        const auto pull = http.get("/api/v1/sync/pull");
        QCOMPARE(pull.status, 401L);
        QCOMPARE(pull.json()["error"], "unauthorized");
        QCOMPARE(http.postJson("/api/v1/sync/push", "{}").status, 401L);
        QCOMPARE(http.head(blob).status, 401L);
        QCOMPARE(http.put(blob, "x").status, 401L);
    }
}

void TestServerApi::revokedDeviceIs401()
{
    const EnrolledDevice tablet = m_office.enroll("zhang");
    HttpClient http(m_office.baseUrl());
    http.setToken(tablet.token);
    QCOMPARE(http.get("/api/v1/sync/pull?limit=1").status, 200L);
    const CliRun run = m_office.cli({"device", "revoke", QString::fromStdString(tablet.id)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const auto r = http.get("/api/v1/sync/pull?limit=1");
    QCOMPARE(r.status, 401L);
    QCOMPARE(r.json()["error"], "revoked");
    const CliRun list = m_office.cli({"device", "list"});
    QCOMPARE(list.exitCode, 0);
    const auto line = list.out.split('\n').filter(QString::fromStdString(tablet.id));
    QCOMPARE(line.size(), 1);
    QVERIFY(line[0].contains("zhang") && line[0].contains("revoked"));
    // Other devices of the same user are unaffected.
    http.setToken(m_zhang.token);
    QCOMPARE(http.get("/api/v1/sync/pull?limit=1").status, 200L);
}

void TestServerApi::pullPagesThroughExactlyTheScope()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const PullRun run = pullAll(http, "", 7);
    QVERIFY(run.ok);
    // Pages hold the scope's own entries (the change log is read through its scope keys), at
    // most `limit` each: a small limit splits the feed into several pages.
    QVERIFY2(run.pages > 1, "a small limit must split the feed into several pages");
    QVERIFY2(run.items.size() + run.deleted.size() <= std::size_t(run.pages) * 7,
             "a page holds at most `limit` rows");

    std::size_t expectedEquipment = 0;
    for (const auto &region : samplePlanRegions())
        expectedEquipment += region == ApiFixture::kMafeng;
    QCOMPARE(idsOfType(run.items, "equipment").size(), expectedEquipment);

    const auto regions = idsOfType(run.items, "region");
    QCOMPARE(regions.size(), std::size_t(1));
    for (const auto &item : run.items) {
        if (item["type"] == "region")
            QCOMPARE(item["data"]["name"], ApiFixture::kMafeng);
        if (item["type"] == "enterprise")
            QVERIFY(regions.contains(item["data"]["region_id"].get<std::string>()));
    }
    const auto enterprises = idsOfType(run.items, "enterprise");
    QVERIFY(enterprises.contains(m_tiancheng));
    QVERIFY2(!enterprises.contains(m_fengyuan), "another region's enterprise must not be pulled");
    for (const auto &item : run.items) {
        if (item["type"] == "equipment")
            QVERIFY(enterprises.contains(item["data"]["enterprise_id"].get<std::string>()));
    }
    // No row is sent twice in one full pull.
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto &item : run.items)
        QVERIFY(seen.emplace(item["type"], item["id"]).second);
}

void TestServerApi::noOpPullKeepsTheCursor()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const PullRun first = pullAll(http, "", 500);
    QVERIFY(first.ok);
    const auto r = http.get("/api/v1/sync/pull?cursor=" + first.cursor);
    QCOMPARE(r.status, 200L);
    const auto j = r.json();
    QCOMPARE(j["cursor"], first.cursor);
    QCOMPARE(j["more"], false);
    QCOMPARE(j["reset"], false);
    QVERIFY(j["items"].empty());
    QVERIFY(j["deleted"].empty());
}

void TestServerApi::removedTaskIsTombstoned()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const std::string cursor = pullAll(http, "", 500).cursor;
    const CliRun add =
        m_office.cli({"task", "add", "--enterprise", ApiFixture::kTianchengCode, "--kind", "exit",
                      "--due", "2017-10-31", "--inspector", "zhang"});
    QVERIFY2(add.exitCode == 0, qPrintable(add.err));
    const std::string taskId = add.out.trimmed().toStdString();

    const PullRun afterAdd = pullAll(http, cursor, 500);
    QVERIFY(afterAdd.ok);
    QCOMPARE(afterAdd.items.size(), std::size_t(1));
    QCOMPARE(afterAdd.items[0]["type"], "task");
    QCOMPARE(afterAdd.items[0]["id"], taskId);
    QCOMPARE(afterAdd.items[0]["data"]["inspectors"][0], "zhang");
    // li cannot see zhang's task.
    HttpClient liHttp(m_office.baseUrl());
    liHttp.setToken(m_office.enroll("li").token);
    QVERIFY(!idsOfType(pullAll(liHttp, "", 500).items, "task").contains(taskId));

    const CliRun remove = m_office.cli({"task", "remove", QString::fromStdString(taskId)});
    QVERIFY2(remove.exitCode == 0, qPrintable(remove.err));
    const PullRun afterRemove = pullAll(http, afterAdd.cursor, 500);
    QVERIFY(afterRemove.ok);
    QVERIFY(afterRemove.items.empty());
    QCOMPARE(afterRemove.deleted.size(), std::size_t(1));
    QCOMPARE(afterRemove.deleted[0]["type"], "task");
    QCOMPARE(afterRemove.deleted[0]["id"], taskId);
}

void TestServerApi::enterpriseLeavingTheScopeIsTombstoned()
{
    HttpClient zhang(m_office.baseUrl());
    zhang.setToken(m_zhang.token);
    HttpClient li(m_office.baseUrl());
    li.setToken(m_office.enroll("li").token);
    const std::string zhangCursor = pullAll(zhang, "", 500).cursor;
    const std::string liCursor = pullAll(li, "", 500).cursor;

    // A corrected sheet moves 宏远铸造 from 马风镇 to 感王镇.
    const std::string hongyuan = m_office.enterpriseId(ApiFixture::kHongyuanCode);
    QFile sheet(m_office.tempPath() + "/moved.csv");
    QVERIFY(sheet.open(QIODevice::WriteOnly));
    sheet.write("序号,属地,企业名称,统一社会信用代码,行业,法定代表人,联系电话,企业地址,设备名称,"
                "规格型号,数量(台/条),产能(万吨/年),淘汰方式,计划完成时间\n"
                "9,感王镇,示例宏远铸造有限公司,91210381XU8C1R696T,铸造,何玉,13767841111,"
                "海城市马风镇三村,冲天炉,3吨/小时,1,1.2,拆除,2017-10-31\n");
    sheet.close();
    const CliRun run = m_office.cli({"import-plan", sheet.fileName()});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    const PullRun z = pullAll(zhang, zhangCursor, 500);
    QVERIFY(z.ok);
    QVERIFY(idsOfType(z.deleted, "enterprise").contains(hongyuan));
    for (const auto &id : m_office.equipmentOf(hongyuan))
        QVERIFY(idsOfType(z.deleted, "equipment").contains(id));
    QVERIFY(idsOfType(z.items, "enterprise").empty());

    const PullRun l = pullAll(li, liCursor, 500);
    QVERIFY(l.ok);
    QVERIFY(idsOfType(l.items, "enterprise").contains(hongyuan));
    for (const auto &id : m_office.equipmentOf(hongyuan))
        QVERIFY(idsOfType(l.items, "equipment").contains(id));
    QVERIFY(l.deleted.empty());
}

void TestServerApi::scopeChangeResetsTheFeed()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_office.enroll("wang").token);
    const PullRun before = pullAll(http, "", 500);
    QVERIFY(before.ok);
    QVERIFY(!before.firstReset);
    QVERIFY(idsOfType(before.items, "enterprise").contains(m_tiancheng));

    const CliRun run = m_office.cli({"user", "scope", "--username", "wang", "--region",
                                     QString::fromUtf8(ApiFixture::kGanwang)});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    const PullRun after = pullAll(http, before.cursor, 5);
    QVERIFY(after.ok);
    QVERIFY2(after.firstReset, "the first page after a scope change must say reset");
    QVERIFY2(!after.laterReset, "only the first page of the restarted feed says reset");
    const auto enterprises = idsOfType(after.items, "enterprise");
    QVERIFY(enterprises.contains(m_fengyuan));
    QVERIFY(!enterprises.contains(m_tiancheng));
}

void TestServerApi::pushStoresThenAnswersDuplicate()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const auto bundle = draftBundle(m_tiancheng, m_tianchengItem);
    const std::string body = pushBody(m_zhang.id, {pushItem(bundle, 1)});
    const auto first = http.postJson("/api/v1/sync/push", body);
    QCOMPARE(first.status, 200L);
    QCOMPARE(firstResultField("status", first), "stored");
    QCOMPARE(first.json()["results"][0]["id"], bundle.inspection.id);
    QCOMPARE(first.json()["results"][0]["version"], 1);
    // The same batch again (a retry after a lost answer): nothing stored twice.
    const auto again = http.postJson("/api/v1/sync/push", body);
    QCOMPARE(again.status, 200L);
    QCOMPARE(firstResultField("status", again), "duplicate");
}

void TestServerApi::pushSameVersionDifferentContentIsRejected()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    auto bundle = draftBundle(m_tiancheng, m_tianchengItem);
    QCOMPARE(firstResultField("status", http.postJson("/api/v1/sync/push",
                                                      pushBody(m_zhang.id, {pushItem(bundle, 1)}))),
             "stored");
    bundle.inspection.notes = "changed without a new version";
    const auto r = http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(bundle, 1)}));
    QCOMPARE(firstResultField("status", r), "rejected");
    QCOMPARE(firstResultField("code", r), "conflict");
    QVERIFY(m_office.server().log().contains("push conflict"));
}

void TestServerApi::newerDraftReplacesOlderIsSuperseded()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    auto v1 = draftBundle(m_tiancheng, m_tianchengItem);
    auto v2 = v1;
    v2.inspection.notes = "second revision";
    const auto r = http.postJson("/api/v1/sync/push",
                                 pushBody(m_zhang.id, {pushItem(v1, 1), pushItem(v2, 2)}));
    QCOMPARE(r.status, 200L);
    const auto results = r.json()["results"];
    QCOMPARE(results.size(), std::size_t(2));
    QCOMPARE(results[0]["status"], "stored");
    QCOMPARE(results[1]["status"], "stored");
    const auto old = http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(v1, 1)}));
    QCOMPARE(firstResultField("status", old), "duplicate");
    QCOMPARE(firstResultField("code", old), "superseded");
}

void TestServerApi::finalIsImmutableAndGetsAReview()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const std::string cursor = pullAll(http, "", 500).cursor;
    const std::string photo = "JPEG bytes of a cleared site";
    QCOMPARE(http.put("/api/v1/blobs/" + sha256Hex(photo), photo).status, 201L);

    auto draft = draftBundle(m_tiancheng, m_tianchengItem);
    QCOMPARE(firstResultField("status", http.postJson("/api/v1/sync/push",
                                                      pushBody(m_zhang.id, {pushItem(draft, 1)}))),
             "stored");
    auto fin = finalDismantledBundle(m_tiancheng, m_tianchengItem, sha256Hex(photo),
                                     std::int64_t(photo.size()));
    fin.inspection.id = draft.inspection.id;
    fin.checks[0].inspection_id = fin.inspection.id;
    fin.photos[0].inspection_id = fin.inspection.id;
    const auto stored =
        http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(fin, 2)}));
    QCOMPARE(firstResultField("status", stored), "stored");

    auto later = fin;
    later.inspection.notes = "an edit after finalising";
    const auto r = http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(later, 3)}));
    QCOMPARE(firstResultField("status", r), "rejected");
    QCOMPARE(firstResultField("code", r), "final_immutable");
    QVERIFY(r.json()["results"][0]["reason"].get<std::string>().find("immutable") !=
            std::string::npos);

    // The office's review (state received) comes back to the tablet.
    const PullRun run = pullAll(http, cursor, 500);
    QVERIFY(run.ok);
    bool found = false;
    for (const auto &item : run.items) {
        if (item["type"] == "review" && item["id"] == fin.inspection.id) {
            found = true;
            QCOMPARE(item["data"]["state"], "received");
            QCOMPARE(item["data"]["inspection_id"], fin.inspection.id);
        }
    }
    QVERIFY(found);
    m_finalId = fin.inspection.id;
    m_reviewCursor = run.cursor;
    // li (another region) does not see the review.
    HttpClient li(m_office.baseUrl());
    li.setToken(m_office.enroll("li").token);
    QVERIFY(!idsOfType(pullAll(li, "", 500).items, "review").contains(fin.inspection.id));
}

void TestServerApi::officeReviewComesBackToTheTablet()
{
    QVERIFY(!m_finalId.empty());
    const CliRun run = m_office.cli({"review", "return", QString::fromStdString(m_finalId),
                                     "--reason", QString::fromUtf8("铭牌照片不清晰")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const PullRun pulled = pullAll(http, m_reviewCursor, 500);
    QVERIFY(pulled.ok);
    QCOMPARE(pulled.items.size(), std::size_t(1));
    QCOMPARE(pulled.items[0]["type"], "review");
    QCOMPARE(pulled.items[0]["data"]["state"], "returned");
    QCOMPARE(pulled.items[0]["data"]["reason"], "铭牌照片不清晰");
    QCOMPARE(m_office.cli({"review", "accept", "0190b3a0-0000-7000-8000-00000000dead"}).exitCode,
             1);
}

void TestServerApi::evidenceRulesAreRechecked()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const std::string photo = "a nameplate, not the cleared site";
    QCOMPARE(http.put("/api/v1/blobs/" + sha256Hex(photo), photo).status, 201L);
    auto fin = finalDismantledBundle(m_tiancheng, m_tianchengItem, sha256Hex(photo),
                                     std::int64_t(photo.size()));
    fin.photos[0].tag = EvidenceTag::Nameplate;
    const auto r = http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(fin, 1)}));
    QCOMPARE(firstResultField("status", r), "rejected");
    QCOMPARE(firstResultField("code", r), "evidence_incomplete");
    QVERIFY(r.json()["results"][0]["reason"].get<std::string>().find(
                "dismantled_needs_site_photo") != std::string::npos);
}

void TestServerApi::missingBlobIsRejectedUntilUploaded()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const std::string photo = "photo bytes uploaded only after the first push";
    const auto fin = finalDismantledBundle(m_tiancheng, m_tianchengItem, sha256Hex(photo),
                                           std::int64_t(photo.size()));
    const std::string body = pushBody(m_zhang.id, {pushItem(fin, 1)});
    const auto r = http.postJson("/api/v1/sync/push", body);
    QCOMPARE(firstResultField("status", r), "rejected");
    QCOMPARE(firstResultField("code", r), "missing_blob");
    QVERIFY(r.json()["results"][0]["reason"].get<std::string>().find(sha256Hex(photo)) !=
            std::string::npos);
    QCOMPARE(http.put("/api/v1/blobs/" + sha256Hex(photo), photo).status, 201L);
    QCOMPARE(firstResultField("status", http.postJson("/api/v1/sync/push", body)), "stored");
}

void TestServerApi::outOfScopeEnterpriseIsRejected()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const auto equipment = m_office.equipmentOf(m_fengyuan);
    QVERIFY(!equipment.empty());
    const auto bundle = draftBundle(m_fengyuan, equipment.front());
    const auto r = http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(bundle, 1)}));
    QCOMPARE(firstResultField("status", r), "rejected");
    QCOMPARE(firstResultField("code", r), "out_of_scope");
}

void TestServerApi::itemLevelProblemsAreRejectedPerItem()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const auto good = draftBundle(m_tiancheng, m_tianchengItem);
    Json wrongType = pushItem(good, 1);
    wrongType["type"] = "enterprise";
    Json badData = pushItem(draftBundle(m_tiancheng, m_tianchengItem), 1);
    badData["data"]["inspection"]["kind"] = "picnic";
    Json mismatch = pushItem(draftBundle(m_tiancheng, m_tianchengItem), 1);
    mismatch["id"] = "0190b3a0-0000-7000-8000-000000000000";
    const auto r =
        http.postJson("/api/v1/sync/push",
                      pushBody(m_zhang.id, {wrongType, badData, mismatch, pushItem(good, 1)}));
    QCOMPARE(r.status, 200L);
    const auto results = r.json()["results"];
    QCOMPARE(results.size(), std::size_t(4));
    QCOMPARE(results[0]["code"], "unsupported_type");
    QCOMPARE(results[1]["code"], "invalid_data");
    QVERIFY(results[1]["reason"].get<std::string>().find("data.inspection.kind") !=
            std::string::npos);
    QCOMPARE(results[2]["code"], "id_mismatch");
    QCOMPARE(results[3]["status"], "stored"); // one bad item does not block the batch
}

void TestServerApi::oversizedBatchesAre413()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const Json item = pushItem(draftBundle(m_tiancheng, m_tianchengItem), 1);
    const auto many =
        http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, std::vector<Json>(501, item)));
    QCOMPARE(many.status, 413L);
    QCOMPARE(many.json()["error"], "too_many_items");

    const std::string huge = "{\"device_id\":\"" + m_zhang.id + "\",\"pad\":\"" +
                             std::string(std::size_t{17} * 1024 * 1024, 'x') + "\"}";
    const auto big = http.postJson("/api/v1/sync/push", huge);
    QCOMPARE(big.status, 413L);
    QCOMPARE(big.json()["error"], "too_large");
    // Still serving, on a fresh connection too.
    HttpClient fresh(m_office.baseUrl());
    fresh.setToken(m_zhang.token);
    QCOMPARE(fresh.get("/api/v1/sync/pull?limit=1").status, 200L);
}

void TestServerApi::concurrentDevicesAreServedWithoutErrors()
{
    constexpr int kThreads = 16;
    constexpr int kRounds = 5;
    std::vector<std::vector<std::string>> bodies(kThreads);
    for (auto &perThread : bodies) {
        for (int r = 0; r < kRounds; ++r) {
            std::vector<Json> items;
            items.reserve(20);
            for (int i = 0; i < 20; ++i)
                items.push_back(pushItem(draftBundle(m_tiancheng, m_tianchengItem), 1));
            perThread.push_back(pushBody(m_zhang.id, items));
        }
    }
    std::atomic<int> failures{0};
    const auto run = [&](const std::string &expected) {
        std::vector<std::thread> threads;
        threads.reserve(kThreads);
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                HttpClient http(m_office.baseUrl());
                http.setToken(m_zhang.token);
                for (const auto &body : bodies[std::size_t(t)]) {
                    const auto r = http.postJson("/api/v1/sync/push", body);
                    const auto j = r.json();
                    if (r.status != 200 || !j.is_object()) {
                        ++failures;
                        continue;
                    }
                    for (const auto &res : j["results"])
                        failures += res["status"] != expected;
                    failures += http.get("/api/v1/sync/pull?limit=50").status != 200;
                }
            });
        }
        for (auto &t : threads)
            t.join();
    };
    run("stored");
    QCOMPARE(failures.load(), 0);
    run("duplicate"); // everything again, concurrently: nothing is stored twice
    QCOMPARE(failures.load(), 0);
}

void TestServerApi::completedListNamesFullyDismantledEnterprises()
{
    HttpClient http(m_office.baseUrl());
    http.setToken(m_zhang.token);
    const std::string photo = "a cleared site, every furnace gone";
    QCOMPARE(http.put("/api/v1/blobs/" + sha256Hex(photo), photo).status, 201L);
    const auto items = m_office.equipmentOf(m_tiancheng);
    QVERIFY(items.size() >= 2);
    const QString csv = m_office.tempPath() + "/completed.csv";
    const auto completedRows = [&] {
        if (m_office.cli({"export", "completed", "--format", "csv", "--out", csv}).exitCode != 0)
            return -1;
        QFile f(csv);
        if (!f.open(QIODevice::ReadOnly))
            return -1;
        return int(f.readAll().count("\r\n")) - 1; // minus the header
    };

    const auto push = [&](const InspectionBundle &b) {
        return firstResultField(
            "status", http.postJson("/api/v1/sync/push", pushBody(m_zhang.id, {pushItem(b, 1)})));
    };
    const auto accept = [&](const InspectionBundle &b) {
        return m_office.cli({"review", "accept", QString::fromStdString(b.inspection.id)}).exitCode;
    };

    // One item dismantled is not enough ...
    const auto partial =
        finalDismantledBundle(m_tiancheng, items[0], sha256Hex(photo), std::int64_t(photo.size()));
    QCOMPARE(push(partial), "stored");
    QCOMPARE(accept(partial), 0);
    QCOMPARE(completedRows(), 0);

    // ... nor every item dismantled by an exit visit the office accepted ...
    const auto exit = finalAllDismantledBundle(m_tiancheng, items, sha256Hex(photo),
                                               std::int64_t(photo.size()), VisitKind::Exit);
    QCOMPARE(push(exit), "stored");
    QCOMPARE(accept(exit), 0);
    QCOMPARE(completedRows(), 0);

    // ... nor an acceptance visit with a pass verdict that the office has not reviewed ...
    const auto acceptance =
        finalAllDismantledBundle(m_tiancheng, items, sha256Hex(photo), std::int64_t(photo.size()),
                                 VisitKind::Acceptance, Verdict::Pass);
    QCOMPARE(push(acceptance), "stored");
    QCOMPARE(completedRows(), 0);

    // ... until the office accepts it (seed §二(三): 逐户出具书面验收意见, then 公告).
    QCOMPARE(accept(acceptance), 0);
    QCOMPARE(completedRows(), int(items.size()));

    // A recheck that finds a line operating again changes nothing while it waits for review ...
    auto recheck = finalAllDismantledBundle(m_tiancheng, items, sha256Hex(photo),
                                            std::int64_t(photo.size()), VisitKind::Recheck);
    recheck.inspection.started_at = "2017-12-01T01:30:00.000Z";
    recheck.inspection.finished_at = "2017-12-01T03:00:00.000Z";
    recheck.checks[0].finding = Finding::Operating;
    QCOMPARE(push(recheck), "stored");
    QCOMPARE(completedRows(), int(items.size()));
    // ... and once accepted, takes the enterprise off the list.
    QCOMPARE(accept(recheck), 0);
    QCOMPARE(completedRows(), 0);
}

TestServerApi::HongyuanVisit TestServerApi::hongyuanVisit(HttpClient &http,
                                                          const std::string &photo)
{
    HongyuanVisit visit{hongyuanInspector()};
    http.setToken(visit.zhao.token);
    const std::string sha = sha256Hex(photo);
    if (http.put("/api/v1/blobs/" + sha, photo).status == 201) {
        visit.sha = sha;
        visit.items = m_office.equipmentOf(m_hongyuan);
    }
    return visit;
}

EnrolledDevice TestServerApi::hongyuanInspector()
{
    if (m_zhao.token.empty()) {
        const auto run = m_office.cli({"user", "add", "--username", "zhao", "--role", "inspector",
                                       "--enterprise", ApiFixture::kHongyuanCode},
                                      QByteArray(ApiFixture::kPassword) + "\n");
        if (run.exitCode != 0)
            qWarning("user add zhao: %s", qPrintable(run.err));
        m_zhao = m_office.enroll("zhao");
    }
    return m_zhao;
}

// Issue 12, first finding: an acceptance visit that found every planned item only sealed,
// with none of 断水/断电/拆除动力装置, pushed with verdict pass. The office stores it (the tablet
// that sent it is not told to drop evidence) but flags the plan rules it breaks, and even once
// reviewed it makes nothing 已验收: no completed-list row, no accepted item.
void TestServerApi::sealedInsteadOfDismantledIsFlaggedNotAccepted()
{
    HttpClient http(m_office.baseUrl());
    const std::string photo = "a sealed furnace, the seal across its door";
    const HongyuanVisit ready = hongyuanVisit(http, photo);
    QVERIFY(!ready.sha.empty() && !ready.items.empty());
    const EnrolledDevice &zhao = ready.zhao;
    const std::string &sha = ready.sha;
    const auto &items = ready.items;
    auto visit = finalAllDismantledBundle(m_hongyuan, items, sha, std::int64_t(photo.size()),
                                          VisitKind::Acceptance, Verdict::Pass);
    for (auto &c : visit.checks) {
        c.finding = Finding::Sealed;
        c.seal_numbers = {"HY-" + c.id.substr(0, 6)};
    }
    const std::string cut = "the cut cable end at the furnace's transformer";
    QCOMPARE(http.put("/api/v1/blobs/" + sha256Hex(cut), cut).status, 201L);
    const auto sealPhotos = visit.photos;
    for (const auto &seal : sealPhotos) {
        Photo p = seal;
        p.id = newId();
        p.tag = EvidenceTag::PowerCut;
        p.sha256 = sha256Hex(cut);
        p.size = std::int64_t(cut.size());
        visit.photos.push_back(p);
    }
    for (auto &photoOfItem : visit.photos)
        if (photoOfItem.tag == EvidenceTag::DismantledSite)
            photoOfItem.tag = EvidenceTag::Seal;
    const auto r = http.postJson("/api/v1/sync/push", pushBody(zhao.id, {pushItem(visit, 1)}));
    QVERIFY2(firstResultField("status", r) == "stored", r.body.c_str());

    WebClient web(m_office.baseUrl());
    QCOMPARE(web.login("office", ApiFixture::kPassword).status, 200L);
    const auto dossier = [&] { return web.get("/api/v1/web/enterprises/" + m_hongyuan).json(); };
    std::set<std::string> flags;
    const Json inspections = dossier()["inspections"];
    for (const auto &i : inspections) {
        if (i["inspection"]["id"] == visit.inspection.id) {
            for (const auto &f : i["rule_flags"])
                flags.insert(f["code"].get<std::string>());
        }
    }
    for (const char *code : {"pass_needs_dismantled", "sealed_needs_water_cut",
                             "sealed_needs_power_cut", "sealed_needs_power_units_removed"})
        QVERIFY2(flags.count(code), code);

    const QString csv = m_office.tempPath() + "/completed-hongyuan.csv";
    QCOMPARE(
        m_office.cli({"review", "accept", QString::fromStdString(visit.inspection.id)}).exitCode,
        0);
    const auto d = dossier();
    QVERIFY2(d["status"] != "accepted", d["status"].dump().c_str());
    for (const auto &q : d["equipment"]) {
        QVERIFY2(q["status"] != "accepted" && q["status"] != "dismantled", q.dump().c_str());
        QCOMPARE(q["accepted"], false);
    }
    QCOMPARE(m_office.cli({"export", "completed", "--format", "csv", "--out", csv}).exitCode, 0);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QVERIFY(!f.readAll().contains(ApiFixture::kHongyuanCode));
}

// Issue 12: the office honours `amends_id`. A correction replaces the inspection it amends once
// the office accepts it; before that the original stands; the two never both count (the
// original's finding and its 复产 alert go).
void TestServerApi::anAmendmentReplacesTheInspectionItCorrects()
{
    HttpClient http(m_office.baseUrl());
    const std::string photo = "the furnace bay, furnace gone";
    const HongyuanVisit ready = hongyuanVisit(http, photo);
    QVERIFY(!ready.sha.empty() && !ready.items.empty());
    const EnrolledDevice &zhao = ready.zhao;
    const std::string &sha = ready.sha;
    const auto &items = ready.items;
    const auto push = [&](const InspectionBundle &b) {
        return firstResultField(
            "status", http.postJson("/api/v1/sync/push", pushBody(zhao.id, {pushItem(b, 1)})));
    };
    const auto accept = [&](const InspectionBundle &b) {
        return m_office.cli({"review", "accept", QString::fromStdString(b.inspection.id)}).exitCode;
    };
    WebClient web(m_office.baseUrl());
    QCOMPARE(web.login("office", ApiFixture::kPassword).status, 200L);
    const auto alertFrom = [&](const std::string &inspectionId) {
        const Json alerts = web.get("/api/v1/web/enterprises/" + m_hongyuan).json()["alerts"];
        return std::any_of(alerts.begin(), alerts.end(),
                           [&](const Json &a) { return a["inspection_id"] == inspectionId; });
    };
    const auto item = [&] {
        const Json equipment = web.get("/api/v1/web/enterprises/" + m_hongyuan).json()["equipment"];
        for (const auto &q : equipment) {
            if (q["id"] == items[0])
                return q;
        }
        return Json();
    };

    // An exit visit found the first item dismantled; a recheck then recorded it operating
    // again (复产); the office accepted both.
    auto exit = finalDismantledBundle(m_hongyuan, items[0], sha, std::int64_t(photo.size()));
    exit.inspection.started_at = "2018-01-05T01:00:00.000Z";
    exit.inspection.finished_at = "2018-01-05T02:00:00.000Z";
    QCOMPARE(push(exit), "stored");
    QCOMPARE(accept(exit), 0);
    QVERIFY2(item()["status"] == "dismantled", item().dump().c_str());
    auto original = finalDismantledBundle(m_hongyuan, items[0], sha, std::int64_t(photo.size()));
    original.inspection.kind = VisitKind::Recheck;
    original.inspection.started_at = "2018-01-10T01:00:00.000Z";
    original.inspection.finished_at = "2018-01-10T02:00:00.000Z";
    original.checks[0].finding = Finding::Operating;
    original.photos.clear();
    const auto pushed = push(original);
    QVERIFY2(pushed == "stored", pushed.c_str());
    QCOMPARE(accept(original), 0);
    QVERIFY2(item()["status"] == "resumed", item().dump().c_str());
    QCOMPARE(item()["inspection_id"], original.inspection.id);
    QVERIFY2(alertFrom(original.inspection.id),
             web.get("/api/v1/web/enterprises/" + m_hongyuan).body.c_str());

    // The inspector corrects it: the item was in fact dismantled. Pushed, not yet reviewed:
    // the original still stands.
    auto correction = finalDismantledBundle(m_hongyuan, items[0], sha, std::int64_t(photo.size()));
    correction.inspection.kind = VisitKind::Recheck;
    correction.inspection.amends_id = original.inspection.id;
    correction.inspection.started_at = "2018-01-11T01:00:00.000Z";
    correction.inspection.finished_at = "2018-01-11T02:00:00.000Z";
    QCOMPARE(push(correction), "stored");
    QVERIFY2(item()["status"] == "resumed", item().dump().c_str());
    QCOMPARE(item()["inspection_id"], original.inspection.id);
    QVERIFY(alertFrom(original.inspection.id));

    // Accepted, it replaces the original: the item is dismantled on the strength of the
    // correction alone, and the original no longer raises an alert.
    QCOMPARE(accept(correction), 0);
    QVERIFY2(item()["status"] == "dismantled", item().dump().c_str());
    QCOMPARE(item()["inspection_id"], correction.inspection.id);
    QVERIFY(!alertFrom(original.inspection.id));
}

void TestServerApi::stopsCleanlyOnSigterm()
{
    QCOMPARE(m_office.server().stop(), 0);
    QVERIFY(m_office.server().log().contains("stopping on SIGTERM"));
    QVERIFY(m_office.server().log().contains("stopped"));
}

QTEST_GUILESS_MAIN(TestServerApi)
#include "tst_serverapi.moc"
