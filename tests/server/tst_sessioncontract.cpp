// The SessionStore contract (issue 18 item 1): the web page's sessions (webapi/websessions.h)
// and idempotency keys (webapi/idempotency.h) over the office database, one set of test
// functions run once against each back end (storebackend.h: ctest tst_sessioncontract on
// SQLite and, label postgresql, tst_sessioncontract_postgresql). Time is a ManualClock: the
// idle lifetime, its extension on every use, expired versus unknown, sign-out and the end of
// every session of an account. The last functions run two stores on one database, as two
// server processes behind a proxy without sticky sessions do, and the device list's last sync
// (AccountStore::noteDeviceSeen).

#include "contractkit.h"

#include "core/clock.h"
#include "fulldisk.h"
#include "server/domain/credentials.h"
#include "server/storage/sqliteofficestore.h"
#include "server/webapi/idempotency.h"
#include "server/webapi/websessions.h"

#include <QTemporaryDir>
#include <QTest>

#include <chrono>
#include <tuple>

using namespace fp;
using namespace fp::test;
using namespace std::chrono_literals;

namespace {

constexpr const char *kSeed =
    "INSERT INTO app_user (id, username, password_hash, role) VALUES ('u-1', 'ins', 'x', "
    "'inspector');"
    "INSERT INTO device (id, user_id, name, token_hash, enrolled_at) VALUES ('d-1', 'u-1', "
    "'平板一', 'th-1', '2026-12-01T08:00:00.000Z');";

std::optional<std::string> lastSeen(AccountStore &accounts, const std::string &deviceId)
{
    for (const auto &d : accounts.listDevices()) {
        if (d.device.id == deviceId)
            return d.last_seen_at;
    }
    return std::nullopt;
}

} // namespace

class TestSessionContract : public StoreContractTest
{
    Q_OBJECT

    std::unique_ptr<SessionStore> m_store;
    ManualClock m_clock{TimePoint{}};

  private slots:
    void init()
    {
        m_clock.set(TimePoint{} + 490000h); // 2025
        QVERIFY2(m_backend->newOffice(kSeed), qPrintable(m_backend->errorText()));
        m_store = m_backend->openSessions();
    }

    void cleanup() { m_store.reset(); }

    void aSessionIsFoundWithItsRoleAndToken()
    {
        WebSessions sessions(*m_store, m_clock, 60s);
        QCOMPARE(sessions.lifetime(), 60s);
        const auto [cookie, created] = sessions.create("office", Role::Office);
        QCOMPARE(cookie.size(), std::size_t(64));
        QCOMPARE(created.csrf_token.size(), std::size_t(64));
        QVERIFY(cookie != created.csrf_token);
        QCOMPARE(created.expires, m_clock.now() + 60s);
        const auto [lookup, found] = sessions.find(cookie);
        QVERIFY(lookup == WebSessions::Lookup::Found);
        QCOMPARE(found.username, std::string("office"));
        QVERIFY(found.role == Role::Office);
        QCOMPARE(found.csrf_token, created.csrf_token);
        // Two sign-ins are two sessions.
        const auto [other, otherSession] = sessions.create("office", Role::Office);
        QVERIFY(other != cookie);
        QVERIFY(otherSession.csrf_token != created.csrf_token);
        QVERIFY(sessions.find(std::string(64, 'a')).first == WebSessions::Lookup::Unknown);
        QVERIFY(sessions.find("").first == WebSessions::Lookup::Unknown);
        QVERIFY(sessions.create("root", Role::Admin).second.role == Role::Admin);
    }

    void onlyTheHashOfTheCookieIsStored()
    {
        WebSessions sessions(*m_store, m_clock, 60s);
        const std::string cookie = sessions.create("office", Role::Office).first;
        StoredSession out;
        QVERIFY(m_store->touchSession(cookie, m_clock.now(), m_clock.now() + 60s, m_clock.now(),
                                      out) == SessionStore::Lookup::Unknown);
        QVERIFY(m_store->touchSession(deviceTokenHash(cookie), m_clock.now(), m_clock.now() + 60s,
                                      m_clock.now(), out) == SessionStore::Lookup::Found);
    }

    void idleSessionsExpire()
    {
        WebSessions sessions(*m_store, m_clock, 1s);
        const std::string cookie = sessions.create("office", Role::Office).first;
        m_clock.advance(999ms);
        QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Found);
        m_clock.advance(1000ms); // one idle second after the last use
        QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Expired);
        // Told once: afterwards the session is gone.
        QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Unknown);
    }

    void everyUseExtendsTheLifetime()
    {
        WebSessions sessions(*m_store, m_clock, 30s);
        const std::string cookie = sessions.create("admin", Role::Admin).first;
        for (int i = 0; i < 10; ++i) {
            m_clock.advance(20s);
            const auto [lookup, session] = sessions.find(cookie);
            QVERIFY(lookup == WebSessions::Lookup::Found);
            QCOMPARE(session.expires, m_clock.now() + 30s);
        }
        m_clock.advance(30s);
        QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Expired);
    }

    void aBusyPageWritesTheExpiryAtMostOnceAMinute()
    {
        WebSessions sessions(*m_store, m_clock, 8h);
        const TimePoint t0 = m_clock.now();
        const std::string cookie = sessions.create("office", Role::Office).first;
        m_clock.advance(59s);
        auto [lookup, session] = sessions.find(cookie);
        QVERIFY(lookup == WebSessions::Lookup::Found);
        QCOMPARE(session.expires, t0 + 8h); // not moved: within the minute
        m_clock.advance(2s);
        std::tie(lookup, session) = sessions.find(cookie);
        QCOMPARE(session.expires, m_clock.now() + 8h);
        // Idle for the whole lifetime after the last write: ended.
        m_clock.set(session.expires);
        QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Expired);
    }

    // Issue 17 on the office: a full disk refuses writes, and the page's reads keep working. A
    // session's courtesy writes (its expiry moved on, an expired row dropped) must not turn a
    // read into an error. SQLite only (the office on a local disk); the full disk is injected
    // (RLIMIT_FSIZE 0), so that every write fails, even one SQLite could fit in its WAL.
    void aFullDiskKeepsSessionsReadable()
    {
        if (m_backend->name() != QStringLiteral("sqlite"))
            QSKIP("the office's own disk: the SQLite store");
        qputenv("FIELDPROOF_FULLDISK_INJECT", "1");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::filesystem::path folder = dir.filePath(QStringLiteral("office")).toStdString();
        test::FullDisk disk(folder, std::int64_t{4} << 20);
        qunsetenv("FIELDPROOF_FULLDISK_INJECT");
        SqliteOfficeStore store(folder / "office.db");
        WebSessions sessions(store, m_clock, 8h);
        const TimePoint t0 = m_clock.now();
        const std::string cookie = sessions.create("office", Role::Office).first;
        const std::string other = sessions.create("li", Role::Office).first;

        QVERIFY2(disk.fill(), disk.how().c_str());
        QVERIFY_THROWS_EXCEPTION(StoreError, sessions.create("wang", Role::Office));
        m_clock.advance(2min); // the expiry is due to move on: a write the disk refuses
        const auto [lookup, session] = sessions.find(cookie);
        QVERIFY(lookup == WebSessions::Lookup::Found);
        QCOMPARE(session.expires, t0 + 8h); // not moved on, still valid
        m_clock.set(t0 + 8h);
        QVERIFY(sessions.find(other).first == WebSessions::Lookup::Expired); // row kept

        QVERIFY(disk.release());
        m_clock.set(t0 + 8h - 1min); // still within the lifetime it had
        QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Found);
    }

    void signOutAndPasswordResetEndSessions()
    {
        WebSessions sessions(*m_store, m_clock, 60s);
        const std::string mine = sessions.create("office", Role::Office).first;
        const std::string clerk1 = sessions.create("clerk", Role::Office).first;
        const std::string clerk2 = sessions.create("clerk", Role::Office).first;
        sessions.remove(mine);
        QVERIFY(sessions.find(mine).first == WebSessions::Lookup::Unknown);
        QCOMPARE(sessions.removeUser("clerk"), std::size_t(2));
        QVERIFY(sessions.find(clerk1).first == WebSessions::Lookup::Unknown);
        QVERIFY(sessions.find(clerk2).first == WebSessions::Lookup::Unknown);
        QCOMPARE(sessions.removeUser("clerk"), std::size_t(0));
    }

    void expiredSessionsArePurgedInBoundedBatches()
    {
        WebSessions sessions(*m_store, m_clock, 10s);
        std::vector<std::string> cookies;
        const int n = SessionStore::kPurgeBatch + 20;
        for (int i = 0; i < n; ++i)
            cookies.push_back(sessions.create("clerk", Role::Office).first);
        m_clock.advance(11s);                    // all expired
        sessions.create("office", Role::Office); // purges one batch
        int expired = 0;
        int unknown = 0;
        for (const auto &c : cookies) {
            const auto lookup = sessions.find(c).first;
            expired += lookup == WebSessions::Lookup::Expired ? 1 : 0;
            unknown += lookup == WebSessions::Lookup::Unknown ? 1 : 0;
        }
        QCOMPARE(unknown, SessionStore::kPurgeBatch); // purged: not seen any more
        QCOMPARE(expired, n - SessionStore::kPurgeBatch);
    }

    void aFloodOfSignInsEndsTheSessionsClosestToExpiry()
    {
        StoredSession s{"clerk", Role::Office, "t", m_clock.now() + 60s};
        const TimePoint now = m_clock.now();
        for (int i = 0; i < 5; ++i) {
            s.expires = now + std::chrono::seconds(60 + i);
            m_store->addSession("h" + std::to_string(i), s, now, 3);
        }
        StoredSession out;
        int held = 0;
        for (int i = 0; i < 5; ++i) {
            if (m_store->touchSession("h" + std::to_string(i), now, s.expires, now, out) ==
                SessionStore::Lookup::Found)
                ++held;
        }
        QCOMPARE(held, 3);
        QVERIFY(m_store->touchSession("h4", now, s.expires, now, out) ==
                SessionStore::Lookup::Found);
        QVERIFY(m_store->touchSession("h0", now, s.expires, now, out) ==
                SessionStore::Lookup::Unknown);
    }

    void aKeyRunsOnceThenReplays()
    {
        IdempotencyCache keys(*m_store, m_clock);
        IdempotencyCache::Answer answer;
        QVERIFY(keys.begin("clerk", "k1", "POST /cards abc", answer) ==
                IdempotencyCache::Begin::Run);
        QVERIFY(keys.begin("clerk", "k1", "POST /cards abc", answer) ==
                IdempotencyCache::Begin::Running);
        // Another user's key of the same name is theirs.
        QVERIFY(keys.begin("other", "k1", "POST /cards abc", answer) ==
                IdempotencyCache::Begin::Run);
        std::string body = "{\"id\":\"c-1\",\"name\":\"红\"}";
        body.push_back('\0'); // kept byte for byte, even what JSON text would not hold
        body.append("tail");
        keys.finish("clerk", "k1", {201, body, "application/json"});
        QVERIFY(keys.begin("clerk", "k1", "POST /cards abc", answer) ==
                IdempotencyCache::Begin::Replay);
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.body, body); // byte for byte
        QCOMPARE(answer.content_type, std::string("application/json"));
        QVERIFY(keys.begin("clerk", "k1", "POST /tasks abc", answer) ==
                IdempotencyCache::Begin::Mismatch);
    }

    void anAbandonedKeyRunsAgain()
    {
        IdempotencyCache keys(*m_store, m_clock);
        IdempotencyCache::Answer answer;
        QVERIFY(keys.begin("clerk", "k", "f", answer) == IdempotencyCache::Begin::Run);
        keys.abandon("clerk", "k");
        QVERIFY(keys.begin("clerk", "k", "f2", answer) == IdempotencyCache::Begin::Run);
    }

    void keysAreForgottenAfterADayAndDeadClaimsFreed()
    {
        IdempotencyCache keys(*m_store, m_clock);
        IdempotencyCache::Answer answer;
        QVERIFY(keys.begin("clerk", "done", "f", answer) == IdempotencyCache::Begin::Run);
        keys.finish("clerk", "done", {200, "{}", "application/json"});
        QVERIFY(keys.begin("clerk", "dead", "f", answer) == IdempotencyCache::Begin::Run);
        m_clock.advance(IdempotencyCache::kDeadAfter - 1s);
        QVERIFY(keys.begin("clerk", "dead", "f", answer) == IdempotencyCache::Begin::Running);
        m_clock.advance(1s); // its server died mid-request: free again
        QVERIFY(keys.begin("clerk", "dead", "f", answer) == IdempotencyCache::Begin::Run);
        QVERIFY(keys.begin("clerk", "done", "f", answer) == IdempotencyCache::Begin::Replay);
        m_clock.advance(IdempotencyCache::kKeepFor);
        QVERIFY(keys.begin("clerk", "done", "other", answer) == IdempotencyCache::Begin::Run);
    }

    // Two servers on one database (no sticky sessions): each sees the other's sessions and keys.
    void twoServersShareSessionsAndSignOut()
    {
        const auto second = m_backend->openSessions();
        WebSessions a(*m_store, m_clock, 60s);
        WebSessions b(*second, m_clock, 60s);
        const auto [cookie, created] = a.create("clerk", Role::Office);
        const auto [lookup, found] = b.find(cookie);
        QVERIFY(lookup == WebSessions::Lookup::Found);
        QCOMPARE(found.csrf_token, created.csrf_token);
        // A use on one server extends the session for the other.
        m_clock.advance(50s);
        QVERIFY(b.find(cookie).first == WebSessions::Lookup::Found);
        m_clock.advance(50s);
        QVERIFY(a.find(cookie).first == WebSessions::Lookup::Found);
        // Sign-out on one ends it on the other; a password reset on one ends them all.
        b.remove(cookie);
        QVERIFY(a.find(cookie).first == WebSessions::Lookup::Unknown);
        const std::string c1 = a.create("clerk", Role::Office).first;
        const std::string c2 = b.create("clerk", Role::Office).first;
        QCOMPARE(b.removeUser("clerk"), std::size_t(2));
        QVERIFY(a.find(c1).first == WebSessions::Lookup::Unknown);
        QVERIFY(a.find(c2).first == WebSessions::Lookup::Unknown);
    }

    void twoServersShareIdempotencyKeys()
    {
        const auto second = m_backend->openSessions();
        IdempotencyCache a(*m_store, m_clock);
        IdempotencyCache b(*second, m_clock);
        IdempotencyCache::Answer answer;
        QVERIFY(a.begin("clerk", "k", "f", answer) == IdempotencyCache::Begin::Run);
        QVERIFY(b.begin("clerk", "k", "f", answer) == IdempotencyCache::Begin::Running);
        a.finish("clerk", "k", {201, "{\"ok\":true}", "application/json"});
        QVERIFY(b.begin("clerk", "k", "f", answer) == IdempotencyCache::Begin::Replay);
        QCOMPARE(answer.body, std::string("{\"ok\":true}"));
        QVERIFY(b.begin("clerk", "k", "g", answer) == IdempotencyCache::Begin::Mismatch);
    }

    void aDeviceIsSeenAtMostOnceAMinute()
    {
        const auto accounts = m_backend->openAccounts();
        const auto other = m_backend->openAccounts();
        QCOMPARE(lastSeen(*accounts, "d-1"), std::optional<std::string>());
        const TimePoint t0 = m_clock.now();
        accounts->noteDeviceSeen("d-1", t0);
        QCOMPARE(lastSeen(*other, "d-1"), std::optional(formatTimestamp(t0)));
        other->noteDeviceSeen("d-1", t0 + 59s); // within the minute: not written
        QCOMPARE(lastSeen(*accounts, "d-1"), std::optional(formatTimestamp(t0)));
        other->noteDeviceSeen("d-1", t0 + 60s);
        QCOMPARE(lastSeen(*accounts, "d-1"), std::optional(formatTimestamp(t0 + 60s)));
        accounts->noteDeviceSeen("d-9", t0); // unknown: ignored
    }
};

QTEST_GUILESS_MAIN(TestSessionContract)
#include "tst_sessioncontract.moc"
