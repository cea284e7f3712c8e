#include "server/pgstore/pgschema.h"

#include "db/migrations.h"

#include <array>

namespace fp {

namespace {

// Every schema change holds this transaction-scoped advisory lock ("FPSCHEMA" in ASCII).
constexpr const char *kSchemaLock = "5067372378613861697";

// Text columns that the office sorts or ranges over are COLLATE "C": byte order, the order
// SQLite gives, whatever locale the database was created with.
//
// Version 1: the accounts and their devices (AccountStore), with the two plan tables an
// account's scope names: regions and enterprises, with every column SQLite's schema gives them.
void createAccountsV1(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE region (
  id text COLLATE "C" PRIMARY KEY,
  name text COLLATE "C" NOT NULL UNIQUE,
  kind text NOT NULL
);
CREATE TABLE enterprise (
  id text COLLATE "C" PRIMARY KEY,
  credit_code text COLLATE "C" NOT NULL UNIQUE,
  name text COLLATE "C" NOT NULL,
  region_id text COLLATE "C" NOT NULL REFERENCES region(id),
  industry text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  legal_representative text NOT NULL DEFAULT '',
  contact_phone text NOT NULL DEFAULT '',
  lat double precision, lon double precision, accuracy_m double precision
);
CREATE INDEX enterprise_region ON enterprise(region_id);
CREATE TABLE app_user (
  id text COLLATE "C" PRIMARY KEY,
  username text COLLATE "C" NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL,
  scope_epoch bigint NOT NULL DEFAULT 1
);
CREATE TABLE user_region (
  user_id text COLLATE "C" NOT NULL REFERENCES app_user(id),
  region_id text COLLATE "C" NOT NULL REFERENCES region(id),
  PRIMARY KEY (user_id, region_id)
);
CREATE TABLE user_enterprise (
  user_id text COLLATE "C" NOT NULL REFERENCES app_user(id),
  enterprise_id text COLLATE "C" NOT NULL REFERENCES enterprise(id),
  PRIMARY KEY (user_id, enterprise_id)
);
CREATE TABLE device (
  id text COLLATE "C" PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL REFERENCES app_user(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  enrolled_at text COLLATE "C" NOT NULL,
  revoked_at text COLLATE "C",
  public_key text
);
CREATE INDEX device_user ON device(user_id);
)sql");
}

// Version 2: the department of each account (issue 14 item 7), as SQLite's office schema step
// for it; accounts from before get none.
void addDepartmentV2(PgConnection &db)
{
    db.execScript("ALTER TABLE app_user ADD COLUMN department text NOT NULL DEFAULT 'none';");
}

const std::array<PgMigrationStep, 2> kSteps{createAccountsV1, addDepartmentV2};

std::int64_t lockedVersion(PgConnection &db)
{
    db.exec("SELECT pg_advisory_xact_lock($1::bigint)", {kSchemaLock});
    db.execScript("CREATE TABLE IF NOT EXISTS schema_version (version bigint NOT NULL, "
                  "one boolean PRIMARY KEY DEFAULT true CHECK (one))");
    db.execScript("INSERT INTO schema_version (version) VALUES (0) ON CONFLICT DO NOTHING");
    return db.exec("SELECT version FROM schema_version").integer(0, 0);
}

} // namespace

std::span<const PgMigrationStep> pgSchemaSteps()
{
    return kSteps;
}

std::int64_t pgSchemaVersion(PgConnection &db)
{
    PgTransaction tx(db);
    const std::int64_t version = lockedVersion(db);
    tx.commit();
    return version;
}

std::int64_t migratePg(PgConnection &db, std::span<const PgMigrationStep> steps,
                       const std::string &what, std::int64_t target)
{
    const auto latest = static_cast<std::int64_t>(steps.size());
    if (target < 0 || target > latest)
        target = latest;
    std::int64_t before = -1;
    // One step per round; another server may have done some of them meanwhile.
    for (std::int64_t round = 0; round <= latest; ++round) {
        PgTransaction tx(db);
        const std::int64_t version = lockedVersion(db);
        if (before < 0)
            before = version;
        if (version > latest) {
            throw SchemaTooNewError(what + " has schema version " + std::to_string(version) +
                                    " but this program knows only up to " + std::to_string(latest) +
                                    "; update FieldProof before opening it");
        }
        if (version >= target) {
            tx.commit();
            return before;
        }
        steps[static_cast<std::size_t>(version)](db);
        db.exec("UPDATE schema_version SET version = $1::bigint", {std::to_string(version + 1)});
        tx.commit();
    }
    throw PgError(what + ": the schema did not reach version " + std::to_string(target), "");
}

} // namespace fp
