#include "server/storage/officeschema.h"

#include "protocol/logleaf.h"
#include "server/storage/officeepoch.h"
#include "server/storage/officelog.h"

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

// Version 5: the office log (issue 13 item 4). Every final inspection the office stores and
// every review decision becomes a leaf of an append-only Merkle tree (docs/protocol.md, "The
// office log"); log_head keeps each signed tree head; review_history keeps each decision (the
// review row holds only the latest). Triggers refuse UPDATE and DELETE on these tables: the
// log's own check is `fieldproof-server log verify`, these only stop mistakes. An office that
// already held final inspections and reviews logs them here, oldest first.
void addOfficeLogV5(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE IF NOT EXISTS log_leaf (
  idx INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  record TEXT NOT NULL,
  leaf BLOB NOT NULL,
  leaf_hash BLOB NOT NULL,
  appended_at TEXT NOT NULL
);
-- The leaf hashes alone, so that loading the tree at start-up reads 40 bytes a leaf, not the row.
CREATE INDEX IF NOT EXISTS log_leaf_hash ON log_leaf(idx, leaf_hash);
CREATE TABLE IF NOT EXISTS log_head (
  tree_size INTEGER PRIMARY KEY,
  timestamp_ms INTEGER NOT NULL,
  root_hash TEXT NOT NULL,
  signature TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS review_history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  inspection_id TEXT NOT NULL,
  state TEXT NOT NULL,
  reason TEXT NOT NULL,
  reviewed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS review_history_inspection ON review_history(inspection_id, seq);
CREATE TRIGGER IF NOT EXISTS log_leaf_no_update BEFORE UPDATE ON log_leaf
  BEGIN SELECT RAISE(ABORT, 'the office log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS log_leaf_no_delete BEFORE DELETE ON log_leaf
  BEGIN SELECT RAISE(ABORT, 'the office log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS log_head_no_update BEFORE UPDATE ON log_head
  BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;
CREATE TRIGGER IF NOT EXISTS log_head_no_delete BEFORE DELETE ON log_head
  BEGIN SELECT RAISE(ABORT, 'signed tree heads are append-only'); END;
CREATE TRIGGER IF NOT EXISTS review_history_no_update BEFORE UPDATE ON review_history
  BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
CREATE TRIGGER IF NOT EXISTS review_history_no_delete BEFORE DELETE ON review_history
  BEGIN SELECT RAISE(ABORT, 'review history is append-only'); END;
)sql");
    Statement empty(db, "SELECT COUNT(*) FROM log_leaf");
    empty.step();
    if (empty.integer(0) != 0)
        return;
    Statement finals(db, "SELECT i.id, i.device_id, i.version, i.data, i.received_at, "
                         "i.statement, i.statement_signature, d.device_id, d.seq FROM inspection "
                         "i LEFT JOIN device_statement d ON d.inspection_id = i.id WHERE i.state "
                         "= 'final' ORDER BY i.received_at, i.id");
    while (finals.step()) {
        insertLeafRow(db,
                      InspectionLeaf{finals.text(0), finals.text(1), finals.integer(2),
                                     merkle::sha256(finals.text(3))},
                      finals.text(0), finals.text(4));
        if (!finals.isNull(5) && !finals.isNull(7))
            insertLeafRow(db,
                          StatementLeaf{finals.text(0), finals.text(7), finals.integer(8),
                                        merkle::sha256(finals.text(5)), finals.text(6)},
                          finals.text(0), finals.text(4));
    }
    Statement reviews(db, "SELECT r.inspection_id, r.state, r.reason, r.reviewed_at, i.data FROM "
                          "review r JOIN inspection i ON i.id = r.inspection_id WHERE r.state "
                          "IN ('accepted', 'returned') ORDER BY r.reviewed_at, r.inspection_id");
    Statement history(db, "INSERT INTO review_history (inspection_id, state, reason, reviewed_at) "
                          "VALUES (?,?,?,?)");
    while (reviews.step()) {
        history.reset();
        history.bind(1, reviews.text(0)).bind(2, reviews.text(1)).bind(3, reviews.text(2));
        history.bind(4, reviews.text(3)).exec();
        Statement last(db, "SELECT last_insert_rowid()");
        last.step();
        const std::int64_t seq = last.integer(0);
        insertLeafRow(db,
                      ReviewLeaf{reviews.text(0), merkle::sha256(reviews.text(4)), reviews.text(1),
                                 reviews.text(2), reviews.text(3)},
                      std::to_string(seq), reviews.text(3));
    }
}

// Version 6: the office's epoch (issue 17, officeepoch.h): a random id for this life of the
// database, in a small key-value table. Created here for a new office and for one upgraded from
// version 5 alike; `fieldproof-server restore` replaces it.
void addEpochV6(Database &db)
{
    db.execScript("CREATE TABLE office_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
    renewEpoch(db);
}

// Version 7: who made each review decision (issue 16 item 4: "reviews keep their history").
// Decisions logged before this step keep an empty name: nobody recorded it then.
void addReviewerV7(Database &db)
{
    db.execScript("ALTER TABLE review_history ADD COLUMN reviewed_by TEXT NOT NULL DEFAULT '';");
}

// Version 8: the office journal (issue 14 item 6, journalstore.h): who did what, one row per
// office action, append-only (triggers refuse UPDATE and DELETE). Card changes and review
// decisions reach it by trigger from card_history and review_history, in the transaction of the
// change, so that no writer of those tables can leave the journal behind; what the office did
// before this step is copied in from them, oldest first. Every other action (plan imports,
// tasks, accounts, devices, refused sign-ins) is appended by whoever makes it (the web API, the
// command line) through JournalStore.
void addJournalV8(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE office_journal (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  account TEXT NOT NULL,
  kind TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  enterprise_id TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX office_journal_account ON office_journal(account, seq);
CREATE INDEX office_journal_kind ON office_journal(kind, seq);
CREATE INDEX office_journal_enterprise ON office_journal(enterprise_id, seq);
INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail)
SELECT at, account, kind, target, enterprise_id, summary, detail FROM (
  SELECT h.at AS at, h.by AS account,
         'card.' || CASE WHEN h.action LIKE 'withdrawn: %' THEN 'withdrawn' ELSE h.action END
           AS kind,
         h.card_id AS target,
         COALESCE(json_extract(h.card, '$.enterprise_id'), '') AS enterprise_id,
         CASE WHEN h.action LIKE 'withdrawn: %' THEN substr(h.action, 12) ELSE '' END AS summary,
         json_object('before', json((SELECT p.card FROM card_history p WHERE p.card_id = h.card_id
                                     AND p.seq < h.seq ORDER BY p.seq DESC LIMIT 1)),
                     'after', json(h.card)) AS detail,
         0 AS source, h.seq AS seq
    FROM card_history h
  UNION ALL
  SELECT r.reviewed_at, r.reviewed_by, 'review.' || r.state, r.inspection_id,
         COALESCE((SELECT i.enterprise_id FROM inspection i WHERE i.id = r.inspection_id), ''),
         r.reason,
         json_object('before', COALESCE((SELECT p.state FROM review_history p
                                         WHERE p.inspection_id = r.inspection_id AND p.seq < r.seq
                                         ORDER BY p.seq DESC LIMIT 1), 'received'),
                     'after', r.state, 'reason', r.reason),
         1, r.seq
    FROM review_history r)
ORDER BY at, source, seq;
CREATE TRIGGER office_journal_no_update BEFORE UPDATE ON office_journal
  BEGIN SELECT RAISE(ABORT, 'the office journal is append-only'); END;
CREATE TRIGGER office_journal_no_delete BEFORE DELETE ON office_journal
  BEGIN SELECT RAISE(ABORT, 'the office journal is append-only'); END;
CREATE TRIGGER card_history_journal AFTER INSERT ON card_history BEGIN
  INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail) VALUES (
    NEW.at, NEW.by,
    'card.' || CASE WHEN NEW.action LIKE 'withdrawn: %' THEN 'withdrawn' ELSE NEW.action END,
    NEW.card_id, COALESCE(json_extract(NEW.card, '$.enterprise_id'), ''),
    CASE WHEN NEW.action LIKE 'withdrawn: %' THEN substr(NEW.action, 12) ELSE '' END,
    json_object('before', json((SELECT p.card FROM card_history p WHERE p.card_id = NEW.card_id
                                AND p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1)),
                'after', json(NEW.card)));
END;
CREATE TRIGGER review_history_journal AFTER INSERT ON review_history BEGIN
  INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail) VALUES (
    NEW.reviewed_at, NEW.reviewed_by, 'review.' || NEW.state, NEW.inspection_id,
    COALESCE((SELECT i.enterprise_id FROM inspection i WHERE i.id = NEW.inspection_id), ''),
    NEW.reason,
    json_object('before', COALESCE((SELECT p.state FROM review_history p
                                    WHERE p.inspection_id = NEW.inspection_id AND p.seq < NEW.seq
                                    ORDER BY p.seq DESC LIMIT 1), 'received'),
                'after', NEW.state, 'reason', NEW.reason));
END;
)sql");
}

// Version 9: on-site finds (issue 14 item 2, findstore.h): the office's decision on each item
// an inspector recorded on site outside the plan (漏报). A confirmed find names the equipment row
// made of it; a dismissed one says why.
void addSiteFindsV9(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE site_find (
  check_id TEXT PRIMARY KEY,
  inspection_id TEXT NOT NULL,
  enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
  state TEXT NOT NULL CHECK (state IN ('confirmed', 'dismissed')),
  equipment_id TEXT UNIQUE REFERENCES equipment(id),
  reason TEXT NOT NULL DEFAULT '',
  decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL,
  CHECK ((state = 'confirmed') = (equipment_id IS NOT NULL)),
  CHECK (state = 'confirmed' OR reason <> '')
);
CREATE INDEX site_find_inspection ON site_find(inspection_id);
)sql");
}

// Version 10: tip-offs (issue 14 item 3, tipoffstore.h): the register, the task made from each,
// and the visit that closed it with its finding.
void addTipoffsV10(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE tipoff (
  id TEXT PRIMARY KEY,
  received_on TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('phone', 'letter', 'web', 'media')),
  content TEXT NOT NULL,
  enterprise_id TEXT NOT NULL REFERENCES enterprise(id),
  reporter_contact TEXT NOT NULL DEFAULT '',
  task_id TEXT NOT NULL DEFAULT '',
  inspection_id TEXT NOT NULL DEFAULT '',
  outcome TEXT NOT NULL DEFAULT '',
  unreported INTEGER NOT NULL DEFAULT 0,
  closed_on TEXT NOT NULL DEFAULT '',
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
);
CREATE INDEX tipoff_enterprise ON tipoff(enterprise_id);
)sql");
}

// Version 11 (issue 14 item 4, publicationstore.h): each published list frozen as a numbered batch,
// its table kept as JSON text so that it downloads the same bytes later; never changed or deleted.
void addPublicationsV11(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE publication (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  list TEXT NOT NULL,
  batch INTEGER NOT NULL CHECK (batch >= 1),
  title TEXT NOT NULL,
  published_on TEXT NOT NULL,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  content TEXT NOT NULL,
  UNIQUE (list, batch)
);
CREATE TRIGGER publication_no_update BEFORE UPDATE ON publication
  BEGIN SELECT RAISE(ABORT, 'a published batch is never changed'); END;
CREATE TRIGGER publication_no_delete BEFORE DELETE ON publication
  BEGIN SELECT RAISE(ABORT, 'a published batch is never deleted'); END;
)sql");
}

// Version 12 (issue 14 item 5): the office's settings (the progress below which a region is slow),
// with who set each last; the journal keeps every change.
void addOfficeSettingsV12(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE office_setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  changed_by TEXT NOT NULL
);
)sql");
}

// Version 13: the department of each account (issue 14 item 7, domain/department.h). Accounts
// from before get none: office accounts keep their office-wide rights until an admin assigns
// one. Self-contained: it touches app_user only.
void addDepartmentV13(Database &db)
{
    db.execScript("ALTER TABLE app_user ADD COLUMN department TEXT NOT NULL DEFAULT 'none';");
}

// Version 14 (issue 18 item 1, issue 16 item 9): what several servers on one database must
// share: the web page's sessions (only the SHA-256 of the cookie id) and the idempotency keys of
// its changes (sessionstore.h), and each device's last authentication (at most one write a
// minute). Self-contained: new tables, and one column on device.
void addSharedSessionsV14(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE web_session (
  id_hash TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  expires_ms INTEGER NOT NULL
);
CREATE INDEX web_session_expires ON web_session(expires_ms);
CREATE INDEX web_session_user ON web_session(username);
CREATE TABLE web_idempotency (
  username TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  claimed_ms INTEGER NOT NULL,
  status INTEGER,
  body BLOB,
  content_type TEXT,
  PRIMARY KEY (username, key)
);
CREATE INDEX web_idempotency_claimed ON web_idempotency(claimed_ms);
ALTER TABLE device ADD COLUMN last_seen_at TEXT;
)sql");
}

// Version 15 (issue 18 item 5): the change log indexed by scope key, so that the pull of a small
// scope reads its own entries and not the whole log. change_key holds, for each change_log entry,
// the keys a scope finds it by (before and after the change): "g:<region>" for region rows,
// "u:<username>" for each assignee of a task ("u:*" when the assignees cannot be split), and
// "r:<region>" and "e:<enterprise>" for every other row. A trigger writes them, so every way an
// entry is written (the store, a seed or benchmark in plain SQL) is indexed alike. The entries
// already there are indexed here. Self-contained: it reads change_log only.
void addChangeKeysV15(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE change_key (
  key TEXT NOT NULL,
  seq INTEGER NOT NULL,
  PRIMARY KEY (key, seq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO change_key (key, seq)
  SELECT CASE WHEN type = 'region' THEN 'g:' ELSE 'r:' END || region_id, seq FROM change_log
    WHERE type <> 'task' AND region_id <> ''
  UNION ALL SELECT CASE WHEN type = 'region' THEN 'g:' ELSE 'r:' END || old_region_id, seq
    FROM change_log WHERE type <> 'task' AND old_region_id <> ''
  UNION ALL SELECT 'e:' || enterprise_id, seq FROM change_log
    WHERE type NOT IN ('task', 'region') AND enterprise_id <> ''
  UNION ALL SELECT 'e:' || old_enterprise_id, seq FROM change_log
    WHERE type NOT IN ('task', 'region') AND old_enterprise_id <> ''
  UNION ALL SELECT 'u:' || j.value, c.seq FROM change_log c, json_each(
      CASE WHEN json_valid('["' || replace(replace(replace(c.assignees || char(10) || c.old_assignees, '\', '\\'), '"', '\"'), char(10), '","') || '"]') THEN '["' || replace(replace(replace(c.assignees || char(10) || c.old_assignees, '\', '\\'), '"', '\"'), char(10), '","') || '"]' ELSE '["*"]' END) j
    WHERE c.type = 'task' AND j.value <> '';
CREATE TRIGGER change_log_keys AFTER INSERT ON change_log BEGIN
  INSERT OR IGNORE INTO change_key (key, seq)
    SELECT CASE WHEN NEW.type = 'region' THEN 'g:' ELSE 'r:' END || NEW.region_id, NEW.seq
      WHERE NEW.type <> 'task' AND NEW.region_id <> ''
    UNION ALL SELECT CASE WHEN NEW.type = 'region' THEN 'g:' ELSE 'r:' END || NEW.old_region_id,
      NEW.seq WHERE NEW.type <> 'task' AND NEW.old_region_id <> ''
    UNION ALL SELECT 'e:' || NEW.enterprise_id, NEW.seq
      WHERE NEW.type NOT IN ('task', 'region') AND NEW.enterprise_id <> ''
    UNION ALL SELECT 'e:' || NEW.old_enterprise_id, NEW.seq
      WHERE NEW.type NOT IN ('task', 'region') AND NEW.old_enterprise_id <> ''
    UNION ALL SELECT 'u:' || j.value, NEW.seq FROM json_each(
        CASE WHEN json_valid('["' || replace(replace(replace(NEW.assignees || char(10) || NEW.old_assignees, '\', '\\'), '"', '\"'), char(10), '","') || '"]') THEN '["' || replace(replace(replace(NEW.assignees || char(10) || NEW.old_assignees, '\', '\\'), '"', '\"'), char(10), '","') || '"]' ELSE '["*"]' END) j
      WHERE NEW.type = 'task' AND j.value <> '';
END;
)sql");
}

// Version 16 (issue 18 item 1): the sign-in throttle's failures (domain/throttlestore.h), per
// account name and per client address, so that every server on the database counts every guess
// and a restart forgets no lock. Self-contained: a new table.
void addSignInFailuresV16(Database &db)
{
    db.execScript(R"sql(
CREATE TABLE signin_failure (
  kind TEXT NOT NULL CHECK (kind IN ('account', 'address')),
  key TEXT NOT NULL,
  failures INTEGER NOT NULL,
  last_ms INTEGER NOT NULL,
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX signin_failure_last ON signin_failure(kind, last_ms);
)sql");
}

const std::array<MigrationStep, 16> kSteps{createV1,           addRejectedAuditIndexV2,
                                           addCardLifecycleV3, addStatementsV4,
                                           addOfficeLogV5,     addEpochV6,
                                           addReviewerV7,      addJournalV8,
                                           addSiteFindsV9,     addTipoffsV10,
                                           addPublicationsV11, addOfficeSettingsV12,
                                           addDepartmentV13,   addSharedSessionsV14,
                                           addChangeKeysV15,   addSignInFailuresV16};

} // namespace

std::span<const MigrationStep> officeSchemaSteps()
{
    return kSteps;
}

} // namespace fp
