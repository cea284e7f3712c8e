#include "server/storage/officeschema.h"

#include <array>

namespace fp {

namespace {

// Version 1: plan, cards, tasks, reviews (office-owned); accounts and devices; received
// inspections and the raw push audit; the change log that feeds pulls.
void createV1(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE region (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL
);
CREATE TABLE enterprise (
  id TEXT PRIMARY KEY,
  credit_code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  region_id TEXT NOT NULL REFERENCES region(id),
  industry TEXT NOT NULL DEFAULT '',
  address TEXT NOT NULL DEFAULT '',
  legal_representative TEXT NOT NULL DEFAULT '',
  contact_phone TEXT NOT NULL DEFAULT '',
  lat REAL, lon REAL, accuracy_m REAL
);
CREATE INDEX enterprise_region ON enterprise(region_id);
CREATE TABLE equipment (
  id TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
  natural_key TEXT NOT NULL UNIQUE,
  sheet_line INTEGER NOT NULL DEFAULT 0,
  kind TEXT NOT NULL,
  spec TEXT NOT NULL DEFAULT '',
  count INTEGER NOT NULL,
  capacity_value REAL NOT NULL,
  capacity_unit TEXT NOT NULL,
  location_in_plant TEXT NOT NULL DEFAULT '',
  plan_year INTEGER NOT NULL,
  action TEXT NOT NULL,
  dismantle_deadline TEXT
);
CREATE INDEX equipment_enterprise ON equipment(enterprise_id);
CREATE TABLE card (
  id TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
  standard TEXT NOT NULL,
  level TEXT NOT NULL,
  department TEXT NOT NULL,
  issued_on TEXT NOT NULL,
  rectify_by TEXT,
  extended_to TEXT,
  state TEXT NOT NULL
);
CREATE INDEX card_enterprise ON card(enterprise_id);
CREATE TABLE task (
  id TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
  kind TEXT NOT NULL,
  due TEXT NOT NULL
);
CREATE TABLE task_inspector (
  task_id TEXT NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  username TEXT NOT NULL,
  PRIMARY KEY (task_id, username)
);
CREATE TABLE app_user (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  scope_epoch INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE user_region (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  region_id TEXT NOT NULL REFERENCES region(id),
  PRIMARY KEY (user_id, region_id)
);
CREATE TABLE user_enterprise (
  user_id TEXT NOT NULL REFERENCES app_user(id),
  enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
  PRIMARY KEY (user_id, enterprise_id)
);
CREATE TABLE device (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES app_user(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  enrolled_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE inspection (
  id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  state TEXT NOT NULL,
  enterprise_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  device_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  data TEXT NOT NULL,
  device_time TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX inspection_enterprise ON inspection(enterprise_id);
CREATE TABLE review (
  inspection_id TEXT PRIMARY KEY REFERENCES inspection(id),
  state TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT NOT NULL
);
-- Every pushed item as received, whatever the verdict (data kept unless it was a duplicate).
CREATE TABLE push_audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  received_at TEXT NOT NULL,
  device_id TEXT NOT NULL,
  batch_id TEXT NOT NULL,
  type TEXT NOT NULL,
  item_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  status TEXT NOT NULL,
  code TEXT,
  reason TEXT,
  device_time TEXT NOT NULL,
  signature TEXT,
  prev_hash TEXT,
  data TEXT
);
-- One entry per change of an office-owned row, with where the row sat before and after, so
-- that a pull can send tombstones for rows that left a device's scope.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  type TEXT NOT NULL,
  row_id TEXT NOT NULL,
  region_id TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  assignees TEXT NOT NULL DEFAULT '',
  old_region_id TEXT NOT NULL DEFAULT '',
  old_enterprise_id TEXT NOT NULL DEFAULT '',
  old_assignees TEXT NOT NULL DEFAULT ''
);
CREATE INDEX change_log_row ON change_log(type, row_id, seq);
)sql");
}

// Version 2: the web page's push audit pages through the refused items newest first; they are
// few among all pushed items, so a partial index keeps each page short however long the audit.
void addRejectedAuditIndexV2(Database &db)
{
    db.execScript("CREATE INDEX push_audit_rejected ON push_audit(seq) WHERE status = 'rejected';");
}

// Version 3: the card lifecycle of the work plan: an extension's application date and reason,
// the yellow card a red card came from, and every card change with who made it and when.
void addCardLifecycleV3(Database &db)
{
    db.execScript(R"sql(
ALTER TABLE card ADD COLUMN extension_applied_on TEXT;
ALTER TABLE card ADD COLUMN extension_reason TEXT;
ALTER TABLE card ADD COLUMN source_card_id TEXT;
CREATE TABLE card_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  card_id TEXT NOT NULL,
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  action TEXT NOT NULL,
  card TEXT NOT NULL
);
CREATE INDEX card_history_card ON card_history(card_id, seq);
)sql");
}

// Version 4: signed statements (docs/protocol.md). A device's Ed25519 public key from its
// enrolment; each final inspection's verified statement and signature beside it; every device's
// chain by sequence number; and what the office noticed in a chain (gaps, refused forks).
void addStatementsV4(Database &db)
{
    db.execScript(R"sql(
ALTER TABLE device ADD COLUMN public_key TEXT;
ALTER TABLE inspection ADD COLUMN statement TEXT;
ALTER TABLE inspection ADD COLUMN statement_signature TEXT;
CREATE TABLE device_statement (
  device_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  inspection_id TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (device_id, seq)
);
CREATE TABLE chain_event (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('gap', 'fork')),
  statement_seq INTEGER NOT NULL,
  detail TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX chain_event_device ON chain_event(device_id, seq);
)sql");
}

const std::array<MigrationStep, 4> kSteps{createV1, addRejectedAuditIndexV2, addCardLifecycleV3,
                                          addStatementsV4};

} // namespace

std::span<const MigrationStep> officeSchemaSteps()
{
    return kSteps;
}

} // namespace fp
