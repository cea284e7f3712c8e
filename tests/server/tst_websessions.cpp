// The web page's sessions on their own (sync/server/webapi/websessions.h) on a ManualClock: the
// idle lifetime, its extension on every use, expired versus unknown, sign-out and the end of
// every session of an account. No process, no network, no waiting.

#include "core/clock.h"
#include "server/webapi/websessions.h"

#include <QtTest>

#include <chrono>

using namespace fp;
using namespace std::chrono_literals;

class TestWebSessions : public QObject
{
    Q_OBJECT

  private slots:
    void init() { m_clock.set(TimePoint{} + 1000h); }

    void aSessionIsFoundWithItsRoleAndToken();
    void idleSessionsExpire();
    void everyUseExtendsTheLifetime();
    void signOutAndPasswordResetEndSessions();

  private:
    ManualClock m_clock{TimePoint{}};
};

void TestWebSessions::aSessionIsFoundWithItsRoleAndToken()
{
    WebSessions sessions(m_clock, 60s);
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
}

void TestWebSessions::idleSessionsExpire()
{
    WebSessions sessions(m_clock, 1s);
    const std::string cookie = sessions.create("office", Role::Office).first;
    m_clock.advance(999ms);
    QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Found);
    m_clock.advance(1000ms); // one idle second after the last use
    QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Expired);
    // Told once: afterwards the session is gone.
    QVERIFY(sessions.find(cookie).first == WebSessions::Lookup::Unknown);
}

void TestWebSessions::everyUseExtendsTheLifetime()
{
    WebSessions sessions(m_clock, 30s);
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

void TestWebSessions::signOutAndPasswordResetEndSessions()
{
    WebSessions sessions(m_clock, 60s);
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

QTEST_GUILESS_MAIN(TestWebSessions)
#include "tst_websessions.moc"
