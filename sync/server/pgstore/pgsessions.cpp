// PgOfficeStore: the web page's sessions and idempotency keys (sessionstore.h), shared by every
// server on the database. Each lookup, claim and change is one statement, atomic on its own
// (no transaction spans a decision another server could slip into); the purges skip rows another
// server is purging at the same moment (FOR UPDATE SKIP LOCKED), so that they neither wait nor
// deadlock.

#include "server/pgstore/pgofficestore.h"

namespace fp {

namespace {

std::string millis(TimePoint t)
{
    return std::to_string(sessionMillis(t));
}

} // namespace

void PgOfficeStore::addSession(const std::string &idHash, const StoredSession &session,
                               TimePoint now, std::size_t maxSessions)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    m_db.exec("DELETE FROM web_session WHERE id_hash IN (SELECT id_hash FROM web_session WHERE "
              "expires_ms <= $1::bigint ORDER BY expires_ms LIMIT $2::bigint FOR UPDATE SKIP "
              "LOCKED)",
              {millis(now), std::to_string(kPurgeBatch)});
    const std::int64_t held = m_db.exec("SELECT count(*) FROM web_session").integer(0, 0);
    const auto cap = static_cast<std::int64_t>(maxSessions);
    if (held >= cap)
        m_db.exec("DELETE FROM web_session WHERE id_hash IN (SELECT id_hash FROM web_session "
                  "ORDER BY expires_ms, id_hash LIMIT $1::bigint FOR UPDATE SKIP LOCKED)",
                  {std::to_string(held - cap + 1)});
    m_db.exec("INSERT INTO web_session (id_hash, username, role, csrf_token, expires_ms) VALUES "
              "($1, $2, $3, $4, $5::bigint)",
              {idHash, session.username, std::string(enumName(session.role)), session.csrf_token,
               millis(session.expires)});
    tx.commit();
}

SessionStore::Lookup PgOfficeStore::touchSession(const std::string &idHash, TimePoint now,
                                                 TimePoint extendTo, TimePoint extendIfBefore,
                                                 StoredSession &out)
{
    const PgPool::Lease lease(m_pool);
    // A live session: moved on when due (a row version written), else only read.
    const auto live = [&out](const PgResult &found) {
        if (found.rows() == 0)
            return false;
        out = StoredSession{found.text(0, 0),
                            enumFromString<Role>(found.text(0, 1)).value_or(Role::Office),
                            found.text(0, 2), sessionTime(found.integer(0, 3))};
        return true;
    };
    if (live(m_db.exec("UPDATE web_session SET expires_ms = $3::bigint WHERE id_hash = $1 AND "
                       "expires_ms > $2::bigint AND expires_ms < $4::bigint RETURNING username, "
                       "role, csrf_token, expires_ms",
                       {idHash, millis(now), millis(extendTo), millis(extendIfBefore)})))
        return Lookup::Found;
    if (live(m_db.exec("SELECT username, role, csrf_token, expires_ms FROM web_session WHERE "
                       "id_hash = $1 AND expires_ms > $2::bigint",
                       {idHash, millis(now)})))
        return Lookup::Found;
    const PgResult expired = m_db.exec(
        "DELETE FROM web_session WHERE id_hash = $1 AND expires_ms <= $2::bigint RETURNING 1",
        {idHash, millis(now)});
    return expired.rows() > 0 ? Lookup::Expired : Lookup::Unknown;
}

void PgOfficeStore::removeSession(const std::string &idHash)
{
    const PgPool::Lease lease(m_pool);
    m_db.exec("DELETE FROM web_session WHERE id_hash = $1", {idHash});
}

std::size_t PgOfficeStore::removeUserSessions(const std::string &username)
{
    const PgPool::Lease lease(m_pool);
    return static_cast<std::size_t>(
        m_db.exec("DELETE FROM web_session WHERE username = $1", {username}).affected());
}

SessionStore::Claim PgOfficeStore::claimIdempotencyKey(const std::string &user,
                                                       const std::string &key,
                                                       const std::string &fingerprint,
                                                       TimePoint now, TimePoint forgetBefore,
                                                       TimePoint deadBefore, StoredAnswer &answer)
{
    const PgPool::Lease lease(m_pool);
    m_db.exec("DELETE FROM web_idempotency WHERE (username, key) IN (SELECT username, key FROM "
              "web_idempotency WHERE claimed_ms <= $1::bigint ORDER BY claimed_ms LIMIT "
              "$2::bigint FOR UPDATE SKIP LOCKED)",
              {millis(forgetBefore), std::to_string(kPurgeBatch)});
    // The claim is one statement: of two servers claiming one key at once, PostgreSQL lets one
    // insert and makes the other wait for its commit, then see the row. A key abandoned between
    // the claim and the look is claimed again (a few rounds at most).
    for (int round = 0; round < 3; ++round) {
        const PgResult claimed = m_db.exec(
            "INSERT INTO web_idempotency (username, key, fingerprint, claimed_ms) VALUES ($1, $2, "
            "$3, $4::bigint) ON CONFLICT (username, key) DO UPDATE SET fingerprint = "
            "excluded.fingerprint, claimed_ms = excluded.claimed_ms, status = NULL, body = NULL, "
            "content_type = NULL WHERE web_idempotency.claimed_ms <= $5::bigint OR "
            "(web_idempotency.status IS NULL AND web_idempotency.claimed_ms <= $6::bigint) "
            "RETURNING 1",
            {user, key, fingerprint, millis(now), millis(forgetBefore), millis(deadBefore)});
        if (claimed.rows() > 0)
            return Claim::Run;
        const PgResult held =
            m_db.exec("SELECT fingerprint, status, body, content_type FROM web_idempotency WHERE "
                      "username = $1 AND key = $2",
                      {user, key});
        if (held.rows() == 0)
            continue;
        if (held.text(0, 0) != fingerprint)
            return Claim::Mismatch;
        if (held.isNull(0, 1))
            return Claim::Running;
        answer =
            StoredAnswer{static_cast<int>(held.integer(0, 1)), held.bytes(0, 2), held.text(0, 3)};
        return Claim::Replay;
    }
    return Claim::Running; // claimed and dropped again and again: the caller tries later
}

void PgOfficeStore::finishIdempotencyKey(const std::string &user, const std::string &key,
                                         const StoredAnswer &answer)
{
    const PgPool::Lease lease(m_pool);
    m_db.exec(
        "UPDATE web_idempotency SET status = $3::integer, body = $4::bytea, content_type = "
        "$5 WHERE username = $1 AND key = $2",
        {user, key, std::to_string(answer.status), pgBytea(answer.body), answer.content_type});
}

void PgOfficeStore::abandonIdempotencyKey(const std::string &user, const std::string &key)
{
    const PgPool::Lease lease(m_pool);
    m_db.exec("DELETE FROM web_idempotency WHERE username = $1 AND key = $2", {user, key});
}

} // namespace fp
