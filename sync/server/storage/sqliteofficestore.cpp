// SqliteOfficeStore: opening office.db, the pull log every change feeds, and row counts.

#include "server/storage/sqliteofficestore.h"

#include "server/storage/officeepoch.h"
#include "server/storage/officeschema.h"

#include <algorithm>
#include <array>

namespace fp {

SqliteOfficeStore::SqliteOfficeStore(const std::filesystem::path &file,
                                     const TreeHeadSigner *signer)
    : m_db(file), m_log(signer)
{
    migrate(m_db, officeSchemaSteps(), "office database " + file.string());
    Transaction tx(m_db);
    m_log.refresh(m_db);
    m_log.signIfBehind(m_db);
    m_epoch = readEpoch(m_db);
    tx.commit();
}

std::string SqliteOfficeStore::epoch()
{
    std::lock_guard lock(m_mutex);
    return m_epoch;
}

std::string SqliteOfficeStore::startNewEpoch()
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    std::string next = renewEpoch(m_db);
    tx.commit();
    m_epoch = next;
    return next;
}

void SqliteOfficeStore::recordVerifiedBackup(const VerifiedBackup &backup)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    fp::recordVerifiedBackup(m_db, backup);
    tx.commit();
}

std::optional<BackupReach> SqliteOfficeStore::backupReach(const std::string &deviceId)
{
    std::lock_guard lock(m_mutex);
    return backupReachOf(m_db, m_epoch, deviceId);
}

void SqliteOfficeStore::appendChange(std::string_view type, const std::string &rowId,
                                     const RowKeys &now, const RowKeys &before)
{
    if (!m_changeInsert)
        m_changeInsert = std::make_unique<Statement>(
            m_db, "INSERT INTO change_log (type, row_id, region_id, enterprise_id, assignees, "
                  "old_region_id, old_enterprise_id, old_assignees) VALUES (?,?,?,?,?,?,?,?)");
    Statement &s = *m_changeInsert;
    s.reset();
    s.bind(1, type).bind(2, rowId).bind(3, now.region_id).bind(4, now.enterprise_id);
    s.bind(5, now.assignees).bind(6, before.region_id).bind(7, before.enterprise_id);
    s.bind(8, before.assignees).exec();
}

std::int64_t SqliteOfficeStore::countRows(const std::string &table)
{
    const std::string &counted = countedTable(table);
    std::lock_guard lock(m_mutex);
    Statement s(m_db, "SELECT count(*) FROM " + counted);
    s.step();
    return s.integer(0);
}

} // namespace fp
