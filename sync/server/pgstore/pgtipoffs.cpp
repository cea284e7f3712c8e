// PgOfficeStore: tip-offs (tipoffstore.h; PostgreSQL schema v6), as SQLite's sqlitetipoffs.cpp.
// A tip-off's row is locked while a task is linked to it or it is closed: two servers take turns.

#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"

namespace fp {

namespace {

constexpr const char *kTipoffColumns =
    "id, received_on, channel, content, enterprise_id, reporter_contact, task_id, inspection_id, "
    "outcome, unreported, closed_on, added_at, added_by";

Tipoff readTipoff(const PgResult &r, int row)
{
    return Tipoff{r.text(row, 0), r.text(row, 1),         r.text(row, 2),  r.text(row, 3),
                  r.text(row, 4), r.text(row, 5),         r.text(row, 6),  r.text(row, 7),
                  r.text(row, 8), r.integer(row, 9) != 0, r.text(row, 10), r.text(row, 11),
                  r.text(row, 12)};
}

} // namespace

void PgOfficeStore::addTipoff(const Tipoff &t)
{
    const PgPool::Lease lease(m_pool);
    // Another server adding the same id meanwhile: the insert meets its key, the attempt runs
    // again and is refused by the look-up below.
    pgRetrying("adding the tip-off", [&] {
        PgTransaction tx(m_db);
        if (m_db.exec("SELECT 1 FROM enterprise WHERE id = $1", {t.enterprise_id}).rows() == 0)
            throw StoreRuleError("there is no enterprise with id '" + t.enterprise_id + "'");
        if (m_db.exec("SELECT 1 FROM tipoff WHERE id = $1", {t.id}).rows() > 0)
            throw StoreRuleError("there is a tip-off with id '" + t.id + "' already");
        m_db.exec("INSERT INTO tipoff (id, received_on, channel, content, enterprise_id, "
                  "reporter_contact, added_at, added_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                  {t.id, t.received_on, t.channel, t.content, t.enterprise_id, t.reporter_contact,
                   t.added_at, t.added_by});
        tx.commit();
    });
}

std::optional<Tipoff> PgOfficeStore::findTipoff(const std::string &id)
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql =
        std::string("SELECT ") + kTipoffColumns + " FROM tipoff WHERE id = $1";
    const PgResult r = m_db.exec(sql, {id});
    if (r.rows() == 0)
        return std::nullopt;
    return readTipoff(r, 0);
}

std::vector<Tipoff> PgOfficeStore::listTipoffs()
{
    const PgPool::Lease lease(m_pool);
    static const std::string sql = std::string("SELECT ") + kTipoffColumns +
                                   " FROM tipoff ORDER BY closed_on <> '', received_on DESC, "
                                   "added_at DESC, id";
    const PgResult r = m_db.exec(sql);
    std::vector<Tipoff> out;
    for (int i = 0; i < r.rows(); ++i)
        out.push_back(readTipoff(r, i));
    return out;
}

void PgOfficeStore::addTipoffTask(const std::string &tipoffId, const Task &task)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    // The row first, locked; then its task, in a statement of its own: a statement sees what
    // was committed when it began, and a task another server linked while this one waited for
    // the lock was committed after that.
    const PgResult find =
        m_db.exec("SELECT enterprise_id, closed_on, task_id FROM tipoff WHERE id = $1 FOR UPDATE",
                  {tipoffId});
    if (find.rows() == 0)
        throw StoreRuleError("there is no tip-off with id '" + tipoffId + "'");
    if (!find.text(0, 1).empty())
        throw StoreRuleError("the tip-off was closed on " + find.text(0, 1));
    if (!find.text(0, 2).empty() &&
        m_db.exec("SELECT 1 FROM task WHERE id = $1", {find.text(0, 2)}).rows() > 0)
        throw StoreRuleError("the tip-off has a task already (" + find.text(0, 2) + ")");
    if (find.text(0, 0) != task.enterprise_id)
        throw StoreRuleError("the task is for another enterprise than the tip-off");
    std::vector<PgChange> changes;
    insertTask(task, changes);
    m_db.exec("UPDATE tipoff SET task_id = $1 WHERE id = $2", {task.id, tipoffId});
    const auto log = appendChanges(changes, {});
    tx.commit();
}

void PgOfficeStore::closeTipoff(const std::string &tipoffId, const std::string &inspectionId,
                                const std::string &outcome, bool unreported,
                                const std::string &closedOn)
{
    const PgPool::Lease lease(m_pool);
    PgTransaction tx(m_db);
    const PgResult find =
        m_db.exec("SELECT closed_on FROM tipoff WHERE id = $1 FOR UPDATE", {tipoffId});
    if (find.rows() == 0)
        throw StoreRuleError("there is no tip-off with id '" + tipoffId + "'");
    if (!find.text(0, 0).empty())
        throw StoreRuleError("the tip-off was closed on " + find.text(0, 0) + " already");
    m_db.exec("UPDATE tipoff SET inspection_id = $1, outcome = $2, unreported = $3, closed_on = "
              "$4 WHERE id = $5",
              {inspectionId, outcome, std::string(unreported ? "1" : "0"), closedOn, tipoffId});
    tx.commit();
}

} // namespace fp
