// PgOfficeStore: published batches and office settings (publicationstore.h; PostgreSQL schema
// v6), as SQLite's sqlitepublications.cpp. Each change journals itself in its own transaction.

#include "core/json.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"

namespace fp {

namespace {

void journalIn(PgConnection &db, const std::string &at, const std::string &account,
               const std::string &kind, const std::string &target, const std::string &summary,
               const std::string &detail)
{
    db.exec("INSERT INTO office_journal (at, account, kind, target, summary, detail) VALUES ($1, "
            "$2, $3, $4, $5, $6)",
            {at, account, kind, target, summary, detail});
}

constexpr const char *kColumns =
    "id, list, batch, title, published_on, published_at, published_by, row_count";

Publication publicationRow(const PgResult &r, int row, bool withContent)
{
    return Publication{r.integer(row, 0), r.text(row, 1),    r.integer(row, 2),
                       r.text(row, 3),    r.text(row, 4),    r.text(row, 5),
                       r.text(row, 6),    r.integer(row, 7), withContent ? r.text(row, 8) : ""};
}

} // namespace

Publication PgOfficeStore::publish(const Publication &p)
{
    const PgPool::Lease lease(m_pool);
    // Two servers publishing the list's next batch at once: the second meets the first's
    // (list, batch) key, runs again and is refused below, as the second clerk on SQLite.
    return pgRetrying("publishing the batch", [&] {
        PgTransaction tx(m_db);
        const std::int64_t next =
            m_db.exec("SELECT COALESCE(MAX(batch), 0) FROM publication WHERE list = $1", {p.list})
                .integer(0, 0) +
            1;
        if (p.batch != next)
            throw StoreRuleError("batch " + std::to_string(next - 1) + " of the list '" + p.list +
                                 "' was published meanwhile; reload and publish again");
        Publication stored = p;
        stored.id =
            m_db.exec("INSERT INTO publication (list, batch, title, published_on, "
                      "published_at, published_by, row_count, content) VALUES ($1, $2, "
                      "$3, $4, $5, $6, $7, $8) RETURNING id",
                      {p.list, std::to_string(p.batch), p.title, p.published_on, p.published_at,
                       p.published_by, std::to_string(p.row_count), p.content})
                .integer(0, 0);
        journalIn(m_db, p.published_at, p.published_by, "publication.published",
                  std::to_string(stored.id), p.title,
                  Json{{"list", p.list},
                       {"batch", p.batch},
                       {"published_on", p.published_on},
                       {"rows", p.row_count}}
                      .dump());
        tx.commit();
        return stored;
    });
}

std::vector<Publication> PgOfficeStore::publications(const std::string &list)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql =
        std::string("SELECT ") + kColumns +
        " FROM publication WHERE $1::text = '' OR list = $1::text ORDER BY list, batch";
    const PgResult r = m_db.exec(sql, {list});
    std::vector<Publication> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(publicationRow(r, i, false));
    return out;
}

std::optional<Publication> PgOfficeStore::findPublication(std::int64_t id)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql =
        std::string("SELECT ") + kColumns + ", content FROM publication WHERE id = $1";
    const PgResult r = m_db.exec(sql, {std::to_string(id)});
    if (r.rows() == 0)
        return std::nullopt;
    return publicationRow(r, 0, true);
}

std::optional<OfficeSetting> PgOfficeStore::officeSetting(const std::string &key)
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec(
        "SELECT key, value, changed_at, changed_by FROM office_setting WHERE key = $1", {key});
    if (r.rows() == 0)
        return std::nullopt;
    return OfficeSetting{r.text(0, 0), r.text(0, 1), r.text(0, 2), r.text(0, 3)};
}

void PgOfficeStore::setOfficeSetting(const OfficeSetting &setting)
{
    const PgPool::Lease lease(m_pool);
    // The row is locked while it changes, so that the journal's "before" is the value the
    // change replaced; the first setting of a key made on two servers at once runs again.
    pgRetrying("changing the setting", [&] {
        PgTransaction tx(m_db);
        const PgResult old =
            m_db.exec("SELECT value FROM office_setting WHERE key = $1 FOR UPDATE", {setting.key});
        const Json before = old.rows() > 0 ? Json(old.text(0, 0)) : Json();
        if (old.rows() > 0) {
            m_db.exec("UPDATE office_setting SET value = $2, changed_at = $3, changed_by = $4 "
                      "WHERE key = $1",
                      {setting.key, setting.value, setting.changed_at, setting.changed_by});
        } else if (m_db.exec("INSERT INTO office_setting (key, value, changed_at, changed_by) "
                             "VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
                             {setting.key, setting.value, setting.changed_at, setting.changed_by})
                       .affected() == 0) {
            throw PgConcurrentWrite{};
        }
        journalIn(m_db, setting.changed_at, setting.changed_by, "setting.changed", setting.key,
                  setting.key + " = " + setting.value,
                  Json{{"before", before}, {"after", setting.value}}.dump());
        tx.commit();
    });
}

} // namespace fp
