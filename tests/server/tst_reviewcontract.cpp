// The ReviewStore contract (issue 18 item 2): one set of test functions, run once against each
// back end (storebackend.h: ctest tst_reviewcontract on SQLite and, label postgresql,
// tst_reviewcontract_postgresql). Only the ports are used: accounts through AccountStore, the
// pushed inspections and the pull through SyncStore, the decisions through ReviewStore, each a
// store of its own on the one database, as separate server processes are. The last function
// runs two clerks on two stores at once.

#include "storebackend.h"

#include "core/clock.h"
#include "core/sha256.h"
#include "protocol/recordtype.h"
#include "server/domain/pullcursor.h"

#include <QTest>

#include <atomic>
#include <map>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

// A town with two enterprises and a second town with one, as the plan import writes them.
const std::string kSeed = R"sql(
INSERT INTO region (id, name, kind) VALUES ('r-e', 'east', 'town'), ('r-w', 'West', 'town');
INSERT INTO enterprise (id, credit_code, name, region_id, industry) VALUES
  ('e-1', 'C1', 'Zeta Foundry', 'r-e', 'foundry'), ('e-2', 'C2', 'alpha Glass', 'r-w', 'glass');
INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees) VALUES
  ('region', 'r-e', 'r-e', '', ''), ('region', 'r-w', 'r-w', '', ''),
  ('enterprise', 'e-1', 'r-e', 'e-1', ''), ('enterprise', 'e-2', 'r-w', 'e-2', '');
)sql";

constexpr const char *kAt = "2026-12-03T08:00:00.000Z";
constexpr const char *kLater = "2026-12-03T09:30:00.000Z";

PushCandidate candidate(const std::string &id, const std::string &enterprise,
                        InspectionState state = InspectionState::Final)
{
    IncomingItem item;
    item.type = std::string(wire::kInspection);
    item.id = id;
    item.version = 1;
    item.state = state;
    item.enterprise_id = enterprise;
    item.kind = VisitKind::Survey;
    item.data = R"({"id":")" + id + R"(","content":"a"})";
    item.content_hash = sha256Hex(item.data);
    item.device_time = kAt;
    item.received_at = kAt;
    item.batch_id = "batch-" + id;
    return PushCandidate{item, std::nullopt, std::nullopt};
}

std::array<unsigned char, 32> seed()
{
    std::array<unsigned char, 32> s{};
    for (std::size_t i = 0; i < s.size(); ++i)
        s[i] = static_cast<unsigned char>(i * 5 + 3);
    return s;
}

} // namespace

class TestReviewContract : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreBackend> m_backend;
    std::unique_ptr<TreeHeadSigner> m_signer;
    std::unique_ptr<AccountStore> m_accounts;
    std::unique_ptr<SyncStore> m_sync;
    std::unique_ptr<ReviewStore> m_reviews;
    std::map<std::string, Principal> m_who; // username -> its device and account

    /// The whole feed for `username` from nothing (at most 100 pages).
    PullPage pullAll(const std::string &username)
    {
        PullPage all;
        std::optional<PullCursor> cursor;
        for (int page = 0; page < 100; ++page) {
            PullPage p = m_sync->pull(m_who.at(username).user, cursor, 500);
            all.items.insert(all.items.end(), p.items.begin(), p.items.end());
            all.deleted.insert(all.deleted.end(), p.deleted.begin(), p.deleted.end());
            all.cursor = p.cursor;
            all.tree_head = p.tree_head;
            cursor = parsePullCursor(p.cursor);
            if (!p.more)
                return all;
        }
        QTest::qFail("the feed did not end within 100 pages", __FILE__, __LINE__);
        return all;
    }

    /// The review of `inspectionId` in the feed of `username`, if the feed sends it.
    std::optional<Review> pulledReview(const std::string &username, const std::string &id)
    {
        for (const auto &item : pullAll(username).items)
            if (item.type == wire::kReview && item.id == id)
                return decode<Review>(item.data);
        return std::nullopt;
    }

    std::int64_t treeSize()
    {
        const auto head = pullAll("olga").tree_head;
        return head ? head->tree_size : 0;
    }

    void push(const std::string &username, const PushCandidate &c)
    {
        const auto results = m_sync->applyPush(m_who.at(username), {c});
        QCOMPARE(results.size(), std::size_t(1));
        QCOMPARE(results.front().status, PushStatus::Stored);
    }

  private slots:
    void initTestCase()
    {
        FP_START_STORE_BACKEND(m_backend);
        m_signer =
            std::make_unique<TreeHeadSigner>(OfficeKey::fromSeed(seed()), SystemClock::instance());
    }

    void init()
    {
        QVERIFY2(m_backend->newOffice(kSeed), qPrintable(m_backend->errorText()));
        m_accounts = m_backend->openAccounts();
        m_sync = m_backend->openSync(m_signer.get());
        m_reviews = m_backend->openReviews(m_signer.get());
        const std::vector<std::tuple<std::string, Role, ScopeSpec>> users{
            {"ann", Role::Inspector, ScopeSpec{{"east"}, {}}},
            {"bob", Role::Inspector, ScopeSpec{{"West"}, {}}},
            {"olga", Role::Office, ScopeSpec{}}};
        m_who.clear();
        for (const auto &[name, role, scope] : users) {
            m_accounts->addUser(UserAccount{"u-" + name, name, role, "hash"}, scope);
            m_accounts->addDevice(DeviceInfo{"d-" + name, "u-" + name, "tablet of " + name, kAt,
                                             std::nullopt, std::nullopt},
                                  "token-" + name);
            const auto principal = m_accounts->findByTokenHash("token-" + name);
            QVERIFY(principal);
            m_who.emplace(name, *principal);
        }
        push("ann", candidate("i-1", "e-1"));
        push("bob", candidate("i-2", "e-2"));
        push("ann", candidate("i-draft", "e-1", InspectionState::Draft));
    }

    void cleanup()
    {
        m_reviews.reset();
        m_sync.reset();
        m_accounts.reset();
    }

    void cleanupTestCase()
    {
        m_backend.reset();
        m_signer.reset();
    }

    void aDecisionIsKeptPulledAndLogged()
    {
        QVERIFY(m_reviews->reviewHistory("i-1").empty());
        QCOMPARE(pulledReview("ann", "i-1")->state, ReviewState::Received);
        const std::int64_t size = treeSize();
        QVERIFY(size >= 2); // each final inspection is a leaf

        m_reviews->setReview("i-1", ReviewState::Returned, "photo blurred", kAt, "olga");
        m_reviews->setReview("i-1", ReviewState::Accepted, "", kLater, "olga");
        const auto history = m_reviews->reviewHistory("i-1");
        QCOMPARE(history.size(), std::size_t(2));
        QCOMPARE(history[0].at, std::string(kAt));
        QCOMPARE(history[0].by, std::string("olga"));
        QCOMPARE(history[0].state, ReviewState::Returned);
        QCOMPARE(history[0].reason, std::string("photo blurred"));
        QCOMPARE(history[1].state, ReviewState::Accepted);
        QCOMPARE(history[1].at, std::string(kLater));
        QVERIFY(m_reviews->reviewHistory("i-2").empty());

        // The device in whose scope it is pulls the latest decision; the other does not.
        const auto pulled = pulledReview("ann", "i-1");
        QVERIFY(pulled);
        QCOMPARE(*pulled, (Review{"i-1", ReviewState::Accepted, "", kLater}));
        QVERIFY(!pulledReview("bob", "i-1"));
        QCOMPARE(pulledReview("bob", "i-2")->state, ReviewState::Received);
        // Each decision is one more leaf, under a newly signed head.
        QCOMPARE(treeSize(), size + 2);
    }

    void aDecisionWithoutAName()
    {
        m_reviews->setReview("i-2", ReviewState::Accepted, "", kAt); // the CLI records none
        const auto history = m_reviews->reviewHistory("i-2");
        QCOMPARE(history.size(), std::size_t(1));
        QCOMPARE(history[0].by, std::string());
    }

    void onlyAReceivedFinalInspectionCanBeDecided()
    {
        const std::int64_t logged = m_backend->openPlan()->countRows("change_log");
        const std::int64_t size = treeSize();
        QVERIFY_THROWS_EXCEPTION(
            StoreRuleError,
            m_reviews->setReview("i-draft", ReviewState::Accepted, "", kAt, "olga"));
        QVERIFY_THROWS_EXCEPTION(
            StoreRuleError, m_reviews->setReview("i-none", ReviewState::Accepted, "", kAt, "olga"));
        QVERIFY_THROWS_EXCEPTION(
            StoreRuleError,
            m_reviews->setReview("i-none", ReviewState::Accepted, "", kAt, "olga", 0));
        QVERIFY(m_reviews->reviewHistory("i-draft").empty());
        QVERIFY(m_reviews->reviewHistory("i-none").empty());
        QCOMPARE(m_backend->openPlan()->countRows("change_log"), logged);
        QCOMPARE(treeSize(), size);
    }

    void aStaleDecisionChangesNothing()
    {
        m_reviews->setReview("i-1", ReviewState::Returned, "no sign", kAt, "olga", 0);
        const std::int64_t logged = m_backend->openPlan()->countRows("change_log");
        const std::int64_t size = treeSize();
        try {
            m_reviews->setReview("i-1", ReviewState::Accepted, "", kLater, "zoe", 0);
            QFAIL("a decision on version 0 of a review at version 1 was taken");
        } catch (const StaleVersionError &e) {
            QCOMPARE(e.expected(), std::int64_t(0));
            QCOMPARE(e.current(), std::int64_t(1));
            QCOMPARE(e.last().at, std::string(kAt));
            QCOMPARE(e.last().by, std::string("olga"));
            QCOMPARE(e.last().action, std::string("returned"));
        }
        QCOMPARE(m_reviews->reviewHistory("i-1").size(), std::size_t(1));
        QCOMPARE(pulledReview("ann", "i-1")->state, ReviewState::Returned);
        QCOMPARE(m_backend->openPlan()->countRows("change_log"), logged);
        QCOMPARE(treeSize(), size);

        // On the current version it is taken; an unknown inspection is at version 0.
        m_reviews->setReview("i-1", ReviewState::Accepted, "", kLater, "zoe", 1);
        QCOMPARE(m_reviews->reviewHistory("i-1").size(), std::size_t(2));
        try {
            m_reviews->setReview("i-none", ReviewState::Accepted, "", kAt, "olga", 1);
            QFAIL("a decision on version 1 of no review was taken");
        } catch (const StaleVersionError &e) {
            QCOMPARE(e.current(), std::int64_t(0));
            QCOMPARE(e.last().action, std::string());
        }
    }

    void theHistoryIsAppendOnly()
    {
        m_reviews->setReview("i-1", ReviewState::Returned, "no sign", kAt, "olga");
        QVERIFY(!m_backend->execSql("UPDATE review_history SET reason = 'signed';"));
        QVERIFY(!m_backend->execSql("DELETE FROM review_history;"));
        const auto history = m_reviews->reviewHistory("i-1");
        QCOMPARE(history.size(), std::size_t(1));
        QCOMPARE(history[0].reason, std::string("no sign"));
    }

    void twoClerksOnTwoServersCannotBothDecideOneVersion()
    {
        // Two stores on one database, as two server processes: in each round both clerks decide
        // on the version they saw; exactly one decision is taken, the other is told it is stale.
        std::unique_ptr<ReviewStore> other = m_backend->openReviews(m_signer.get());
        constexpr int kRounds = 12;
        int taken = 0;
        for (int round = 0; round < kRounds; ++round) {
            std::atomic<int> won{0};
            std::atomic<int> stale{0};
            std::atomic<int> failed{0};
            const auto decide = [&](ReviewStore &store, const std::string &clerk) {
                try {
                    store.setReview("i-1",
                                    round % 2 ? ReviewState::Accepted : ReviewState::Returned,
                                    "round " + std::to_string(round), kLater, clerk, round);
                    ++won;
                } catch (const StaleVersionError &) {
                    ++stale;
                } catch (const std::exception &) {
                    ++failed;
                }
            };
            std::thread a([&] { decide(*m_reviews, "olga"); });
            std::thread b([&] { decide(*other, "zoe"); });
            a.join();
            b.join();
            QCOMPARE(failed.load(), 0);
            QCOMPARE(won.load(), 1);
            QCOMPARE(stale.load(), 1);
            ++taken;
        }
        const auto history = other->reviewHistory("i-1");
        QCOMPARE(history.size(), std::size_t(taken));
        for (int round = 0; round < kRounds; ++round)
            QCOMPARE(history[std::size_t(round)].reason, "round " + std::to_string(round));
        QCOMPARE(pulledReview("ann", "i-1")->reason, "round " + std::to_string(kRounds - 1));
        QVERIFY2(m_backend->commitOrderProblem().isEmpty(),
                 qPrintable(m_backend->commitOrderProblem()));
    }
};

QTEST_GUILESS_MAIN(TestReviewContract)
#include "tst_reviewcontract.moc"
