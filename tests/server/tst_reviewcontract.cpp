// The ReviewStore contract (issue 18 item 2): one set of test functions, run once against each
// back end (storebackend.h: ctest tst_reviewcontract on SQLite and, label postgresql,
// tst_reviewcontract_postgresql). Only the ports are used: accounts through AccountStore, the
// pushed inspections and the pull through SyncStore, the decisions through ReviewStore, each a
// store of its own on the one database, as separate server processes are. The last function
// runs two clerks on two stores at once.

#include "contractkit.h"

#include "core/clock.h"
#include "protocol/recordtype.h"
#include "server/domain/pullcursor.h"

#include <QTest>

#include <atomic>
#include <map>
#include <thread>

using namespace fp;
using namespace fp::test;

namespace {

// Two towns with an enterprise each (kTwoTowns), listed in the change log as the plan import
// lists them.
const std::string kSeed = std::string(kTwoTowns) + R"sql(
INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees) VALUES
  ('region', 'r-e', 'r-e', '', ''), ('region', 'r-w', 'r-w', '', ''),
  ('enterprise', 'e-1', 'r-e', 'e-1', ''), ('enterprise', 'e-2', 'r-w', 'e-2', '');
)sql";

constexpr const char *kAt = "2026-12-03T08:00:00.000Z";
constexpr const char *kLater = "2026-12-03T09:30:00.000Z";

PushCandidate candidate(const std::string &id, const std::string &enterprise,
                        InspectionState state = InspectionState::Final)
{
    return PushCandidate{
        inspectionItem(id, enterprise, state, R"({"id":")" + id + R"(","content":"a"})", kAt, kAt),
        std::nullopt, std::nullopt};
}

} // namespace

class TestReviewContract : public PushContractTest
{
    Q_OBJECT

    const TreeHeadSigner m_signer{OfficeKey::fromSeed(keySeed(5, 3)), SystemClock::instance()};
    std::unique_ptr<ReviewStore> m_reviews;

    /// The whole feed for `username` from nothing (at most 100 pages).
    PullPage pullAll(const std::string &username)
    {
        return fp::test::pullAll(*m_sync, m_who.at(username).user);
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
    void init()
    {
        QVERIFY(openPushOffice(kSeed, annBobOlga(), kAt, &m_signer));
        m_reviews = m_backend->openReviews(&m_signer);
        push("ann", candidate("i-1", "e-1"));
        push("bob", candidate("i-2", "e-2"));
        push("ann", candidate("i-draft", "e-1", InspectionState::Draft));
    }

    void cleanup()
    {
        m_reviews.reset();
        closePushOffice();
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
        std::unique_ptr<ReviewStore> other = m_backend->openReviews(&m_signer);
        constexpr int kRounds = 12;
        int taken = 0;
        for (int round = 0; round < kRounds; ++round) {
            const auto decide = [&](ReviewStore &store, const std::string &clerk) {
                store.setReview("i-1", round % 2 ? ReviewState::Accepted : ReviewState::Returned,
                                "round " + std::to_string(round), kLater, clerk, round);
            };
            RaceTally<StaleVersionError> tally;
            tally.race([&] { decide(*m_reviews, "olga"); }, [&] { decide(*other, "zoe"); });
            QVERIFY2(tally.failed == 0, tally.firstFailure().c_str());
            QCOMPARE(tally.done.load(), 1);
            QCOMPARE(tally.refused.load(), 1);
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
