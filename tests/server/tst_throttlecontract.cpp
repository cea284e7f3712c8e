// The ThrottleStore contract (issue 18 item 1): the sign-in throttle's failures
// (domain/throttlestore.h) in the office database, one set of test functions run once against
// each back end (storebackend.h: ctest tst_throttlecontract on SQLite and, label postgresql,
// tst_throttlecontract_postgresql). A failure is counted and read back per kind and key; a lock
// that ran out counts from one again; two stores on one database (two server processes)
// counting one key at once lose no count; the table keeps its bound, forgettable keys first;
// and SignInThrottle on two stores sees one lock, which an admin on either lifts.

#include "contractkit.h"
#include "storebackend.h"

#include "core/clock.h"
#include "server/domain/signinthrottle.h"

#include <QTest>

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>
#include <vector>

using namespace fp;
using namespace fp::test;
using namespace std::chrono_literals;

class TestThrottleContract : public QObject
{
    Q_OBJECT

    std::unique_ptr<StoreBackend> m_backend;
    std::unique_ptr<ThrottleStore> m_store;
    ManualClock m_clock{TimePoint{}};

    /// The rules SignInThrottle's default policy gives at `now` (lock after 10 for an hour,
    /// waits up to 15 minutes), with `maxTracked` keys per kind.
    static FailureRules rules(TimePoint now, std::size_t maxTracked = 10000)
    {
        return FailureRules{10, now - 1h, now - 15min, maxTracked};
    }

    int held(ThrottleKind kind)
    {
        return static_cast<int>(
            m_backend->scalar(std::string("SELECT count(*) FROM signin_failure WHERE kind = '") +
                              throttleKindName(kind) + "'"));
    }

  private slots:
    void initTestCase() { FP_START_STORE_BACKEND(m_backend); }

    void init()
    {
        m_clock.set(TimePoint{} + 490000h); // 2025
        QVERIFY2(m_backend->newOffice(kEmptyOffice), qPrintable(m_backend->errorText()));
        m_store = m_backend->openThrottle();
    }

    void cleanup() { m_store.reset(); }

    void cleanupTestCase() { m_backend.reset(); }

    void failuresAreCountedPerKindAndKey()
    {
        const TimePoint t0 = m_clock.now();
        QVERIFY(!m_store->signInFailures(ThrottleKind::Account, "office"));
        for (int i = 1; i <= 3; ++i) {
            m_clock.advance(1500ms);
            const auto counted = m_store->addSignInFailure(ThrottleKind::Account, "office",
                                                           m_clock.now(), rules(m_clock.now()));
            QCOMPARE(counted.count, i);
            QCOMPARE(throttleMillis(counted.last), throttleMillis(m_clock.now())); // ms kept
        }
        const auto read = m_store->signInFailures(ThrottleKind::Account, "office");
        QVERIFY(read);
        QCOMPARE(read->count, 3);
        QCOMPARE(throttleMillis(read->last), throttleMillis(t0 + 4500ms));
        // The same text as an address, or another name, is another key.
        QVERIFY(!m_store->signInFailures(ThrottleKind::Address, "office"));
        QVERIFY(!m_store->signInFailures(ThrottleKind::Account, "Office"));
        QCOMPARE(m_store
                     ->addSignInFailure(ThrottleKind::Address, "office", m_clock.now(),
                                        rules(m_clock.now()))
                     .count,
                 1);
        // Forgetting one key leaves the other.
        m_store->forgetSignInFailures(ThrottleKind::Account, "office");
        QVERIFY(!m_store->signInFailures(ThrottleKind::Account, "office"));
        QCOMPARE(m_store->signInFailures(ThrottleKind::Address, "office")->count, 1);
        m_store->forgetSignInFailures(ThrottleKind::Account, "no-such-name"); // not an error
    }

    void aLockThatRanOutCountsFromOne()
    {
        for (int i = 0; i < 10; ++i)
            m_store->addSignInFailure(ThrottleKind::Account, "zhang", m_clock.now(),
                                      rules(m_clock.now()));
        // Still locked (59 minutes on): the count goes on.
        m_clock.advance(59min);
        QCOMPARE(m_store
                     ->addSignInFailure(ThrottleKind::Account, "zhang", m_clock.now(),
                                        rules(m_clock.now()))
                     .count,
                 11);
        // An hour after the last failure the lock ran out: the next failure is the first.
        m_clock.advance(1h);
        QCOMPARE(m_store
                     ->addSignInFailure(ThrottleKind::Account, "zhang", m_clock.now(),
                                        rules(m_clock.now()))
                     .count,
                 1);
        // Below the lock, time alone starts nothing again.
        m_clock.advance(5h);
        QCOMPARE(m_store
                     ->addSignInFailure(ThrottleKind::Account, "zhang", m_clock.now(),
                                        rules(m_clock.now()))
                     .count,
                 2);
    }

    // Two server processes counting guesses at one account at the same moment: every failure
    // is counted once (each one's new count is a different number, and they sum up).
    void twoStoresCountingAtOnceLoseNoCount()
    {
        const auto second = m_backend->openThrottle();
        constexpr int kEach = 60;
        const TimePoint now = m_clock.now();
        std::vector<int> seenA;
        std::vector<int> seenB;
        const auto count = [now](ThrottleStore &store, std::vector<int> &seen) {
            for (int i = 0; i < kEach; ++i)
                seen.push_back(
                    store.addSignInFailure(ThrottleKind::Account, "admin", now, rules(now)).count);
        };
        std::thread a(count, std::ref(*m_store), std::ref(seenA));
        std::thread b(count, std::ref(*second), std::ref(seenB));
        a.join();
        b.join();
        QCOMPARE(m_store->signInFailures(ThrottleKind::Account, "admin")->count, 2 * kEach);
        QCOMPARE(second->signInFailures(ThrottleKind::Account, "admin")->count, 2 * kEach);
        std::set<int> all(seenA.begin(), seenA.end());
        all.insert(seenB.begin(), seenB.end());
        QCOMPARE(all.size(), std::size_t(2 * kEach));
        QCOMPARE(*all.begin(), 1);
        QCOMPARE(*all.rbegin(), 2 * kEach);
    }

    // A flood of random names cannot grow the table without end: at the bound, keys neither
    // locked nor waiting are forgotten first, then the oldest; a known key is counted without
    // forgetting any; each kind has its own bound.
    void theTableKeepsItsBound()
    {
        const auto add = [this](const std::string &key) {
            return m_store->addSignInFailure(ThrottleKind::Account, key, m_clock.now(),
                                             rules(m_clock.now(), 5));
        };
        for (int i = 0; i < 10; ++i)
            add("locked"); // locked for an hour from t0
        m_clock.advance(1s);
        add("stale"); // one failure: no wait after 15 minutes
        m_clock.advance(20min);
        add("fresh-1");
        add("fresh-2");
        add("fresh-3");
        m_store->addSignInFailure(ThrottleKind::Address, "10.0.0.1", m_clock.now(),
                                  rules(m_clock.now(), 5));
        QCOMPARE(held(ThrottleKind::Account), 5);
        // A sixth name: the stale key goes, the older lock stays.
        add("new-1");
        QCOMPARE(held(ThrottleKind::Account), 5);
        QVERIFY(!m_store->signInFailures(ThrottleKind::Account, "stale"));
        QVERIFY(m_store->signInFailures(ThrottleKind::Account, "locked"));
        // A known name is counted, nothing forgotten.
        QCOMPARE(add("fresh-1").count, 2);
        QCOMPARE(held(ThrottleKind::Account), 5);
        // Nothing forgettable left: the oldest goes (here the lock).
        add("new-2");
        QCOMPARE(held(ThrottleKind::Account), 5);
        QVERIFY(!m_store->signInFailures(ThrottleKind::Account, "locked"));
        QVERIFY(m_store->signInFailures(ThrottleKind::Account, "new-2"));
        // A flood: the bound holds, the addresses are untouched.
        for (int i = 0; i < 40; ++i)
            add("flood-" + std::to_string(i));
        QCOMPARE(held(ThrottleKind::Account), 5);
        QCOMPARE(held(ThrottleKind::Address), 1);
    }

    // The throttle on two servers: wrong passwords at one lock the name at the other, and an
    // admin's unlock at either lifts it for both.
    void twoThrottlesOnOneDatabaseSeeOneLock()
    {
        const auto second = m_backend->openThrottle();
        SignInThrottle one(*m_store, m_clock);
        SignInThrottle two(*second, m_clock);
        const std::string addr = "10.0.0.7";
        for (int i = 0; i < 10; ++i) {
            // Each guess goes to the other server than the one before, and waits as told there.
            SignInThrottle &at = i % 2 == 0 ? one : two;
            SignInThrottle &other = i % 2 == 0 ? two : one;
            const auto v = at.check("office", addr);
            QCOMPARE(other.check("office", addr).wait.count(), v.wait.count());
            QVERIFY(!v.locked);
            m_clock.advance(v.wait);
            at.failed("office", addr);
        }
        const auto locked = two.check("office", addr);
        QVERIFY(locked.locked);
        QCOMPARE(locked.wait.count(), 3600);
        QVERIFY(one.isLocked("office"));
        two.unlock("office");
        QVERIFY(!one.isLocked("office"));
        QVERIFY(!one.check("office", addr).locked);
        // A right password at one server forgets the failures at both.
        for (int i = 0; i < 4; ++i)
            one.failed("admin", addr);
        two.succeeded("admin", addr);
        one.failed("admin", addr);
        QCOMPARE(two.check("admin", addr).wait.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestThrottleContract)
#include "tst_throttlecontract.moc"
