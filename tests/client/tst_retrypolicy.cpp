// The retry policy (DESIGN §4, STYLE §8) as a plain function: which failures are retried,
// how the wait grows, where it is capped, how jitter spreads it, and that the count is bounded.

#include "client/retrypolicy.h"

#include <QTest>

using namespace fp;
using std::chrono::milliseconds;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

  private slots:
    void transientFailures_data();
    void transientFailures();
    void growsExponentiallyUpToTheCap();
    void jitterSpreadsOverTheUpperHalf();
    void attemptsAreBounded();
    void neverRetriesOtherClientErrors();
    void honoursRetryAfterUpToTheCap();
};

void TestRetryPolicy::transientFailures_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("transient");
    QTest::newRow("network error") << 0 << true;
    QTest::newRow("408 timeout") << 408 << true;
    QTest::newRow("429 too many") << 429 << true;
    QTest::newRow("500") << 500 << true;
    QTest::newRow("502") << 502 << true;
    QTest::newRow("503") << 503 << true;
    QTest::newRow("504") << 504 << true;
    QTest::newRow("599") << 599 << true;
    QTest::newRow("200") << 200 << false;
    QTest::newRow("201") << 201 << false;
    QTest::newRow("400") << 400 << false;
    QTest::newRow("401 revoked") << 401 << false;
    QTest::newRow("403 scope") << 403 << false;
    QTest::newRow("404") << 404 << false;
    QTest::newRow("409") << 409 << false;
    QTest::newRow("413") << 413 << false;
    QTest::newRow("422") << 422 << false;
    QTest::newRow("600") << 600 << false;
}

void TestRetryPolicy::transientFailures()
{
    QFETCH(int, status);
    QFETCH(bool, transient);
    QCOMPARE(isTransient(AttemptOutcome{status, std::nullopt}), transient);
    const RetryPolicy policy;
    QCOMPARE(retryDelay(policy, 1, AttemptOutcome{status, std::nullopt}, 0.5).has_value(),
             transient);
}

void TestRetryPolicy::growsExponentiallyUpToTheCap()
{
    const RetryPolicy policy{20, milliseconds(100), milliseconds(3000)};
    const AttemptOutcome network{0, std::nullopt};
    // With jitter 0 the wait is exactly half the (capped) exponential step.
    const long long expected[] = {50, 100, 200, 400, 800, 1500, 1500, 1500};
    for (int i = 0; i < 8; ++i) {
        const auto d = retryDelay(policy, i + 1, network, 0.0);
        QVERIFY(d);
        QCOMPARE(d->count(), expected[i]);
    }
    // Very many failures: no overflow, still the cap.
    const RetryPolicy many{1000, milliseconds(100), milliseconds(3000)};
    QCOMPARE(retryDelay(many, 900, network, 0.999)->count(), 2998);
}

void TestRetryPolicy::jitterSpreadsOverTheUpperHalf()
{
    const RetryPolicy policy{10, milliseconds(1000), milliseconds(60000)};
    const AttemptOutcome busy{503, std::nullopt};
    long long low = 1 << 30, high = 0;
    for (int i = 0; i < 100; ++i) {
        const double jitter = i / 100.0;
        const long long d = retryDelay(policy, 3, busy, jitter)->count(); // step 4000 ms
        low = std::min(low, d);
        high = std::max(high, d);
        QVERIFY2(d >= 2000 && d < 4000, qPrintable(QString::number(d)));
    }
    QCOMPARE(low, 2000);
    QVERIFY(high >= 3900); // the whole upper half is used: tablets do not retry in lockstep
    // Out-of-range jitter is clamped, never a wait beyond the step.
    QCOMPARE(retryDelay(policy, 3, busy, 7.0)->count(), 4000);
    QCOMPARE(retryDelay(policy, 3, busy, -1.0)->count(), 2000);
}

void TestRetryPolicy::attemptsAreBounded()
{
    const RetryPolicy policy{4, milliseconds(10), milliseconds(100)};
    const AttemptOutcome network{0, std::nullopt};
    QVERIFY(retryDelay(policy, 1, network, 0.5));
    QVERIFY(retryDelay(policy, 3, network, 0.5));
    QVERIFY(!retryDelay(policy, 4, network, 0.5)); // 4 attempts made: stop
    QVERIFY(!retryDelay(policy, 5, network, 0.5));
    QVERIFY(!retryDelay(policy, 0, network, 0.5)); // nothing failed yet: nothing to wait for
    const RetryPolicy once{1, milliseconds(10), milliseconds(100)};
    QVERIFY(!retryDelay(once, 1, network, 0.5)); // a policy of one attempt never retries
}

void TestRetryPolicy::neverRetriesOtherClientErrors()
{
    const RetryPolicy policy;
    for (int status = 400; status < 500; ++status) {
        if (status == 408 || status == 429)
            continue;
        QVERIFY2(!retryDelay(policy, 1, AttemptOutcome{status, 5}, 0.5),
                 qPrintable(QString::number(status)));
    }
}

void TestRetryPolicy::honoursRetryAfterUpToTheCap()
{
    const RetryPolicy policy{6, milliseconds(100), milliseconds(10000)};
    QCOMPARE(retryDelay(policy, 1, AttemptOutcome{429, 3}, 0.0)->count(), 3000);
    QCOMPARE(retryDelay(policy, 1, AttemptOutcome{503, 3600}, 0.0)->count(), 10000);
    // A Retry-After shorter than the backoff does not shorten it.
    QCOMPARE(retryDelay(policy, 6 - 1, AttemptOutcome{503, 0}, 0.0)->count(), 800);
}

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
