// The SyncStore contract (issue 18 item 2): one set of test functions, run once against each
// back end (storebackend.h: ctest tst_synccontract on SQLite and, label postgresql,
// tst_synccontract_postgresql). Only the ports are used: accounts and devices through
// AccountStore, the rest through SyncStore; the seed rows and change-log entries stand for
// what the plan import writes. The last functions run two stores on one database at once, as
// two server processes behind one proxy do, and one store on several threads at once, as one
// server's HTTP threads do (PostgreSQL's connection pool, sync/server/pgstore/pgpool.h).

#include "contractkit.h"

#include "core/clock.h"
#include "core/sha256.h"
#include "protocol/merkle.h"
#include "protocol/recordtype.h"
#include "server/domain/pullcursor.h"
#include "server/domain/storeruleerror.h"
#include "server/pgstore/pgconnection.h"

#include <QTest>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

// Two towns, an enterprise in each (and a second one in West), with equipment, a card and a
// task each in east; the change log lists them as the plan import would, and last a piece of
// equipment of east that has since been deleted.
const std::string kSeed = std::string(kTwoTowns) + R"sql(
INSERT INTO enterprise (id, credit_code, name, region_id, industry) VALUES
  ('e-3', 'C3', 'Third Works', 'r-w', '');
INSERT INTO equipment (id, enterprise_id, natural_key, kind, spec, count, capacity_value,
  capacity_unit, plan_year, action, dismantle_deadline) VALUES
  ('q-1', 'e-1', 'k-1', '中频炉', '2t', 2, 1.5, 't', 2026, 'dismantle', '2026-12-31');
INSERT INTO card (id, enterprise_id, standard, level, department, issued_on, state) VALUES
  ('c-1', 'e-1', 'energy', 'yellow', '经信局', '2026-11-01', 'open');
INSERT INTO task (id, enterprise_id, kind, due) VALUES ('t-1', 'e-1', 'survey', '2026-12-20'),
  ('t-2', 'e-2', 'recheck', '2026-12-21');
INSERT INTO task_inspector (task_id, position, username) VALUES ('t-1', 0, 'ann'),
  ('t-1', 1, 'olga'), ('t-2', 0, 'bob');
INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees) VALUES
  ('region', 'r-e', 'r-e', '', ''), ('region', 'r-w', 'r-w', '', ''),
  ('enterprise', 'e-1', 'r-e', 'e-1', ''), ('enterprise', 'e-2', 'r-w', 'e-2', ''),
  ('enterprise', 'e-3', 'r-w', 'e-3', ''), ('equipment', 'q-1', 'r-e', 'e-1', ''),
  ('card', 'c-1', 'r-e', 'e-1', ''), ('task', 't-1', 'r-e', 'e-1', 'ann
olga'), ('task', 't-2', 'r-w', 'e-2', 'bob'), ('equipment', 'q-gone', 'r-e', 'e-1', '');
)sql";

constexpr const char *kAt = "2026-12-03T08:00:00.000Z";

using Keys = std::vector<std::string>; // "type/id"

Keys keysOf(const PullPage &page)
{
    Keys out;
    for (const auto &i : page.items)
        out.push_back(i.type + "/" + i.id);
    return out;
}

Keys tombstonesOf(const PullPage &page)
{
    Keys out;
    for (const auto &t : page.deleted)
        out.push_back(t.type + "/" + t.id);
    return out;
}

const Keys kAnnPlan{"region/r-e", "enterprise/e-1", "equipment/q-1", "card/c-1", "task/t-1"};
const Keys kAllPlan{"region/r-e",     "region/r-w",     "enterprise/e-1",
                    "enterprise/e-2", "enterprise/e-3", "equipment/q-1",
                    "card/c-1",       "task/t-1",       "task/t-2"};

struct Item
{
    std::string id;
    std::string enterprise = "e-1";
    std::int64_t version = 1;
    std::string content = "a";
    InspectionState state = InspectionState::Final;
    std::optional<StatementLink> statement{};
};

PushCandidate candidate(const Item &i)
{
    IncomingItem item =
        inspectionItem(i.id, i.enterprise, i.state,
                       R"({"id":")" + i.id + R"(","content":")" + i.content + R"("})", kAt, kAt);
    item.version = i.version;
    item.statement = i.statement;
    return PushCandidate{item, std::nullopt, std::nullopt};
}

StatementLink link(const std::string &deviceId, std::int64_t seq, const std::string &hash,
                   const std::string &prevHash)
{
    return StatementLink{deviceId, seq, hash, prevHash, "statement " + hash, "sig-" + hash};
}

} // namespace

class TestSyncContract : public PushContractTest
{
    Q_OBJECT

    /// The whole feed for `username` from nothing, page by page (at most 100 pages).
    PullPage pullAll(SyncStore &store, const std::string &username, int limit = 500)
    {
        return fp::test::pullAll(store, m_who.at(username).user, limit);
    }

    PushResult pushOne(SyncStore &store, const std::string &username, const Item &item)
    {
        const auto results = store.applyPush(m_who.at(username), {candidate(item)});
        return results.size() == 1 ? results.front() : PushResult{};
    }

  private:
    /// After ann's `ann` items were pushed twice and bob's `bob` once, at once: each verdict
    /// pair is one Stored and one Duplicate (bob's: Stored), the office log and the feed
    /// (pulled through `store`) hold each item once, the change log kept its commit order, and
    /// the feed a follower `pulled` meanwhile is the whole feed.
    void eachStoredOnce(std::map<std::string, std::vector<PushStatus>> &verdicts, int ann, int bob,
                        SyncStore &store, const std::set<std::string> &pulled)
    {
        for (int i = 0; i < ann; ++i) {
            const auto &v = verdicts["ann-" + std::to_string(i)];
            QCOMPARE(v.size(), std::size_t(2));
            QCOMPARE(int(std::count(v.begin(), v.end(), PushStatus::Stored)), 1);
            QCOMPARE(int(std::count(v.begin(), v.end(), PushStatus::Duplicate)), 1);
        }
        for (int i = 0; i < bob; ++i)
            QCOMPARE(verdicts["bob-" + std::to_string(i)], std::vector{PushStatus::Stored});
        // One leaf each in the office log, one review each in the feed.
        const PullPage all = pullAll(store, "olga", 50);
        QVERIFY(all.tree_head);
        QCOMPARE(all.tree_head->tree_size, std::int64_t(ann + bob));
        std::set<std::string> reviews;
        for (const auto &i : all.items) {
            if (i.type == wire::kReview)
                QVERIFY2(reviews.insert(i.id).second, i.id.c_str());
        }
        QCOMPARE(reviews.size(), std::size_t(ann + bob));
        std::set<std::string> expected(kAllPlan.begin(), kAllPlan.end());
        for (const auto &id : reviews)
            expected.insert("review/" + id);
        QCOMPARE(m_backend->commitOrderProblem(), QString());
        QCOMPARE(pulled, expected);
    }

  private slots:
    void init() { QVERIFY(openPushOffice(kSeed, annBobOlga(), kAt)); }

    void cleanup() { closePushOffice(); }

    void aFirstPullSendsTheScopeAndNothingElse()
    {
        const PullPage ann = m_sync->pull(m_who.at("ann").user, std::nullopt, 100);
        QCOMPARE(keysOf(ann), kAnnPlan);
        QCOMPARE(tombstonesOf(ann), Keys{"equipment/q-gone"});
        QVERIFY(!ann.more);
        QVERIFY(!ann.reset);
        QVERIFY(ann.epoch && ann.epoch->size() == 32);
        QVERIFY(!ann.tree_head); // nothing logged yet
        // The rows arrive as they were written, numbers and texts alike.
        Enterprise e1;
        e1.id = "e-1";
        e1.credit_code = "C1";
        e1.name = "Zeta Foundry";
        e1.region_id = "r-e";
        e1.industry = "foundry";
        e1.location = Position{30.25, 120.125, 8.5};
        QCOMPARE(ann.items[1].data.dump(), Json(e1).dump());
        Equipment q1{"q-1",       "e-1", "中频炉",
                     "2t",        2,     Capacity{1.5, "t"},
                     "",          2026,  RequiredAction::Dismantle,
                     "2026-12-31"};
        QCOMPARE(ann.items[2].data.dump(), Json(q1).dump());
        const Task t1{"t-1", "e-1", VisitKind::Survey, "2026-12-20", {"ann", "olga"}};
        QCOMPARE(ann.items[4].data.dump(), Json(t1).dump());

        QCOMPARE(keysOf(m_sync->pull(m_who.at("olga").user, std::nullopt, 100)), kAllPlan);
        const PullPage bob = m_sync->pull(m_who.at("bob").user, std::nullopt, 100);
        QCOMPARE(keysOf(bob), (Keys{"region/r-w", "enterprise/e-2", "enterprise/e-3", "task/t-2"}));
        QVERIFY(bob.deleted.empty()); // bob never saw east's equipment
    }

    void pagesContinueWhereTheLastEnded()
    {
        Keys seen;
        std::optional<PullCursor> cursor;
        int pages = 0;
        for (bool more = true; more && pages < 20; ++pages) {
            const PullPage p = m_sync->pull(m_who.at("olga").user, cursor, 2);
            QVERIFY(!p.reset);
            QVERIFY(p.items.size() <= 2);
            const Keys k = keysOf(p);
            seen.insert(seen.end(), k.begin(), k.end());
            cursor = parsePullCursor(p.cursor);
            more = p.more;
        }
        QCOMPARE(seen, kAllPlan);
        QCOMPARE(pages, 5);
        // At the end: nothing, and the same cursor again.
        const PullPage end = m_sync->pull(m_who.at("olga").user, cursor, 2);
        QVERIFY(end.items.empty() && !end.more && !end.reset);
        QCOMPARE(parsePullCursor(end.cursor), cursor);
    }

    void aPushIsStoredOnceAndARepeatIsADuplicate()
    {
        const PullPage before = m_sync->pull(m_who.at("ann").user, std::nullopt, 100);
        QCOMPARE(pushOne(*m_sync, "ann", Item{"i-1"}).status, PushStatus::Stored);
        const PullPage after =
            m_sync->pull(m_who.at("ann").user, parsePullCursor(before.cursor), 100);
        QCOMPARE(keysOf(after), Keys{"review/i-1"});
        QCOMPARE(after.items[0].data.dump(),
                 Json(Review{"i-1", ReviewState::Received, "", kAt}).dump());

        const PushResult again = pushOne(*m_sync, "ann", Item{"i-1"});
        QCOMPARE(again.status, PushStatus::Duplicate);
        QVERIFY(!again.code);
        const PushResult other = pushOne(*m_sync, "ann", Item{"i-1", "e-1", 1, "b"});
        QCOMPARE(other.status, PushStatus::Rejected);
        QCOMPARE(other.code, std::optional<std::string>("conflict"));
        const PushResult newer = pushOne(*m_sync, "ann", Item{"i-1", "e-1", 2, "b"});
        QCOMPARE(newer.status, PushStatus::Rejected);
        QCOMPARE(newer.code, std::optional<std::string>("final_immutable"));

        // Drafts: a newer revision is stored, an older one is answered as a duplicate; neither
        // feeds the pull.
        const Item draft{"i-2", "e-1", 1, "a", InspectionState::Draft};
        QCOMPARE(pushOne(*m_sync, "ann", draft).status, PushStatus::Stored);
        QCOMPARE(pushOne(*m_sync, "ann", Item{"i-2", "e-1", 3, "c", InspectionState::Draft}).status,
                 PushStatus::Stored);
        const PushResult older = pushOne(*m_sync, "ann", draft);
        QCOMPARE(older.status, PushStatus::Duplicate);
        QCOMPARE(older.code, std::optional<std::string>("superseded"));
        const PullPage later =
            m_sync->pull(m_who.at("ann").user, parsePullCursor(after.cursor), 100);
        QVERIFY(later.items.empty());

        // One batch: results in order, the same item twice in it stored once.
        const auto results = m_sync->applyPush(
            m_who.at("ann"), {candidate(Item{"i-3"}), candidate(Item{"i-3"}),
                              candidate(Item{"i-4", "e-1", 1, "x", InspectionState::Draft})});
        QCOMPARE(results.size(), std::size_t(3));
        QCOMPARE(results[0].status, PushStatus::Stored);
        QCOMPARE(results[1].status, PushStatus::Duplicate);
        QCOMPARE(results[2].id, std::string("i-4"));
        QCOMPARE(keysOf(m_sync->pull(m_who.at("ann").user, parsePullCursor(later.cursor), 100)),
                 Keys{"review/i-3"});
    }

    void onlyTheOwnerAndTheScopeMayStore()
    {
        QCOMPARE(pushOne(*m_sync, "ann", Item{"i-1", "e-1", 1, "a", InspectionState::Draft}).status,
                 PushStatus::Stored);
        const PushResult notOwner =
            pushOne(*m_sync, "bob", Item{"i-1", "e-1", 2, "b", InspectionState::Draft});
        QCOMPARE(notOwner.code, std::optional<std::string>("not_owner"));
        const PushResult outside = pushOne(*m_sync, "bob", Item{"i-5", "e-1"});
        QCOMPARE(outside.status, PushStatus::Rejected);
        QCOMPARE(outside.code, std::optional<std::string>("out_of_scope"));
        QCOMPARE(pushOne(*m_sync, "bob", Item{"i-6", "e-9"}).code,
                 std::optional<std::string>("out_of_scope"));
        // The office account may store anywhere.
        QCOMPARE(pushOne(*m_sync, "olga", Item{"i-7", "e-2"}).status, PushStatus::Stored);

        // `refused` always wins; `pre` only where the item would otherwise be stored.
        PushCandidate refused = candidate(Item{"i-8"});
        refused.refused = Rejection{"bad_item", "unreadable"};
        PushCandidate pre = candidate(Item{"i-9"});
        pre.pre = Rejection{"missing_blob", "upload the photos first"};
        PushCandidate preOnHeld = candidate(Item{"i-7", "e-2"});
        preOnHeld.pre = Rejection{"missing_blob", "upload the photos first"};
        const auto r = m_sync->applyPush(m_who.at("olga"), {refused, pre, preOnHeld});
        QCOMPARE(r[0].code, std::optional<std::string>("bad_item"));
        QCOMPARE(r[1].code, std::optional<std::string>("missing_blob"));
        QCOMPARE(r[1].status, PushStatus::Rejected);
        QCOMPARE(r[2].status, PushStatus::Duplicate);
        // Nothing refused reached the feed.
        const PullPage all = pullAll(*m_sync, "olga");
        QCOMPARE(int(std::count(all.items.begin(), all.items.end(),
                                PullItem{"review", "i-7",
                                         Json(Review{"i-7", ReviewState::Received, "", kAt})})),
                 1);
        QCOMPARE(all.items.size(), kAllPlan.size() + 1);
    }

    void statementChainsShowGapsAndForks()
    {
        Item first{"i-1"};
        first.statement = link("d-ann", 1, "h1", "");
        QCOMPARE(pushOne(*m_sync, "ann", first).status, PushStatus::Stored);
        Item third{"i-3"};
        third.statement = link("d-ann", 3, "h3", "h2");
        const PushResult gap = pushOne(*m_sync, "ann", third);
        QCOMPARE(gap.status, PushStatus::Stored);
        QCOMPARE(gap.code, std::optional<std::string>("chain_gap"));
        Item fork{"i-4"};
        fork.statement = link("d-ann", 1, "h1-other", "");
        const PushResult forked = pushOne(*m_sync, "ann", fork);
        QCOMPARE(forked.status, PushStatus::Rejected);
        QCOMPARE(forked.code, std::optional<std::string>("fork"));
        // The same statement again is no fork.
        QCOMPARE(pushOne(*m_sync, "ann", first).status, PushStatus::Duplicate);

        const auto chains = m_sync->chainReport();
        QCOMPARE(chains.size(), std::size_t(1));
        const DeviceChain &c = chains.front();
        QCOMPARE(c.device_id, std::string("d-ann"));
        QCOMPARE(c.statements, std::int64_t(2));
        QCOMPARE(c.highest_seq, std::int64_t(3));
        QCOMPARE(c.missing, std::vector<std::int64_t>{2});
        QCOMPARE(c.events.size(), std::size_t(2));
        QCOMPARE(c.events[0].kind, std::string("gap"));
        QCOMPARE(c.events[1].kind, std::string("fork"));
        QCOMPARE(c.events[1].seq, std::int64_t(1));
    }

    void aScopeChangeOrAForeignCursorStartsOver()
    {
        const PullPage first = m_sync->pull(m_who.at("ann").user, std::nullopt, 100);
        const auto cursor = parsePullCursor(first.cursor);
        QVERIFY(cursor);
        m_accounts->setUserScope("ann", ScopeSpec{{"West"}, {}});
        const PullPage again = m_sync->pull(m_who.at("ann").user, cursor, 100);
        QVERIFY(again.reset);
        // Her task in east stays hers: tasks follow their inspectors.
        QCOMPARE(keysOf(again),
                 (Keys{"region/r-w", "enterprise/e-2", "enterprise/e-3", "task/t-1"}));

        const auto now = parsePullCursor(again.cursor);
        QVERIFY(!m_sync->pull(m_who.at("ann").user, now, 100).reset);
        PullCursor ahead = *now;
        ahead.seq += 1000; // an office restored from an older backup
        QVERIFY(m_sync->pull(m_who.at("ann").user, ahead, 100).reset);
        PullCursor otherTag = *now;
        otherTag.tag = "deadbeef"; // the sequence was reused by other changes
        QVERIFY(m_sync->pull(m_who.at("ann").user, otherTag, 100).reset);
        QVERIFY_THROWS_EXCEPTION(
            StoreRuleError,
            m_sync->pull(UserAccount{"u-gone", "gone", Role::Inspector, ""}, std::nullopt, 10));
    }

    void theOfficeLogGrowsOnEveryServer()
    {
        const TreeHeadSigner signer(OfficeKey::fromSeed(keySeed(7, 1)), SystemClock::instance());
        auto a = m_backend->openSync(&signer);
        auto b = m_backend->openSync(&signer);
        QCOMPARE(pushOne(*a, "ann", Item{"i-1"}).status, PushStatus::Stored);
        auto head = pullAll(*b, "ann").tree_head;
        QVERIFY(head);
        QCOMPARE(head->tree_size, std::int64_t(1));
        Item signedItem{"i-2"};
        signedItem.statement = link("d-ann", 1, "h1", "");
        QCOMPARE(pushOne(*b, "ann", signedItem).status, PushStatus::Stored); // two leaves
        QCOMPARE(pushOne(*a, "ann", Item{"i-3"}).status, PushStatus::Stored);
        head = pullAll(*a, "ann").tree_head;
        QVERIFY(head);
        QCOMPARE(head->tree_size, std::int64_t(4));
        QCOMPARE(head->root_hash.size(), std::size_t(64));
        QCOMPARE(head->signature.size(), std::size_t(128));
        // A repeat adds no leaf.
        QCOMPARE(pushOne(*b, "ann", Item{"i-3"}).status, PushStatus::Duplicate);
        QCOMPARE(pullAll(*b, "ann").tree_head->tree_size, std::int64_t(4));
        QCOMPARE(m_backend->commitOrderProblem(), QString());
    }

    void twoServersPushingAtOnceStoreEachItemOnce()
    {
        // ann's tablet sends its 48 inspections through server A and, as a retry through the
        // proxy would, the same ones through server B in the opposite order; bob's 24 go through
        // B only. A third server pulls the office's feed all the while.
        const TreeHeadSigner signer(OfficeKey::fromSeed(keySeed(7, 1)), SystemClock::instance());
        auto a = m_backend->openSync(&signer);
        auto b = m_backend->openSync(&signer);
        auto bobServer = m_backend->openSync(&signer); // bob's requests, also at B's address
        auto c = m_backend->openSync(&signer);
        constexpr int kAnn = 48;
        constexpr int kBob = 24;
        constexpr int kBatch = 4;
        std::vector<PushCandidate> annItems;
        std::vector<PushCandidate> bobItems;
        for (int i = 0; i < kAnn; ++i)
            annItems.push_back(candidate(Item{"ann-" + std::to_string(i)}));
        for (int i = 0; i < kBob; ++i)
            bobItems.push_back(candidate(Item{"bob-" + std::to_string(i), "e-2"}));

        std::mutex mutex;
        std::vector<std::string> errors;
        std::map<std::string, std::vector<PushStatus>> verdicts;
        const auto push = [&](SyncStore &store, const std::string &user,
                              const std::vector<PushCandidate> &items) {
            try {
                for (std::size_t i = 0; i < items.size(); i += kBatch) {
                    const std::vector<PushCandidate> batch(
                        items.begin() + std::ptrdiff_t(i),
                        items.begin() + std::ptrdiff_t(std::min(items.size(), i + kBatch)));
                    const auto results = store.applyPush(m_who.at(user), batch);
                    const std::lock_guard lock(mutex);
                    for (const auto &r : results)
                        verdicts[r.id].push_back(r.status);
                }
            } catch (const std::exception &e) {
                const std::lock_guard lock(mutex);
                errors.emplace_back(e.what());
            }
        };
        std::atomic<bool> pushing{true};
        std::set<std::string> pulled;
        int pulls = 0;
        const auto follow = [&] {
            try {
                std::optional<PullCursor> cursor;
                // Bounded: the pushes end, then two more rounds read what they left.
                for (int round = 0, quiet = 0; round < 100000 && quiet < 2; ++round) {
                    const bool wasPushing = pushing.load();
                    const PullPage p = c->pull(m_who.at("olga").user, cursor, 7);
                    ++pulls;
                    if (p.reset)
                        throw std::runtime_error("the feed was reset while following it");
                    for (const auto &i : p.items)
                        pulled.insert(i.type + "/" + i.id);
                    cursor = parsePullCursor(p.cursor);
                    if (!wasPushing && !p.more)
                        ++quiet;
                }
            } catch (const std::exception &e) {
                const std::lock_guard lock(mutex);
                errors.emplace_back(e.what());
            }
        };
        const std::vector<PushCandidate> annReversed(annItems.rbegin(), annItems.rend());
        std::thread follower(follow);
        std::thread ta([&] { push(*a, "ann", annItems); });
        std::thread tb([&] { push(*b, "ann", annReversed); });
        std::thread tc([&] { push(*bobServer, "bob", bobItems); });
        ta.join();
        tb.join();
        tc.join();
        pushing = false;
        follower.join();
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());

        // The follower, pulling while the servers wrote, missed nothing.
        eachStoredOnce(verdicts, kAnn, kBob, *c, pulled);
        if (QTest::currentTestFailed())
            return;
        qInfo("%d pulls while %d + %d items were pushed twice and once", pulls, kAnn, kBob);
    }

    // --- One store, several threads (a server's HTTP threads; PostgreSQL: a pool of 4). ---
    void severalThreadsThroughOnePooledStoreGetWhatOneThreadWould()
    {
        // As twoServersPushingAtOnceStoreEachItemOnce, but through ONE store: ann's 48 items
        // twice (in both orders), bob's 24 once, olga's feed followed, and a reader asking for
        // the device, the newest head and a consistency proof from the head it saw before.
        const TreeHeadSigner signer(OfficeKey::fromSeed(keySeed(7, 1)), SystemClock::instance());
        const std::unique_ptr<OfficeStore> store = m_backend->openPooledOffice(4, &signer);
        constexpr int kAnn = 48;
        constexpr int kBob = 24;
        constexpr int kBatch = 4;
        std::vector<PushCandidate> annItems;
        std::vector<PushCandidate> bobItems;
        for (int i = 0; i < kAnn; ++i)
            annItems.push_back(candidate(Item{"ann-" + std::to_string(i)}));
        for (int i = 0; i < kBob; ++i)
            bobItems.push_back(candidate(Item{"bob-" + std::to_string(i), "e-2"}));
        const std::vector<PushCandidate> annReversed(annItems.rbegin(), annItems.rend());

        std::mutex mutex;
        std::vector<std::string> errors;
        std::map<std::string, std::vector<PushStatus>> verdicts;
        const auto failed = [&](const std::string &what) {
            const std::lock_guard lock(mutex);
            errors.push_back(what);
        };
        const auto push = [&](const std::string &user, const std::vector<PushCandidate> &items) {
            try {
                for (std::size_t i = 0; i < items.size(); i += kBatch) {
                    const std::vector<PushCandidate> batch(
                        items.begin() + std::ptrdiff_t(i),
                        items.begin() + std::ptrdiff_t(std::min(items.size(), i + kBatch)));
                    const auto results = store->applyPush(m_who.at(user), batch);
                    const std::lock_guard lock(mutex);
                    for (const auto &r : results)
                        verdicts[r.id].push_back(r.status);
                }
            } catch (const std::exception &e) {
                failed(e.what());
            }
        };
        std::atomic<bool> pushing{true};
        std::set<std::string> pulled;
        const auto follow = [&] {
            try {
                std::optional<PullCursor> cursor;
                for (int round = 0, quiet = 0; round < 100000 && quiet < 2; ++round) {
                    const bool wasPushing = pushing.load();
                    const PullPage p = store->pull(m_who.at("olga").user, cursor, 7);
                    if (p.reset)
                        throw std::runtime_error("the feed was reset while following it");
                    for (const auto &i : p.items)
                        pulled.insert(i.type + "/" + i.id);
                    cursor = parsePullCursor(p.cursor);
                    if (!wasPushing && !p.more)
                        ++quiet;
                }
            } catch (const std::exception &e) {
                failed(e.what());
            }
        };
        int proofs = 0;
        const auto read = [&] {
            try {
                std::optional<SignedTreeHead> seen;
                for (int round = 0; round < 100000 && pushing.load(); ++round) {
                    const auto ann = store->findByTokenHash("token-ann");
                    if (!ann || ann->user.username != "ann" || ann->device.id != "d-ann")
                        throw std::runtime_error("token-ann did not find ann's tablet");
                    const auto head = store->latestTreeHead();
                    if (!head || (seen && head->tree_size <= seen->tree_size))
                        continue;
                    if (seen) {
                        const ConsistencyAnswer c =
                            store->consistencyProof(seen->tree_size, head->tree_size);
                        const auto proof = merkle::fromHex(c.proof);
                        const auto oldRoot = merkle::fromHex(seen->root_hash);
                        const auto newRoot = merkle::fromHex(head->root_hash);
                        if (!proof || !oldRoot || !newRoot ||
                            !merkle::verifyConsistency(std::uint64_t(seen->tree_size),
                                                       std::uint64_t(head->tree_size), *oldRoot,
                                                       *newRoot, *proof))
                            throw std::runtime_error("head " + std::to_string(head->tree_size) +
                                                     " is no extension of head " +
                                                     std::to_string(seen->tree_size));
                        ++proofs;
                    }
                    seen = head;
                }
            } catch (const std::exception &e) {
                failed(e.what());
            }
        };
        std::thread follower(follow);
        std::thread reader(read);
        std::thread ta([&] { push("ann", annItems); });
        std::thread tb([&] { push("ann", annReversed); });
        std::thread tc([&] { push("bob", bobItems); });
        ta.join();
        tb.join();
        tc.join();
        pushing = false;
        follower.join();
        reader.join();
        QVERIFY2(errors.empty(), errors.empty() ? "" : errors.front().c_str());

        eachStoredOnce(verdicts, kAnn, kBob, *store, pulled);
        if (QTest::currentTestFailed())
            return;
        // The office log as one thread would have left it: every leaf and head checks out.
        const LogVerifyReport verified = store->verifyLog();
        QVERIFY2(!verified.problem, verified.problem ? verified.problem->c_str() : "");
        QCOMPARE(verified.leaves, std::int64_t(kAnn + kBob));
        qInfo("%d consistency proofs checked while the threads pushed", proofs);
    }

    // PostgreSQL only: the pool really holds several connections at once. Three threads ask a
    // pool of 4 for the enterprises while the test holds the table locked; all three must then
    // wait on the lock inside PostgreSQL at the same time (pg_stat_activity), which one
    // connection (a pool of 1) cannot show: its second and third caller wait in the pool.
    void aPooledStoreUsesSeveralConnectionsAtOnce()
    {
        if (m_backend->conninfo().empty())
            QSKIP("about PostgreSQL's connection pool; SQLite has one connection");
        const std::unique_ptr<OfficeStore> store = m_backend->openPooledOffice(4);
        PgConnection locker(m_backend->conninfo());
        PgConnection watcher(m_backend->conninfo());
        locker.execScript("BEGIN; LOCK TABLE enterprise IN ACCESS EXCLUSIVE MODE");
        constexpr int kCallers = 3;
        std::atomic<int> answered{0};
        std::atomic<int> wrong{0};
        std::vector<std::thread> callers;
        for (int i = 0; i < kCallers; ++i) {
            callers.emplace_back([&] {
                try {
                    if (store->listEnterprises().size() == 3)
                        ++answered;
                    else
                        ++wrong;
                } catch (const std::exception &) {
                    ++wrong;
                }
            });
        }
        // Waits (at most 60 s, not a measure of speed) until all three wait on the lock.
        std::int64_t waiting = 0;
        for (int i = 0; i < 600 && waiting < kCallers; ++i) {
            waiting = watcher
                          .exec("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                "current_database() AND wait_event_type = 'Lock'")
                          .integer(0, 0);
            if (waiting < kCallers)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        locker.execScript("COMMIT");
        for (auto &t : callers)
            t.join();
        QCOMPARE(waiting, std::int64_t(kCallers));
        QCOMPARE(answered.load(), kCallers);
        QCOMPARE(wrong.load(), 0);
    }

    // PostgreSQL only: a connection whose backend was terminated is replaced, not handed out
    // again: idle ones before the next call (which succeeds), a leased one after the call it
    // broke (the next call succeeds, on a pool of one, so on a new connection).
    void aKilledConnectionIsReplaced()
    {
        if (m_backend->conninfo().empty())
            QSKIP("about PostgreSQL's connection pool; SQLite has one connection");
        PgConnection admin(m_backend->conninfo());
        const std::string others = "FROM pg_stat_activity WHERE datname = current_database() AND "
                                   "backend_type = 'client backend' AND pid <> pg_backend_pid()";
        const auto othersGone = [&] {
            for (int i = 0; i < 600; ++i) { // the backends exit after the signal (at most 60 s)
                if (admin.exec("SELECT count(*) " + others).integer(0, 0) == 0)
                    return true;
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            return false;
        };
        {
            const std::unique_ptr<OfficeStore> store = m_backend->openPooledOffice(4);
            QVERIFY(store->findDevice("d-ann"));
            m_accounts.reset(); // the fixture's stores hold connections too
            m_sync.reset();
            QVERIFY(admin
                        .exec("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) " + others +
                              ") t")
                        .integer(0, 0) >= 1);
            QVERIFY(othersGone());
            const auto ann = store->findDevice("d-ann");
            QVERIFY(ann);
            QCOMPARE(ann->user_id, std::string("u-ann"));
            QCOMPARE(pushOne(*store, "ann", Item{"i-after-kill"}).status, PushStatus::Stored);
        }
        QVERIFY(othersGone());
        // Killed while leased: the call fails, the connection goes, the next call gets a new one.
        const std::unique_ptr<OfficeStore> store = m_backend->openPooledOffice(1);
        PgConnection locker(m_backend->conninfo());
        locker.execScript("BEGIN; LOCK TABLE enterprise IN ACCESS EXCLUSIVE MODE");
        std::atomic<bool> threw{false};
        std::thread caller([&] {
            try {
                store->listEnterprises();
            } catch (const PgError &) {
                threw = true;
            }
        });
        std::int64_t killed = 0;
        for (int i = 0; i < 600 && killed == 0; ++i) {
            killed = admin
                         .exec("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM "
                               "pg_stat_activity WHERE datname = current_database() AND "
                               "wait_event_type = 'Lock') t")
                         .integer(0, 0);
            if (killed == 0)
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        caller.join();
        locker.execScript("COMMIT");
        QCOMPARE(killed, std::int64_t(1));
        QVERIFY(threw.load());
        QCOMPARE(store->listEnterprises().size(), std::size_t(3));
    }

    // --- Growth (issue 18 item 5): a small scope's first pull reads its own entries. ---
    // A pull page walks at most `limit` + 1 change-log entries in order; a pull that walked the
    // whole log to find ann's few entries among bob's 2,000 would need a page per `limit` of
    // them. Through the scope-key index her feed takes a page per `limit` of her own entries,
    // however long the log, and still sends each row once, nothing skipped.
    void aSmallScopesFirstPullDoesNotWalkTheWholeLog()
    {
        constexpr int kWest = 2000;
        std::vector<PushCandidate> west;
        for (int i = 0; i < kWest; ++i)
            west.push_back(candidate(Item{"w-" + std::to_string(i), "e-2"}));
        const auto stored = m_sync->applyPush(m_who.at("bob"), west);
        QCOMPARE(stored.size(), std::size_t(kWest));
        QCOMPARE(stored.back().status, PushStatus::Stored);
        QCOMPARE(pushOne(*m_sync, "ann", Item{"i-east"}).status, PushStatus::Stored);

        Keys seen;
        Keys gone;
        std::optional<PullCursor> cursor;
        int pages = 0;
        for (bool more = true; more && pages < 50; ++pages) {
            const PullPage p = m_sync->pull(m_who.at("ann").user, cursor, 2);
            QVERIFY(!p.reset);
            const Keys k = keysOf(p);
            seen.insert(seen.end(), k.begin(), k.end());
            const Keys t = tombstonesOf(p);
            gone.insert(gone.end(), t.begin(), t.end());
            cursor = parsePullCursor(p.cursor);
            more = p.more;
        }
        Keys expected = kAnnPlan;
        expected.push_back("review/i-east");
        QCOMPARE(seen, expected);
        QCOMPARE(gone, Keys{"equipment/q-gone"});
        // Her 7 entries, 2 a page: 4 pages (a walk of the whole log would take over 1,000).
        QCOMPARE(pages, 4);

        // The cursor stands at the head: nothing again, and bob's later work is not hers.
        const PullPage again = m_sync->pull(m_who.at("ann").user, cursor, 2);
        QVERIFY(again.items.empty() && again.deleted.empty() && !again.more && !again.reset);
        QCOMPARE(parsePullCursor(again.cursor), cursor);
        QCOMPARE(pushOne(*m_sync, "bob", Item{"w-late", "e-2"}).status, PushStatus::Stored);
        const PullPage later = m_sync->pull(m_who.at("ann").user, cursor, 2);
        QVERIFY(later.items.empty() && !later.more && !later.reset);
        QCOMPARE(pushOne(*m_sync, "ann", Item{"i-late"}).status, PushStatus::Stored);
        QCOMPARE(keysOf(m_sync->pull(m_who.at("ann").user, parsePullCursor(later.cursor), 2)),
                 Keys{"review/i-late"});

        // bob's large scope: every review once, in pages of 500.
        const PullPage bob = pullAll(*m_sync, "bob");
        std::set<std::string> reviews;
        for (const auto &i : bob.items) {
            if (i.type == wire::kReview)
                QVERIFY2(reviews.insert(i.id).second, i.id.c_str());
        }
        QCOMPARE(reviews.size(), std::size_t(kWest + 1));
        QCOMPARE(bob.items.size(), reviews.size() + 4); // and West's plan
    }
};

QTEST_GUILESS_MAIN(TestSyncContract)
#include "tst_synccontract.moc"
