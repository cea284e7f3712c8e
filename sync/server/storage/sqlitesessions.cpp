// The web page's sessions and idempotency keys on SQLite (sessionstore.h). SQLite has one
// writer at a time, so each method's statements run in one transaction without further care;
// the statements are those of the PostgreSQL store (pgsessions.cpp) where both dialects agree.

#include "server/storage/sqliteofficestore.h"

#include <sqlite3.h>

namespace fp {

namespace {

/// A write the office's disk cannot take (issue 17): a session's courtesy writes (moving its
/// expiry on, dropping an expired row) must not turn the page's reads into errors.
bool diskFull(const StoreError &e)
{
    return (e.code() & 0xff) == SQLITE_FULL || e.code() == SQLITE_IOERR_WRITE;
}

} // namespace

void SqliteOfficeStore::addSession(const std::string &idHash, const StoredSession &session,
                                   TimePoint now, std::size_t maxSessions)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement purge(m_db, "DELETE FROM web_session WHERE id_hash IN (SELECT id_hash FROM "
                          "web_session WHERE expires_ms <= ? ORDER BY expires_ms LIMIT ?)");
    purge.bind(1, sessionMillis(now)).bind(2, kPurgeBatch).exec();
    Statement count(m_db, "SELECT count(*) FROM web_session");
    count.step();
    const std::int64_t held = count.integer(0);
    const auto cap = static_cast<std::int64_t>(maxSessions);
    if (held >= cap) {
        Statement oldest(m_db, "DELETE FROM web_session WHERE id_hash IN (SELECT id_hash FROM "
                               "web_session ORDER BY expires_ms, id_hash LIMIT ?)");
        oldest.bind(1, held - cap + 1).exec();
    }
    Statement insert(m_db, "INSERT INTO web_session (id_hash, username, role, csrf_token, "
                           "expires_ms) VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, idHash)
        .bind(2, session.username)
        .bind(3, std::string(enumName(session.role)))
        .bind(4, session.csrf_token)
        .bind(5, sessionMillis(session.expires))
        .exec();
    tx.commit();
}

SessionStore::Lookup SqliteOfficeStore::touchSession(const std::string &idHash, TimePoint now,
                                                     TimePoint extendTo, TimePoint extendIfBefore,
                                                     StoredSession &out)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement find(
        m_db, "SELECT username, role, csrf_token, expires_ms FROM web_session WHERE id_hash = ?");
    if (!find.bind(1, idHash).step())
        return Lookup::Unknown;
    if (find.integer(3) <= sessionMillis(now)) {
        find.reset();
        try {
            Statement drop(m_db, "DELETE FROM web_session WHERE id_hash = ?");
            drop.bind(1, idHash).exec();
            tx.commit();
        } catch (const StoreError &e) {
            if (!diskFull(e))
                throw;
        }
        return Lookup::Expired;
    }
    const TimePoint held = sessionTime(find.integer(3));
    out = StoredSession{find.text(0), enumFromString<Role>(find.text(1)).value_or(Role::Office),
                        find.text(2), held < extendIfBefore ? extendTo : held};
    find.reset();
    if (held < extendIfBefore) {
        try {
            Statement extend(m_db, "UPDATE web_session SET expires_ms = ? WHERE id_hash = ?");
            extend.bind(1, sessionMillis(extendTo)).bind(2, idHash).exec();
            tx.commit();
        } catch (const StoreError &e) {
            if (!diskFull(e))
                throw;
            out.expires = held; // on a full disk the session lives on as it was, not extended
        }
    }
    return Lookup::Found;
}

void SqliteOfficeStore::removeSession(const std::string &idHash)
{
    std::lock_guard lock(m_mutex);
    Statement drop(m_db, "DELETE FROM web_session WHERE id_hash = ?");
    drop.bind(1, idHash).exec();
}

std::size_t SqliteOfficeStore::removeUserSessions(const std::string &username)
{
    std::lock_guard lock(m_mutex);
    Statement drop(m_db, "DELETE FROM web_session WHERE username = ?");
    drop.bind(1, username).exec();
    return static_cast<std::size_t>(m_db.changes());
}

SessionStore::Claim SqliteOfficeStore::claimIdempotencyKey(
    const std::string &user, const std::string &key, const std::string &fingerprint, TimePoint now,
    TimePoint forgetBefore, TimePoint deadBefore, StoredAnswer &answer)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement purge(m_db, "DELETE FROM web_idempotency WHERE rowid IN (SELECT rowid FROM "
                          "web_idempotency WHERE claimed_ms <= ? ORDER BY claimed_ms LIMIT ?)");
    purge.bind(1, sessionMillis(forgetBefore)).bind(2, kPurgeBatch).exec();
    // The claim: a new key, or one forgotten or whose request died, is taken in one statement.
    Statement claim(m_db, "INSERT INTO web_idempotency (username, key, fingerprint, claimed_ms) "
                          "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (username, key) DO UPDATE SET "
                          "fingerprint = excluded.fingerprint, claimed_ms = excluded.claimed_ms, "
                          "status = NULL, body = NULL, content_type = NULL WHERE "
                          "web_idempotency.claimed_ms <= ?5 OR (web_idempotency.status IS NULL AND "
                          "web_idempotency.claimed_ms <= ?6)");
    claim.bind(1, user)
        .bind(2, key)
        .bind(3, fingerprint)
        .bind(4, sessionMillis(now))
        .bind(5, sessionMillis(forgetBefore))
        .bind(6, sessionMillis(deadBefore))
        .exec();
    if (m_db.changes() > 0) {
        tx.commit();
        return Claim::Run;
    }
    Statement held(m_db, "SELECT fingerprint, status, body, content_type FROM web_idempotency "
                         "WHERE username = ? AND key = ?");
    held.bind(1, user).bind(2, key).step();
    Claim result = Claim::Replay;
    if (held.text(0) != fingerprint)
        result = Claim::Mismatch;
    else if (held.isNull(1))
        result = Claim::Running;
    else
        answer = StoredAnswer{static_cast<int>(held.integer(1)), held.text(2), held.text(3)};
    held.reset();
    tx.commit();
    return result;
}

void SqliteOfficeStore::finishIdempotencyKey(const std::string &user, const std::string &key,
                                             const StoredAnswer &answer)
{
    std::lock_guard lock(m_mutex);
    Statement finish(m_db, "UPDATE web_idempotency SET status = ?, body = ?, content_type = ? "
                           "WHERE username = ? AND key = ?");
    finish.bind(1, answer.status)
        .bindBlob(2, answer.body.data(), answer.body.size()) // byte for byte
        .bind(3, answer.content_type)
        .bind(4, user)
        .bind(5, key)
        .exec();
}

void SqliteOfficeStore::abandonIdempotencyKey(const std::string &user, const std::string &key)
{
    std::lock_guard lock(m_mutex);
    Statement drop(m_db, "DELETE FROM web_idempotency WHERE username = ? AND key = ?");
    drop.bind(1, user).bind(2, key).exec();
}

} // namespace fp
