#include "server/pgstore/pgschema.h"

#include "db/migrations.h"
#include "server/storage/officeepoch.h"

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

// Version 2: the devices' sync (SyncStore): the office-owned rows a pull sends besides regions
// and enterprises (equipment, cards, tasks), the inspections pushed with their reviews and
// audit, the change log the pull feed walks, the devices' statement chains, the office log
// (leaves and signed heads, append-only by trigger) and the office's epoch. Sequence columns
// are identities; change_log.seq and log_leaf.idx are assigned under kChangeLogLock
// (pgofficestore.h), so that their order is the order in which the transactions commit.
void addSyncV2(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE equipment (
  id text COLLATE "C" PRIMARY KEY,
  enterprise_id text COLLATE "C" NOT NULL REFERENCES enterprise(id),
  natural_key text COLLATE "C" NOT NULL UNIQUE,
  sheet_line bigint NOT NULL DEFAULT 0,
  kind text NOT NULL,
  spec text NOT NULL DEFAULT '',
  count bigint NOT NULL,
  capacity_value double precision NOT NULL,
  capacity_unit text NOT NULL,
  location_in_plant text NOT NULL DEFAULT '',
  plan_year bigint NOT NULL,
  action text NOT NULL,
  dismantle_deadline text
);
CREATE INDEX equipment_enterprise ON equipment(enterprise_id);
CREATE TABLE card (
  id text COLLATE "C" PRIMARY KEY,
  enterprise_id text COLLATE "C" NOT NULL REFERENCES enterprise(id),
  standard text NOT NULL,
  level text NOT NULL,
  department text NOT NULL,
  issued_on text COLLATE "C" NOT NULL,
  rectify_by text COLLATE "C",
  extended_to text COLLATE "C",
  state text NOT NULL,
  extension_applied_on text,
  extension_reason text,
  source_card_id text COLLATE "C"
);
CREATE INDEX card_enterprise ON card(enterprise_id);
CREATE TABLE task (
  id text COLLATE "C" PRIMARY KEY,
  enterprise_id text COLLATE "C" NOT NULL REFERENCES enterprise(id),
  kind text NOT NULL,
  due text COLLATE "C" NOT NULL
);
CREATE TABLE task_inspector (
  task_id text COLLATE "C" NOT NULL REFERENCES task(id) ON DELETE CASCADE,
  position bigint NOT NULL,
  username text COLLATE "C" NOT NULL,
  PRIMARY KEY (task_id, username)
);
CREATE TABLE inspection (
  id text COLLATE "C" PRIMARY KEY,
  version bigint NOT NULL,
  state text NOT NULL,
  enterprise_id text COLLATE "C" NOT NULL,
  kind text NOT NULL,
  device_id text COLLATE "C" NOT NULL,
  content_hash text NOT NULL,
  data text NOT NULL,
  device_time text COLLATE "C" NOT NULL,
  received_at text COLLATE "C" NOT NULL,
  statement text,
  statement_signature text
);
CREATE INDEX inspection_enterprise ON inspection(enterprise_id);
CREATE TABLE review (
  inspection_id text COLLATE "C" PRIMARY KEY REFERENCES inspection(id),
  state text NOT NULL,
  reason text NOT NULL DEFAULT '',
  reviewed_at text COLLATE "C" NOT NULL
);
CREATE TABLE push_audit (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  received_at text COLLATE "C" NOT NULL,
  device_id text COLLATE "C" NOT NULL,
  batch_id text NOT NULL,
  type text NOT NULL,
  item_id text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  content_hash text NOT NULL,
  status text NOT NULL,
  code text,
  reason text,
  device_time text NOT NULL,
  signature text,
  prev_hash text,
  data text
);
CREATE INDEX push_audit_rejected ON push_audit(seq) WHERE status = 'rejected';
CREATE TABLE change_log (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  type text COLLATE "C" NOT NULL,
  row_id text COLLATE "C" NOT NULL,
  region_id text COLLATE "C" NOT NULL DEFAULT '',
  enterprise_id text COLLATE "C" NOT NULL DEFAULT '',
  assignees text COLLATE "C" NOT NULL DEFAULT '',
  old_region_id text COLLATE "C" NOT NULL DEFAULT '',
  old_enterprise_id text COLLATE "C" NOT NULL DEFAULT '',
  old_assignees text COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX change_log_row ON change_log(type, row_id, seq);
CREATE TABLE device_statement (
  device_id text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  prev_hash text NOT NULL,
  inspection_id text COLLATE "C" NOT NULL,
  received_at text COLLATE "C" NOT NULL,
  PRIMARY KEY (device_id, seq)
);
CREATE TABLE chain_event (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  device_id text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('gap', 'fork')),
  statement_seq bigint NOT NULL,
  detail text NOT NULL,
  at text COLLATE "C" NOT NULL
);
CREATE INDEX chain_event_device ON chain_event(device_id, seq);
CREATE TABLE log_leaf (
  idx bigint PRIMARY KEY,
  type text NOT NULL,
  record text COLLATE "C" NOT NULL,
  leaf bytea NOT NULL,
  leaf_hash bytea NOT NULL,
  appended_at text COLLATE "C" NOT NULL
);
CREATE TABLE log_head (
  tree_size bigint PRIMARY KEY,
  timestamp_ms bigint NOT NULL,
  root_hash text NOT NULL,
  signature text NOT NULL
);
CREATE FUNCTION fp_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$fn$;
CREATE TRIGGER log_leaf_append_only BEFORE UPDATE OR DELETE ON log_leaf
  FOR EACH ROW EXECUTE FUNCTION fp_refuse_change();
CREATE TRIGGER log_head_append_only BEFORE UPDATE OR DELETE ON log_head
  FOR EACH ROW EXECUTE FUNCTION fp_refuse_change();
CREATE TABLE office_meta (
  key text COLLATE "C" PRIMARY KEY,
  value text NOT NULL
);
)sql");
    db.exec("INSERT INTO office_meta (key, value) VALUES ('epoch', $1)", {newEpochId()});
}

// Version 3: the card lifecycle (PlanStore): every card change with who made it and when, the
// card as it was after it (JSON). Cards, equipment and tasks themselves came with version 2.
void addCardHistoryV3(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE card_history (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  card_id text COLLATE "C" NOT NULL,
  at text COLLATE "C" NOT NULL,
  by text NOT NULL,
  action text NOT NULL,
  card text NOT NULL
);
CREATE INDEX card_history_card ON card_history(card_id, seq);
)sql");
}

// Version 4: the department of each account (issue 14 item 7), as SQLite's office schema step
// for it; accounts from before get none.
void addDepartmentV4(PgConnection &db)
{
    db.execScript("ALTER TABLE app_user ADD COLUMN department text NOT NULL DEFAULT 'none';");
}

// Version 5: every review decision (ReviewStore), as SQLite's review_history: the review row
// holds only the latest, this table each decision with who made it; append-only by trigger. Each
// decision is a leaf of the office log whose record is its seq; an enterprise's evidence finds
// the leaves of its records by (type, record). Nothing to copy from before: no
// decision could be made on PostgreSQL before this step. fp_refuse_change is version 2's.
void addReviewHistoryV5(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE review_history (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  inspection_id text COLLATE "C" NOT NULL,
  state text NOT NULL,
  reason text NOT NULL,
  reviewed_at text COLLATE "C" NOT NULL,
  reviewed_by text NOT NULL DEFAULT ''
);
CREATE INDEX review_history_inspection ON review_history(inspection_id, seq);
CREATE INDEX log_leaf_record ON log_leaf(type, record, idx);
CREATE TRIGGER review_history_append_only BEFORE UPDATE OR DELETE ON review_history
  FOR EACH ROW EXECUTE FUNCTION fp_refuse_change();
)sql");
}

// Version 6: the office's own records, as SQLite's office schema steps 8 to 12 (issue 14 items 2
// to 6): the office journal (append-only; card changes and review decisions reach it by trigger
// in the transaction of the change, what the office did before this step copied in, oldest
// first), on-site find decisions, tip-offs, published batches (never changed or deleted) and the
// office settings. Self-contained: review_history (another step) is journalled by trigger only
// when it exists already; a step that adds it later attaches fp_journal_review itself.
void addOfficeRecordsV6(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE office_journal (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at text COLLATE "C" NOT NULL,
  account text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL,
  target text COLLATE "C" NOT NULL DEFAULT '',
  enterprise_id text COLLATE "C" NOT NULL DEFAULT '',
  summary text NOT NULL DEFAULT '',
  detail text NOT NULL DEFAULT '{}'
);
CREATE INDEX office_journal_account ON office_journal(account, seq);
CREATE INDEX office_journal_kind ON office_journal(kind, seq);
CREATE INDEX office_journal_enterprise ON office_journal(enterprise_id, seq);
CREATE TRIGGER office_journal_append_only BEFORE UPDATE OR DELETE ON office_journal
  FOR EACH ROW EXECUTE FUNCTION fp_refuse_change();
CREATE FUNCTION fp_journal_card() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail) VALUES (
    NEW.at, NEW."by",
    'card.' || CASE WHEN NEW.action LIKE 'withdrawn: %' THEN 'withdrawn' ELSE NEW.action END,
    NEW.card_id, COALESCE(NEW.card::json ->> 'enterprise_id', ''),
    CASE WHEN NEW.action LIKE 'withdrawn: %' THEN substr(NEW.action, 12) ELSE '' END,
    json_build_object('before', (SELECT p.card::json FROM card_history p
                                 WHERE p.card_id = NEW.card_id AND p.seq < NEW.seq
                                 ORDER BY p.seq DESC LIMIT 1),
                      'after', NEW.card::json)::text);
  RETURN NULL;
END
$fn$;
CREATE FUNCTION fp_journal_review() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail) VALUES (
    NEW.reviewed_at, NEW.reviewed_by, 'review.' || NEW.state, NEW.inspection_id,
    COALESCE((SELECT i.enterprise_id FROM inspection i WHERE i.id = NEW.inspection_id), ''),
    NEW.reason,
    json_build_object('before', COALESCE((SELECT p.state FROM review_history p
                                          WHERE p.inspection_id = NEW.inspection_id
                                          AND p.seq < NEW.seq ORDER BY p.seq DESC LIMIT 1),
                                         'received'),
                      'after', NEW.state, 'reason', NEW.reason)::text);
  RETURN NULL;
END
$fn$;
CREATE FUNCTION fp_journal_copy_card() RETURNS TABLE (at text, account text, kind text,
  target text, enterprise_id text, summary text, detail text, source int, seq bigint)
  LANGUAGE sql AS $fn$
SELECT h.at, h."by",
       'card.' || CASE WHEN h.action LIKE 'withdrawn: %' THEN 'withdrawn' ELSE h.action END,
       h.card_id, COALESCE(h.card::json ->> 'enterprise_id', ''),
       CASE WHEN h.action LIKE 'withdrawn: %' THEN substr(h.action, 12) ELSE '' END,
       json_build_object('before', (SELECT p.card::json FROM card_history p
                                    WHERE p.card_id = h.card_id AND p.seq < h.seq
                                    ORDER BY p.seq DESC LIMIT 1),
                         'after', h.card::json)::text,
       0, h.seq
  FROM card_history h
$fn$;
CREATE TRIGGER card_history_journal AFTER INSERT ON card_history
  FOR EACH ROW EXECUTE FUNCTION fp_journal_card();
DO $do$
BEGIN
  IF to_regclass('review_history') IS NULL THEN
    INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail)
    SELECT c.at, c.account, c.kind, c.target, c.enterprise_id, c.summary, c.detail
      FROM fp_journal_copy_card() c ORDER BY c.at COLLATE "C", c.seq;
  ELSE
    EXECUTE $copy$
      INSERT INTO office_journal (at, account, kind, target, enterprise_id, summary, detail)
      SELECT at, account, kind, target, enterprise_id, summary, detail FROM (
        SELECT * FROM fp_journal_copy_card()
        UNION ALL
        SELECT r.reviewed_at, r.reviewed_by, 'review.' || r.state, r.inspection_id,
               COALESCE((SELECT i.enterprise_id FROM inspection i
                         WHERE i.id = r.inspection_id), ''),
               r.reason,
               json_build_object('before', COALESCE((SELECT p.state FROM review_history p
                                                     WHERE p.inspection_id = r.inspection_id
                                                     AND p.seq < r.seq
                                                     ORDER BY p.seq DESC LIMIT 1), 'received'),
                                 'after', r.state, 'reason', r.reason)::text,
               1, r.seq
          FROM review_history r) x
      ORDER BY at COLLATE "C", source, seq
    $copy$;
    CREATE TRIGGER review_history_journal AFTER INSERT ON review_history
      FOR EACH ROW EXECUTE FUNCTION fp_journal_review();
  END IF;
END
$do$;
DROP FUNCTION fp_journal_copy_card();
CREATE TABLE site_find (
  check_id text COLLATE "C" PRIMARY KEY,
  inspection_id text COLLATE "C" NOT NULL,
  enterprise_id text COLLATE "C" NOT NULL REFERENCES enterprise(id),
  state text NOT NULL CHECK (state IN ('confirmed', 'dismissed')),
  equipment_id text COLLATE "C" UNIQUE REFERENCES equipment(id),
  reason text NOT NULL DEFAULT '',
  decided_at text COLLATE "C" NOT NULL,
  decided_by text NOT NULL,
  CHECK ((state = 'confirmed') = (equipment_id IS NOT NULL)),
  CHECK (state = 'confirmed' OR reason <> '')
);
CREATE INDEX site_find_inspection ON site_find(inspection_id);
CREATE TABLE tipoff (
  id text COLLATE "C" PRIMARY KEY,
  received_on text COLLATE "C" NOT NULL,
  channel text NOT NULL CHECK (channel IN ('phone', 'letter', 'web', 'media')),
  content text NOT NULL,
  enterprise_id text COLLATE "C" NOT NULL REFERENCES enterprise(id),
  reporter_contact text NOT NULL DEFAULT '',
  task_id text COLLATE "C" NOT NULL DEFAULT '',
  inspection_id text COLLATE "C" NOT NULL DEFAULT '',
  outcome text NOT NULL DEFAULT '',
  unreported bigint NOT NULL DEFAULT 0,
  closed_on text COLLATE "C" NOT NULL DEFAULT '',
  added_at text COLLATE "C" NOT NULL,
  added_by text NOT NULL
);
CREATE INDEX tipoff_enterprise ON tipoff(enterprise_id);
CREATE TABLE publication (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  list text COLLATE "C" NOT NULL,
  batch bigint NOT NULL CHECK (batch >= 1),
  title text NOT NULL,
  published_on text COLLATE "C" NOT NULL,
  published_at text COLLATE "C" NOT NULL,
  published_by text NOT NULL,
  row_count bigint NOT NULL,
  content text NOT NULL,
  UNIQUE (list, batch)
);
CREATE FUNCTION fp_refuse_publication_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'a published batch is never %', CASE TG_OP WHEN 'DELETE' THEN 'deleted'
                                                              ELSE 'changed' END;
END
$fn$;
CREATE TRIGGER publication_never_changed BEFORE UPDATE OR DELETE ON publication
  FOR EACH ROW EXECUTE FUNCTION fp_refuse_publication_change();
CREATE TABLE office_setting (
  key text COLLATE "C" PRIMARY KEY,
  value text NOT NULL,
  changed_at text COLLATE "C" NOT NULL,
  changed_by text NOT NULL
);
)sql");
}

// Version 7 (issue 18 item 1, issue 16 item 9), as SQLite's office schema step 14: the web
// page's sessions and the idempotency keys of its changes, shared by every server on this
// database (sessionstore.h), and each device's last authentication. Self-contained: new tables,
// and one column on device. An answer's body is bytea: it is kept byte for byte.
void addSharedSessionsV7(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE web_session (
  id_hash text COLLATE "C" PRIMARY KEY,
  username text COLLATE "C" NOT NULL,
  role text NOT NULL,
  csrf_token text NOT NULL,
  expires_ms bigint NOT NULL
);
CREATE INDEX web_session_expires ON web_session(expires_ms);
CREATE INDEX web_session_user ON web_session(username);
CREATE TABLE web_idempotency (
  username text COLLATE "C" NOT NULL,
  key text COLLATE "C" NOT NULL,
  fingerprint text NOT NULL,
  claimed_ms bigint NOT NULL,
  status integer,
  body bytea,
  content_type text,
  PRIMARY KEY (username, key)
);
CREATE INDEX web_idempotency_claimed ON web_idempotency(claimed_ms);
ALTER TABLE device ADD COLUMN last_seen_at text COLLATE "C";
)sql");
}

// Version 8 (issue 18 item 5): the change log indexed by scope key, as SQLite's office schema
// step for it (the same keys: "g:<region>" for region rows, "u:<username>" for each assignee of
// a task, "r:<region>" and "e:<enterprise>" for every other row, before and after the change),
// written by a trigger; the entries already there are indexed here. Self-contained: it reads
// change_log only.
void addChangeKeysV8(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE change_key (
  key text COLLATE "C" NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (key, seq)
);
CREATE FUNCTION change_keys_of(k_type text, k_region text, k_enterprise text, k_assignees text,
                               k_old_region text, k_old_enterprise text, k_old_assignees text)
RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $fn$
  SELECT DISTINCT k FROM (
    SELECT CASE WHEN k_type = 'region' THEN 'g:' ELSE 'r:' END || r AS k
      FROM unnest(ARRAY[k_region, k_old_region]) AS r WHERE k_type <> 'task' AND r <> ''
    UNION ALL SELECT 'e:' || e FROM unnest(ARRAY[k_enterprise, k_old_enterprise]) AS e
      WHERE k_type NOT IN ('task', 'region') AND e <> ''
    UNION ALL SELECT 'u:' || u
      FROM unnest(string_to_array(k_assignees || E'\n' || k_old_assignees, E'\n')) AS u
      WHERE k_type = 'task' AND u <> ''
  ) AS keys
$fn$;
INSERT INTO change_key (key, seq)
  SELECT k, c.seq FROM change_log c, change_keys_of(c.type, c.region_id, c.enterprise_id,
    c.assignees, c.old_region_id, c.old_enterprise_id, c.old_assignees) AS k;
CREATE FUNCTION change_log_keys() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO change_key (key, seq)
    SELECT k, NEW.seq FROM change_keys_of(NEW.type, NEW.region_id, NEW.enterprise_id,
      NEW.assignees, NEW.old_region_id, NEW.old_enterprise_id, NEW.old_assignees) AS k;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER change_log_keys AFTER INSERT ON change_log
  FOR EACH ROW EXECUTE FUNCTION change_log_keys();
)sql");
}

// Version 9 (issue 18 item 1), as SQLite's office schema step 16: the sign-in throttle's
// failures (domain/throttlestore.h), shared by every server on this database. Self-contained: a
// new table.
void addSignInFailuresV9(PgConnection &db)
{
    db.execScript(R"sql(
CREATE TABLE signin_failure (
  kind text NOT NULL CHECK (kind IN ('account', 'address')),
  key text COLLATE "C" NOT NULL,
  failures integer NOT NULL,
  last_ms bigint NOT NULL,
  PRIMARY KEY (kind, key)
);
CREATE INDEX signin_failure_last ON signin_failure(kind, last_ms);
)sql");
}

// Version 10 (issue 18 item 1): push_audit and office_journal numbered in commit order, as the
// change log is (pgofficestore.h). A BEFORE INSERT trigger takes the change-log advisory lock
// (kChangeLogLock, "FPCHANGE") and only then the row's number from the table's own sequence
// (the identity, which hands numbers out before any trigger runs, is dropped; the new sequence
// goes on after the highest number held). The lock is held to the COMMIT, so a reader paging
// "before seq N" never meets a row below N committed later. The triggers that journal card and
// review changes are deferred to the COMMIT, so that a change's transaction takes the lock as
// its last step, not while it still locks rows. Self-contained: it names only its own tables.
void addCommitOrderedSeqV10(PgConnection &db)
{
    db.execScript(R"sql(
CREATE FUNCTION fp_seq_in_commit_order() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(5066623558404163397);
  NEW.seq := nextval(TG_ARGV[0]::regclass);
  RETURN NEW;
END
$fn$;
ALTER TABLE push_audit ALTER COLUMN seq DROP IDENTITY;
CREATE SEQUENCE push_audit_seq OWNED BY push_audit.seq;
SELECT setval('push_audit_seq', COALESCE((SELECT max(seq) FROM push_audit), 0) + 1, false);
CREATE TRIGGER push_audit_seq BEFORE INSERT ON push_audit
  FOR EACH ROW EXECUTE FUNCTION fp_seq_in_commit_order('push_audit_seq');
ALTER TABLE office_journal ALTER COLUMN seq DROP IDENTITY;
CREATE SEQUENCE office_journal_seq OWNED BY office_journal.seq;
SELECT setval('office_journal_seq', COALESCE((SELECT max(seq) FROM office_journal), 0) + 1,
              false);
CREATE TRIGGER office_journal_seq BEFORE INSERT ON office_journal
  FOR EACH ROW EXECUTE FUNCTION fp_seq_in_commit_order('office_journal_seq');
DROP TRIGGER card_history_journal ON card_history;
CREATE CONSTRAINT TRIGGER card_history_journal AFTER INSERT ON card_history
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fp_journal_card();
DROP TRIGGER IF EXISTS review_history_journal ON review_history;
CREATE CONSTRAINT TRIGGER review_history_journal AFTER INSERT ON review_history
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION fp_journal_review();
)sql");
}

const std::array<PgMigrationStep, 10> kSteps{createAccountsV1,    addSyncV2,
                                             addCardHistoryV3,    addDepartmentV4,
                                             addReviewHistoryV5,  addOfficeRecordsV6,
                                             addSharedSessionsV7, addChangeKeysV8,
                                             addSignInFailuresV9, addCommitOrderedSeqV10};

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
