// SqliteOfficeStore: tip-offs (tipoffstore.h; office schema v10).

#include "server/storage/sqliteofficestore.h"

namespace fp {

namespace {

constexpr const char *kTipoffColumns =
    "id, received_on, channel, content, enterprise_id, reporter_contact, task_id, inspection_id, "
    "outcome, unreported, closed_on, added_at, added_by";

Tipoff readTipoff(const Statement &s)
{
    return Tipoff{s.text(0),  s.text(1),  s.text(2), s.text(3), s.text(4),
                  s.text(5),  s.text(6),  s.text(7), s.text(8), s.integer(9) != 0,
                  s.text(10), s.text(11), s.text(12)};
}

} // namespace

void SqliteOfficeStore::addTipoff(const Tipoff &t)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement known(m_db, "SELECT 1 FROM enterprise WHERE id = ?");
    if (!known.bind(1, t.enterprise_id).step())
        throw StoreRuleError("there is no enterprise with id '" + t.enterprise_id + "'");
    Statement taken(m_db, "SELECT 1 FROM tipoff WHERE id = ?");
    if (taken.bind(1, t.id).step())
        throw StoreRuleError("there is a tip-off with id '" + t.id + "' already");
    Statement s(m_db, "INSERT INTO tipoff (id, received_on, channel, content, enterprise_id, "
                      "reporter_contact, added_at, added_by) VALUES (?,?,?,?,?,?,?,?)");
    s.bind(1, t.id).bind(2, t.received_on).bind(3, t.channel).bind(4, t.content);
    s.bind(5, t.enterprise_id).bind(6, t.reporter_contact).bind(7, t.added_at);
    s.bind(8, t.added_by).exec();
    tx.commit();
}

std::optional<Tipoff> SqliteOfficeStore::findTipoff(const std::string &id)
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string("SELECT ") + kTipoffColumns + " FROM tipoff WHERE id = ?");
    if (!s.bind(1, id).step())
        return std::nullopt;
    return readTipoff(s);
}

std::vector<Tipoff> SqliteOfficeStore::listTipoffs()
{
    std::lock_guard lock(m_mutex);
    Statement s(m_db, std::string("SELECT ") + kTipoffColumns +
                          " FROM tipoff ORDER BY closed_on <> '', received_on DESC, added_at "
                          "DESC, id");
    std::vector<Tipoff> out;
    while (s.step())
        out.push_back(readTipoff(s));
    return out;
}

void SqliteOfficeStore::addTipoffTask(const std::string &tipoffId, const Task &task)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement find(m_db, "SELECT t.enterprise_id, t.closed_on, t.task_id, (SELECT COUNT(*) FROM "
                         "task k WHERE k.id = t.task_id) FROM tipoff t WHERE t.id = ?");
    if (!find.bind(1, tipoffId).step())
        throw StoreRuleError("there is no tip-off with id '" + tipoffId + "'");
    if (!find.text(1).empty())
        throw StoreRuleError("the tip-off was closed on " + find.text(1));
    if (!find.text(2).empty() && find.integer(3) > 0)
        throw StoreRuleError("the tip-off has a task already (" + find.text(2) + ")");
    if (find.text(0) != task.enterprise_id)
        throw StoreRuleError("the task is for another enterprise than the tip-off");
    insertTaskLocked(task);
    Statement(m_db, "UPDATE tipoff SET task_id = ? WHERE id = ?")
        .bind(1, task.id)
        .bind(2, tipoffId)
        .exec();
    tx.commit();
}

void SqliteOfficeStore::closeTipoff(const std::string &tipoffId, const std::string &inspectionId,
                                    const std::string &outcome, bool unreported,
                                    const std::string &closedOn)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement find(m_db, "SELECT closed_on FROM tipoff WHERE id = ?");
    if (!find.bind(1, tipoffId).step())
        throw StoreRuleError("there is no tip-off with id '" + tipoffId + "'");
    if (!find.text(0).empty())
        throw StoreRuleError("the tip-off was closed on " + find.text(0) + " already");
    Statement(m_db, "UPDATE tipoff SET inspection_id = ?, outcome = ?, unreported = ?, "
                    "closed_on = ? WHERE id = ?")
        .bind(1, inspectionId)
        .bind(2, outcome)
        .bind(3, unreported ? 1 : 0)
        .bind(4, closedOn)
        .bind(5, tipoffId)
        .exec();
    tx.commit();
}

} // namespace fp
