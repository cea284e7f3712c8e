// SqliteOfficeStore: the office journal (journalstore.h; office schema v8). card_history and
// review_history feed it by trigger; everything else is appended here.

#include "server/storage/sqliteofficestore.h"

#include <limits>

namespace fp {

std::int64_t SqliteOfficeStore::appendJournal(const JournalEntry &entry)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "INSERT INTO office_journal (at, account, kind, target, enterprise_id, "
                      "summary, detail) VALUES (?,?,?,?,?,?,?)");
    s.bind(1, entry.at).bind(2, entry.account).bind(3, entry.kind).bind(4, entry.target);
    s.bind(5, entry.enterprise_id).bind(6, entry.summary);
    s.bind(7, entry.detail.empty() ? std::string("{}") : entry.detail).exec();
    Statement last(m_db, "SELECT last_insert_rowid()");
    last.step();
    return last.integer(0);
}

std::vector<JournalEntry> SqliteOfficeStore::journal(const JournalFilter &filter)
{
    std::lock_guard lock(m_mutex);
    // A kind without a dot selects its family: "card" is card.issued, card.extended, ...
    Statement s(m_db, "SELECT seq, at, account, kind, target, enterprise_id, summary, detail "
                      "FROM office_journal WHERE seq < ?1 AND (?2 = '' OR account = ?2) "
                      "AND (?3 = '' OR kind = ?3 OR (instr(?3, '.') = 0 AND "
                      "substr(kind, 1, length(?3) + 1) = ?3 || '.')) "
                      "AND (?4 = '' OR substr(at, 1, 10) >= ?4) "
                      "AND (?5 = '' OR substr(at, 1, 10) <= ?5) "
                      "AND (?6 = '' OR enterprise_id = ?6) ORDER BY seq DESC LIMIT ?7");
    s.bind(1, filter.before > 0 ? filter.before : std::numeric_limits<std::int64_t>::max());
    s.bind(2, filter.account).bind(3, filter.kind).bind(4, filter.from).bind(5, filter.to);
    s.bind(6, filter.enterprise_id).bind(7, filter.limit);
    std::vector<JournalEntry> out;
    while (s.step())
        out.push_back(JournalEntry{s.integer(0), s.text(1), s.text(2), s.text(3), s.text(4),
                                   s.text(5), s.text(6), s.text(7)});
    return out;
}

} // namespace fp
