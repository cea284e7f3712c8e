// The sign-in throttle's failures on SQLite (domain/throttlestore.h). SQLite has one writer at a
// time, so each method's statements run in one transaction without further care; the
// statements are those of the PostgreSQL store (pgthrottle.cpp) where both dialects agree.

#include "server/storage/sqliteofficestore.h"

namespace fp {

SignInFailures SqliteOfficeStore::addSignInFailure(ThrottleKind kind, const std::string &key,
                                                   TimePoint now, const FailureRules &rules)
{
    std::lock_guard lock(m_mutex);
    const std::string kindName = throttleKindName(kind);
    Transaction tx(m_db);
    Statement known(m_db, "SELECT 1 FROM signin_failure WHERE kind = ? AND key = ?");
    const bool isKnown = known.bind(1, kindName).bind(2, key).step();
    known.reset();
    const auto cap = static_cast<std::int64_t>(rules.max_tracked);
    const auto held = [&] {
        Statement count(m_db, "SELECT count(*) FROM signin_failure WHERE kind = ?");
        count.bind(1, kindName).step();
        return count.integer(0);
    };
    if (!isKnown && held() >= cap) {
        // The bound: keys neither locked nor waiting go first, then the oldest.
        Statement forget(m_db, "DELETE FROM signin_failure WHERE kind = ?1 AND key IN (SELECT key "
                               "FROM signin_failure WHERE kind = ?1 AND last_ms <= ?2 AND "
                               "(failures < ?3 OR last_ms <= ?4) ORDER BY last_ms LIMIT ?5)");
        forget.bind(1, kindName)
            .bind(2, throttleMillis(rules.wait_over_before))
            .bind(3, rules.lock_after)
            .bind(4, throttleMillis(rules.lock_over_before))
            .bind(5, kPruneBatch)
            .exec();
        if (const std::int64_t left = held(); left >= cap) {
            Statement oldest(m_db, "DELETE FROM signin_failure WHERE kind = ?1 AND key IN (SELECT "
                                   "key FROM signin_failure WHERE kind = ?1 ORDER BY last_ms, key "
                                   "LIMIT ?2)");
            oldest.bind(1, kindName).bind(2, left - cap + 1).exec();
        }
    }
    Statement add(m_db, "INSERT INTO signin_failure (kind, key, failures, last_ms) VALUES (?1, ?2, "
                        "1, ?3) ON CONFLICT (kind, key) DO UPDATE SET failures = CASE WHEN "
                        "signin_failure.failures >= ?4 AND signin_failure.last_ms <= ?5 THEN 1 "
                        "ELSE signin_failure.failures + 1 END, last_ms = excluded.last_ms "
                        "RETURNING failures, last_ms");
    add.bind(1, kindName)
        .bind(2, key)
        .bind(3, throttleMillis(now))
        .bind(4, rules.lock_after)
        .bind(5, throttleMillis(rules.lock_over_before));
    add.step();
    const SignInFailures counted{static_cast<int>(add.integer(0)), throttleTime(add.integer(1))};
    add.reset();
    tx.commit();
    return counted;
}

std::optional<SignInFailures> SqliteOfficeStore::signInFailures(ThrottleKind kind,
                                                                const std::string &key)
{
    std::lock_guard lock(m_mutex);
    Statement find(m_db, "SELECT failures, last_ms FROM signin_failure WHERE kind = ? AND key = ?");
    if (!find.bind(1, throttleKindName(kind)).bind(2, key).step())
        return std::nullopt;
    return SignInFailures{static_cast<int>(find.integer(0)), throttleTime(find.integer(1))};
}

void SqliteOfficeStore::forgetSignInFailures(ThrottleKind kind, const std::string &key)
{
    std::lock_guard lock(m_mutex);
    Statement drop(m_db, "DELETE FROM signin_failure WHERE kind = ? AND key = ?");
    drop.bind(1, throttleKindName(kind)).bind(2, key).exec();
}

} // namespace fp
