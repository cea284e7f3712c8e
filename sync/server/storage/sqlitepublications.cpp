// SqliteOfficeStore: published batches and office settings (publicationstore.h; office schema
// v11 and v12). Each change journals itself in its own transaction.

#include "server/storage/sqliteofficestore.h"

#include "core/json.h"

namespace fp {

namespace {

void journalLocked(Database &db, const std::string &at, const std::string &account,
                   const std::string &kind, const std::string &target, const std::string &summary,
                   const std::string &detail)
{
    Statement s(db, "INSERT INTO office_journal (at, account, kind, target, summary, detail) "
                    "VALUES (?,?,?,?,?,?)");
    s.bind(1, at).bind(2, account).bind(3, kind).bind(4, target).bind(5, summary);
    s.bind(6, detail).exec();
}

constexpr const char *kColumns =
    "id, list, batch, title, published_on, published_at, published_by, row_count";

Publication publicationRow(const Statement &s, bool withContent)
{
    return Publication{s.integer(0), s.text(1),    s.integer(2),
                       s.text(3),    s.text(4),    s.text(5),
                       s.text(6),    s.integer(7), withContent ? s.text(8) : std::string()};
}

} // namespace

Publication SqliteOfficeStore::publish(const Publication &p)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement last(m_db, "SELECT COALESCE(MAX(batch), 0) FROM publication WHERE list = ?");
    last.bind(1, p.list).step();
    const std::int64_t next = last.integer(0) + 1;
    if (p.batch != next)
        throw StoreRuleError("batch " + std::to_string(next - 1) + " of the list '" + p.list +
                             "' was published meanwhile; reload and publish again");
    Statement ins(m_db, "INSERT INTO publication (list, batch, title, published_on, "
                        "published_at, published_by, row_count, content) "
                        "VALUES (?,?,?,?,?,?,?,?)");
    ins.bind(1, p.list).bind(2, p.batch).bind(3, p.title).bind(4, p.published_on);
    ins.bind(5, p.published_at).bind(6, p.published_by).bind(7, p.row_count);
    ins.bind(8, p.content).exec();
    Publication stored = p;
    Statement id(m_db, "SELECT last_insert_rowid()");
    id.step();
    stored.id = id.integer(0);
    journalLocked(m_db, p.published_at, p.published_by, "publication.published",
                  std::to_string(stored.id), p.title,
                  Json{{"list", p.list},
                       {"batch", p.batch},
                       {"published_on", p.published_on},
                       {"rows", p.row_count}}
                      .dump());
    tx.commit();
    return stored;
}

std::vector<Publication> SqliteOfficeStore::publications(const std::string &list)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string("SELECT ") + kColumns +
                          " FROM publication WHERE ?1 = '' OR list = ?1 ORDER BY list, batch");
    s.bind(1, list);
    std::vector<Publication> out;
    while (s.step())
        out.push_back(publicationRow(s, false));
    return out;
}

std::optional<Publication> SqliteOfficeStore::findPublication(std::int64_t id)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db,
                std::string("SELECT ") + kColumns + ", content FROM publication WHERE id = ?");
    if (!s.bind(1, id).step())
        return std::nullopt;
    return publicationRow(s, true);
}

std::optional<OfficeSetting> SqliteOfficeStore::officeSetting(const std::string &key)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db,
                "SELECT key, value, changed_at, changed_by FROM office_setting WHERE key = ?");
    if (!s.bind(1, key).step())
        return std::nullopt;
    return OfficeSetting{s.text(0), s.text(1), s.text(2), s.text(3)};
}

void SqliteOfficeStore::setOfficeSetting(const OfficeSetting &setting)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement old(m_db, "SELECT value FROM office_setting WHERE key = ?");
    const Json before = old.bind(1, setting.key).step() ? Json(old.text(0)) : Json();
    Statement up(m_db, "INSERT INTO office_setting (key, value, changed_at, changed_by) "
                       "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (key) DO UPDATE SET value = ?2, "
                       "changed_at = ?3, changed_by = ?4");
    up.bind(1, setting.key).bind(2, setting.value).bind(3, setting.changed_at);
    up.bind(4, setting.changed_by).exec();
    journalLocked(m_db, setting.changed_at, setting.changed_by, "setting.changed", setting.key,
                  setting.key + " = " + setting.value,
                  Json{{"before", before}, {"after", setting.value}}.dump());
    tx.commit();
}

} // namespace fp
