// PgOfficeStore: enterprises added outside the plan (enterprisestore.h), as SQLite's
// sqliteenterprises.cpp: fed to the pull log like a sheet's.

#include "protocol/recordtype.h"
#include "server/pgstore/pgofficestore.h"
#include "server/pgstore/pgretry.h"
#include "server/pgstore/pgrows.h"

namespace fp {

Enterprise PgOfficeStore::addEnterprise(const Enterprise &enterprise)
{
    const PgPool::Lease lease(m_pool);
    // Another server adding the same credit code or id meanwhile: the insert meets its key, the
    // attempt runs again and is refused by the look-up below.
    return pgRetrying("adding the enterprise", [&] {
        PgTransaction tx(m_db);
        if (m_db.exec("SELECT 1 FROM region WHERE id = $1", {enterprise.region_id}).rows() == 0)
            throw StoreRuleError("there is no region with id '" + enterprise.region_id + "'");
        const PgResult taken = m_db.exec("SELECT name FROM enterprise WHERE credit_code = $1",
                                         {enterprise.credit_code});
        if (taken.rows() > 0)
            throw StoreRuleError("the credit code " + enterprise.credit_code +
                                 " is already the enterprise '" + taken.text(0, 0) + "'");
        PgParam lat, lon, accuracy;
        if (enterprise.location) {
            lat = pgrows::realText(enterprise.location->lat);
            lon = pgrows::realText(enterprise.location->lon);
            if (enterprise.location->accuracy_m)
                accuracy = pgrows::realText(*enterprise.location->accuracy_m);
        }
        m_db.exec("INSERT INTO enterprise (id, credit_code, name, region_id, industry, address, "
                  "legal_representative, contact_phone, lat, lon, accuracy_m) VALUES ($1, $2, $3, "
                  "$4, $5, $6, $7, $8, $9, $10, $11)",
                  {enterprise.id, enterprise.credit_code, enterprise.name, enterprise.region_id,
                   enterprise.industry, enterprise.address, enterprise.legal_representative,
                   enterprise.contact_phone, lat, lon, accuracy});
        const auto log = appendChanges({PgChange{std::string(wire::kEnterprise),
                                                 enterprise.id,
                                                 RowKeys{enterprise.region_id, enterprise.id, {}},
                                                 {}}},
                                       {});
        tx.commit();
        return enterprise;
    });
}

} // namespace fp
