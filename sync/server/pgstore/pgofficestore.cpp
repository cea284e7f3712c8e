// PgOfficeStore: connecting and bringing the schema up to date.

#include "server/pgstore/pgofficestore.h"

#include "server/pgstore/pgschema.h"

namespace fp {

PgOfficeStore::PgOfficeStore(const std::string &conninfo) : m_db(conninfo)
{
    migratePg(m_db, pgSchemaSteps(), "the office database on PostgreSQL");
}

} // namespace fp
