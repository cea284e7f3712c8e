// SqliteOfficeStore: enterprises added outside the plan (enterprisestore.h).

#include "server/storage/sqliteofficestore.h"

#include "protocol/recordtype.h"

namespace fp {

Enterprise SqliteOfficeStore::addEnterprise(const Enterprise &enterprise)
{
    std::lock_guard lock(m_mutex);
    Transaction tx(m_db);
    Statement region(m_db, "SELECT 1 FROM region WHERE id = ?");
    if (!region.bind(1, enterprise.region_id).step())
        throw StoreRuleError("there is no region with id '" + enterprise.region_id + "'");
    Statement taken(m_db, "SELECT name FROM enterprise WHERE credit_code = ?");
    if (taken.bind(1, enterprise.credit_code).step())
        throw StoreRuleError("the credit code " + enterprise.credit_code +
                             " is already the enterprise '" + taken.text(0) + "'");
    Statement ins(m_db, "INSERT INTO enterprise (id, credit_code, name, region_id, industry, "
                        "address, legal_representative, contact_phone, lat, lon, accuracy_m) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, enterprise.id).bind(2, enterprise.credit_code).bind(3, enterprise.name);
    ins.bind(4, enterprise.region_id).bind(5, enterprise.industry).bind(6, enterprise.address);
    ins.bind(7, enterprise.legal_representative).bind(8, enterprise.contact_phone);
    if (enterprise.location) {
        ins.bind(9, enterprise.location->lat).bind(10, enterprise.location->lon);
        ins.bind(11, enterprise.location->accuracy_m);
    } else {
        ins.bindNull(9).bindNull(10).bindNull(11);
    }
    ins.exec();
    appendChange(wire::kEnterprise, enterprise.id, RowKeys{enterprise.region_id, enterprise.id, {}},
                 {});
    tx.commit();
    return enterprise;
}

} // namespace fp
