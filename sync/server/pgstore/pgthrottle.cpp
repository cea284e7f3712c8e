// PgOfficeStore: the sign-in throttle's failures (domain/throttlestore.h), shared by every
// server on the database. A failure is counted by one upsert that increments (two servers
// counting one key at once: PostgreSQL makes the second wait for the first's row and add to
// it, so no count is lost); the bound's purges skip rows another server is purging at the same
// moment (FOR UPDATE SKIP LOCKED), so that they neither wait nor deadlock. The bound may thus be
// passed by a key per server counting at the same moment, never more.

#include "server/pgstore/pgofficestore.h"

namespace fp {

namespace {

std::string millis(TimePoint t)
{
    return std::to_string(throttleMillis(t));
}

} // namespace

SignInFailures PgOfficeStore::addSignInFailure(ThrottleKind kind, const std::string &key,
                                               TimePoint now, const FailureRules &rules)
{
    const PgPool::Lease lease(m_pool);
    const std::string kindName = throttleKindName(kind);
    PgTransaction tx(m_db);
    const bool known =
        m_db.exec("SELECT 1 FROM signin_failure WHERE kind = $1 AND key = $2", {kindName, key})
            .rows() > 0;
    const auto cap = static_cast<std::int64_t>(rules.max_tracked);
    const auto held = [&] {
        return m_db.exec("SELECT count(*) FROM signin_failure WHERE kind = $1", {kindName})
            .integer(0, 0);
    };
    if (!known && held() >= cap) {
        // The bound: keys neither locked nor waiting go first, then the oldest.
        m_db.exec("DELETE FROM signin_failure WHERE kind = $1 AND key IN (SELECT key FROM "
                  "signin_failure WHERE kind = $1 AND last_ms <= $2::bigint AND (failures < "
                  "$3::integer OR last_ms <= $4::bigint) ORDER BY last_ms LIMIT $5::bigint FOR "
                  "UPDATE SKIP LOCKED)",
                  {kindName, millis(rules.wait_over_before), std::to_string(rules.lock_after),
                   millis(rules.lock_over_before), std::to_string(kPruneBatch)});
        if (const std::int64_t left = held(); left >= cap)
            m_db.exec("DELETE FROM signin_failure WHERE kind = $1 AND key IN (SELECT key FROM "
                      "signin_failure WHERE kind = $1 ORDER BY last_ms, key LIMIT $2::bigint FOR "
                      "UPDATE SKIP LOCKED)",
                      {kindName, std::to_string(left - cap + 1)});
    }
    const PgResult counted = m_db.exec(
        "INSERT INTO signin_failure (kind, key, failures, last_ms) VALUES ($1, $2, 1, $3::bigint) "
        "ON CONFLICT (kind, key) DO UPDATE SET failures = CASE WHEN signin_failure.failures >= "
        "$4::integer AND signin_failure.last_ms <= $5::bigint THEN 1 ELSE signin_failure.failures "
        "+ 1 END, last_ms = excluded.last_ms RETURNING failures, last_ms",
        {kindName, key, millis(now), std::to_string(rules.lock_after),
         millis(rules.lock_over_before)});
    const SignInFailures result{static_cast<int>(counted.integer(0, 0)),
                                throttleTime(counted.integer(0, 1))};
    tx.commit();
    return result;
}

std::optional<SignInFailures> PgOfficeStore::signInFailures(ThrottleKind kind,
                                                            const std::string &key)
{
    const PgPool::Lease lease(m_pool);
    const PgResult found =
        m_db.exec("SELECT failures, last_ms FROM signin_failure WHERE kind = $1 AND key = $2",
                  {std::string(throttleKindName(kind)), key});
    if (found.rows() == 0)
        return std::nullopt;
    return SignInFailures{static_cast<int>(found.integer(0, 0)), throttleTime(found.integer(0, 1))};
}

void PgOfficeStore::forgetSignInFailures(ThrottleKind kind, const std::string &key)
{
    const PgPool::Lease lease(m_pool);
    m_db.exec("DELETE FROM signin_failure WHERE kind = $1 AND key = $2",
              {std::string(throttleKindName(kind)), key});
}

} // namespace fp
