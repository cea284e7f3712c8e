// PgOfficeStore: connecting, bringing the schema up to date, the change log every change
// feeds, and the scope of an account.

#include "server/pgstore/pgofficestore.h"

#include "server/pgstore/pgschema.h"

namespace fp {

PgOfficeStore::PgOfficeStore(const std::string &conninfo, const TreeHeadSigner *signer,
                             PgPoolOptions pool)
    : m_pool(conninfo, pool), m_log(signer)
{
    // The first connection is opened here, so that an unreachable server fails the start.
    const PgPool::Lease lease(m_pool);
    migratePg(m_db, pgSchemaSteps(), "the office database on PostgreSQL");
    m_log.refresh(m_db); // at open: the first request need not
}

std::string PgOfficeStore::epoch()
{
    const PgPool::Lease lease(m_pool);
    const PgResult r = m_db.exec("SELECT value FROM office_meta WHERE key = 'epoch'");
    if (r.rows() == 0)
        throw PgError("the office database has no epoch (office_meta)", "");
    return r.text(0, 0);
}

std::unique_ptr<PgOfficeLog::Batch>
PgOfficeStore::appendChanges(const std::vector<PgChange> &changes,
                             const std::vector<PendingLeaf> &leaves)
{
    if (changes.empty() && leaves.empty())
        return nullptr;
    // Held until COMMIT or ROLLBACK: the sequence numbers and leaf indexes taken below are
    // taken in the order in which the transactions that take them commit.
    m_db.exec("SELECT pg_advisory_xact_lock($1::bigint)", {std::string(kChangeLogLock)});
    for (const auto &c : changes) {
        m_db.exec("INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees, "
                  "old_region_id, old_enterprise_id, old_assignees) VALUES ($1, $2, $3, $4, $5, "
                  "$6, $7, $8)",
                  {c.type, c.row_id, c.now.region_id, c.now.enterprise_id, c.now.assignees,
                   c.before.region_id, c.before.enterprise_id, c.before.assignees});
    }
    auto batch = std::make_unique<PgOfficeLog::Batch>(m_log, m_db);
    for (const auto &l : leaves)
        batch->append(l.leaf, l.record, l.at);
    batch->seal();
    return batch;
}

Scope PgOfficeStore::loadScope(const std::string &userId, const std::string &username, Role role)
{
    Scope scope;
    scope.username = username;
    scope.everything = role != Role::Inspector;
    const PgResult regions =
        m_db.exec("SELECT region_id FROM user_region WHERE user_id = $1", {userId});
    for (int i = 0; i < regions.rows(); ++i)
        scope.region_ids.insert(regions.text(i, 0));
    const PgResult ents = m_db.exec("SELECT e.id, e.region_id FROM user_enterprise ue JOIN "
                                    "enterprise e ON e.id = ue.enterprise_id WHERE ue.user_id = $1",
                                    {userId});
    for (int i = 0; i < ents.rows(); ++i) {
        scope.enterprise_ids.insert(ents.text(i, 0));
        scope.extra_region_ids.insert(ents.text(i, 1));
    }
    return scope;
}

} // namespace fp
