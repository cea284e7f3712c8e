// PgOfficeStore: the office journal (journalstore.h; PostgreSQL schema v6), as SQLite's
// sqlitejournal.cpp. card_history feeds it by trigger; everything else is appended here.

#include "server/pgstore/pgofficestore.h"

#include <limits>

namespace fp {

std::int64_t PgOfficeStore::appendJournal(const JournalEntry &entry)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec(
        "INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq",
        {entry.at, entry.account, entry.kind, entry.target, entry.enterprise_id, entry.summary,
         entry.detail.empty() ? std::string("{}") : entry.detail});
    return r.integer(0, 0);
}

std::vector<JournalEntry> PgOfficeStore::journal(const JournalFilter &filter)
{
    const PgPool::Lease lease(m_pool);
    // A kind without a dot selects its family: "card" is card.issued, card.extended, ...
    const PgResult r = m_db.exec(
        "SELECT seq, at, account, kind, target, enterprise_id, summary, detail "
        "FROM office_journal WHERE seq < $1::bigint AND ($2::text = '' OR account = $2::text) "
        "AND ($3::text = '' OR kind = $3::text OR (strpos($3::text, '.') = 0 AND "
        "left(kind, length($3::text) + 1) = $3::text || '.')) "
        "AND ($4::text = '' OR left(at, 10) >= $4::text) "
        "AND ($5::text = '' OR left(at, 10) <= $5::text) "
        "AND ($6::text = '' OR enterprise_id = $6::text) ORDER BY seq DESC LIMIT $7::bigint",
        {std::to_string(filter.before > 0 ? filter.before
                                          : std::numeric_limits<std::int64_t>::max()),
         filter.account, filter.kind, filter.from, filter.to, filter.enterprise_id,
         std::to_string(filter.limit)});
    std::vector<JournalEntry> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(JournalEntry{r.integer(i, 0), r.text(i, 1), r.text(i, 2), r.text(i, 3),
                                   r.text(i, 4), r.text(i, 5), r.text(i, 6), r.text(i, 7)});
    return out;
}

} // namespace fp
