#include "device/deviceschema.h"

#include <array>

namespace fp {

namespace {

// Version 1: office-owned rows as pulled, device-owned evidence, the outbox and sync state.
// Office-owned tables carry no foreign keys: pulled pages may arrive in any order, and a row
// leaving the device's scope must never take the inspector's evidence with it.
constexpr const char *kVersion1 = R"sql(
CREATE TABLE regions (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE enterprises (
    id TEXT PRIMARY KEY, credit_code TEXT NOT NULL, name TEXT NOT NULL,
    region_id TEXT NOT NULL, industry TEXT NOT NULL, address TEXT NOT NULL,
    legal_representative TEXT NOT NULL, contact_phone TEXT NOT NULL, lat REAL, lon REAL,
    accuracy_m REAL);
CREATE INDEX enterprises_region ON enterprises(region_id);
CREATE TABLE equipment (
    id TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL, kind TEXT NOT NULL, spec TEXT NOT NULL,
    count INTEGER NOT NULL, capacity_value REAL NOT NULL, capacity_unit TEXT NOT NULL,
    location_in_plant TEXT NOT NULL, plan_year INTEGER NOT NULL, action TEXT NOT NULL,
    dismantle_deadline TEXT);
CREATE INDEX equipment_enterprise ON equipment(enterprise_id);
CREATE TABLE cards (
    id TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL, standard TEXT NOT NULL,
    level TEXT NOT NULL, department TEXT NOT NULL, issued_on TEXT NOT NULL, rectify_by TEXT,
    extended_to TEXT, state TEXT NOT NULL);
CREATE INDEX cards_enterprise ON cards(enterprise_id);
CREATE TABLE tasks (
    id TEXT PRIMARY KEY, enterprise_id TEXT NOT NULL, kind TEXT NOT NULL, due TEXT NOT NULL,
    inspectors TEXT NOT NULL);
CREATE INDEX tasks_enterprise ON tasks(enterprise_id);

CREATE TABLE inspections (
    id TEXT PRIMARY KEY, task_id TEXT, enterprise_id TEXT NOT NULL, kind TEXT NOT NULL,
    inspectors TEXT NOT NULL, representative TEXT NOT NULL, started_at TEXT NOT NULL,
    finished_at TEXT, lat REAL, lon REAL, accuracy_m REAL,
    state TEXT NOT NULL CHECK (state IN ('draft', 'final')), notes TEXT NOT NULL,
    revision INTEGER NOT NULL);
CREATE INDEX inspections_enterprise ON inspections(enterprise_id);
CREATE TABLE equipment_checks (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    equipment_id TEXT, unlisted TEXT, finding TEXT NOT NULL,
    water_cut INTEGER NOT NULL, power_cut INTEGER NOT NULL,
    power_units_removed INTEGER NOT NULL, main_equipment_sealed INTEGER NOT NULL,
    seal_numbers TEXT NOT NULL, notes TEXT NOT NULL, lat REAL, lon REAL, accuracy_m REAL,
    checked_at TEXT NOT NULL);
CREATE INDEX checks_inspection ON equipment_checks(inspection_id);
CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
    check_id TEXT REFERENCES equipment_checks(id) ON DELETE CASCADE,
    tag TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, width INTEGER NOT NULL,
    height INTEGER NOT NULL, taken_at TEXT NOT NULL, lat REAL, lon REAL, accuracy_m REAL,
    caption TEXT NOT NULL);
CREATE INDEX photos_inspection ON photos(inspection_id);
CREATE INDEX photos_check ON photos(check_id);
CREATE INDEX photos_sha256 ON photos(sha256);
CREATE TABLE opinions (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL UNIQUE REFERENCES inspections(id) ON DELETE CASCADE,
    verdict TEXT NOT NULL, text TEXT NOT NULL, follow_up_deadline TEXT,
    signatures TEXT NOT NULL);

-- One pending row per record: a later change replaces the payload and raises the version.
CREATE TABLE outbox (
    item_type TEXT NOT NULL, item_id TEXT NOT NULL, version INTEGER NOT NULL,
    payload TEXT NOT NULL, queued_at TEXT NOT NULL,
    PRIMARY KEY (item_type, item_id));
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
)sql";

// Version 2: corrections name the final inspection they amend; the office's review state is
// pulled; and final inspections become immutable in SQL itself, not only in the store's code.
constexpr const char *kVersion2 = R"sql(
ALTER TABLE inspections ADD COLUMN amends_id TEXT REFERENCES inspections(id);
CREATE TABLE reviews (
    inspection_id TEXT PRIMARY KEY, state TEXT NOT NULL, reason TEXT NOT NULL,
    reviewed_at TEXT NOT NULL);

CREATE TRIGGER inspections_final_update BEFORE UPDATE ON inspections
WHEN OLD.state = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final and cannot be changed'); END;
CREATE TRIGGER inspections_final_delete BEFORE DELETE ON inspections
WHEN OLD.state = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final and cannot be deleted'); END;
CREATE TRIGGER equipment_checks_final_insert BEFORE INSERT ON equipment_checks
WHEN (SELECT state FROM inspections WHERE id = NEW.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: equipment_checks cannot be added'); END;
CREATE TRIGGER equipment_checks_final_update BEFORE UPDATE ON equipment_checks
WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) = 'final' OR (SELECT state FROM inspections WHERE id = NEW.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: equipment_checks cannot be changed'); END;
CREATE TRIGGER equipment_checks_final_delete BEFORE DELETE ON equipment_checks
WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: equipment_checks cannot be removed'); END;
CREATE TRIGGER photos_final_insert BEFORE INSERT ON photos
WHEN (SELECT state FROM inspections WHERE id = NEW.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: photos cannot be added'); END;
CREATE TRIGGER photos_final_update BEFORE UPDATE ON photos
WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) = 'final' OR (SELECT state FROM inspections WHERE id = NEW.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: photos cannot be changed'); END;
CREATE TRIGGER photos_final_delete BEFORE DELETE ON photos
WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: photos cannot be removed'); END;
CREATE TRIGGER opinions_final_insert BEFORE INSERT ON opinions
WHEN (SELECT state FROM inspections WHERE id = NEW.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: opinions cannot be added'); END;
CREATE TRIGGER opinions_final_update BEFORE UPDATE ON opinions
WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) = 'final' OR (SELECT state FROM inspections WHERE id = NEW.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: opinions cannot be changed'); END;
CREATE TRIGGER opinions_final_delete BEFORE DELETE ON opinions
WHEN (SELECT state FROM inspections WHERE id = OLD.inspection_id) = 'final'
BEGIN SELECT RAISE(ABORT, 'inspection is final: opinions cannot be removed'); END;
)sql";

// Version 3: a photo records where it came from; every photo taken before was a camera photo.
constexpr const char *kVersion3 = R"sql(
ALTER TABLE photos ADD COLUMN source TEXT NOT NULL DEFAULT 'camera';
)sql";

// Version 4: the signed statement of each final inspection (docs/protocol.md), made in the
// finalise transaction. `statement` holds its canonical bytes; (device_id, seq) is the device's
// chain, and a final statement is as immutable as its inspection.
constexpr const char *kVersion4 = R"sql(
CREATE TABLE statements (
    inspection_id TEXT PRIMARY KEY REFERENCES inspections(id),
    inspection_version INTEGER NOT NULL,
    device_id TEXT NOT NULL, seq INTEGER NOT NULL, prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL, statement TEXT NOT NULL, signature TEXT NOT NULL,
    UNIQUE (device_id, seq));
CREATE TRIGGER statements_update BEFORE UPDATE ON statements
BEGIN SELECT RAISE(ABORT, 'a signed statement cannot be changed'); END;
CREATE TRIGGER statements_delete BEFORE DELETE ON statements
BEGIN SELECT RAISE(ABORT, 'a signed statement cannot be deleted'); END;
)sql";

// Version 5: a recorded position keeps how old its fix was when it was used (whole seconds) and
// whether the source marked it as simulated (a mock location, a replayed recording).
constexpr const char *kVersion5 = R"sql(
ALTER TABLE inspections ADD COLUMN fix_age_s INTEGER;
ALTER TABLE inspections ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE equipment_checks ADD COLUMN fix_age_s INTEGER;
ALTER TABLE equipment_checks ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE photos ADD COLUMN fix_age_s INTEGER;
ALTER TABLE photos ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;
)sql";

// Version 6: the files the device freed once the office had acknowledged their inspections and
// the office's last verified backup held them (issue 17; DeviceStore::releaseBackedUpFiles). The
// rows that name them stay; a freed file is known, not lost.
constexpr const char *kVersion6 = R"sql(
CREATE TABLE released_files (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, released_at TEXT NOT NULL);
)sql";

const std::array<MigrationStep, 6> kSteps = {
    [](Database &db) { db.execScript(kVersion1); }, [](Database &db) { db.execScript(kVersion2); },
    [](Database &db) { db.execScript(kVersion3); }, [](Database &db) { db.execScript(kVersion4); },
    [](Database &db) { db.execScript(kVersion5); }, [](Database &db) { db.execScript(kVersion6); },
};

} // namespace

std::span<const MigrationStep> deviceSchemaSteps()
{
    return kSteps;
}

} // namespace fp
