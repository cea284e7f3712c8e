#include "device/devicestore.h"

#include "core/ids.h"
#include "core/json.h"
#include "core/sha256.h"
#include "crypto/statement.h"
#include "db/migrations.h"
#include "device/devicefull.h"
#include "device/deviceschema.h"
#include "device/rows.h"

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>

namespace fp {

namespace {

Database openMigrated(const std::filesystem::path &file)
{
    if (file.has_parent_path())
        std::filesystem::create_directories(file.parent_path());
    Database db(file);
    migrate(db, deviceSchemaSteps(), "device database " + file.string());
    // The only triggers that RAISE are the guards of final inspections (deviceschema.cpp).
    db.setStepFailureHook([](int code, const std::string &message) {
        if (code == SQLITE_CONSTRAINT_TRIGGER)
            throw ImmutableError(message);
    });
    return db;
}

/// Deletes the stored files among `blobs` that no photo row and no signature refers to any more
/// (the same bytes may be another photo's, or a signature's). After the commit that dropped the
/// last row: a kill before this leaves an orphan for the start-up sweep, never a missing file.
void dropUnreferenced(Database &db, PhotoStore &photos, const std::set<std::string> &blobs)
{
    for (const std::string &sha : blobs) {
        Statement q(db, "SELECT EXISTS (SELECT 1 FROM photos WHERE sha256 = ?1) OR EXISTS "
                        "(SELECT 1 FROM opinions, json_each(opinions.signatures) "
                        "WHERE json_extract(value, '$.sha256') = ?1)");
        q.bind(1, sha);
        if (!q.step() || q.integer(0) != 0)
            continue;
        try {
            photos.remove(sha);
        } catch (const std::filesystem::filesystem_error &) {
            // The row is gone either way; the file stays an orphan that the sweep reports.
        }
    }
}

} // namespace

DeviceStore::DeviceStore(const std::filesystem::path &dbFile, const std::filesystem::path &photoDir,
                         const Clock &clock)
    : m_clock(clock), m_file(dbFile), m_db(openMigrated(dbFile)), m_photos(photoDir),
      m_sweep(sweep()),
      m_keys(std::make_unique<FileSigningKeyStore>(FileSigningKeyStore::besideDatabase(dbFile)))
{
}

void DeviceStore::setSigningKeyStore(std::unique_ptr<SigningKeyStore> keys)
{
    m_keys = std::move(keys);
}

SweepReport DeviceStore::sweep()
{
    SweepReport report;
    report.temp_files_removed = m_photos.removeTempFiles();
    std::set<std::string> referenced;
    Statement photos(m_db, "SELECT sha256 FROM photos");
    while (photos.step())
        referenced.insert(photos.text(0));
    Statement signatures(m_db, "SELECT json_extract(value, '$.sha256') "
                               "FROM opinions, json_each(opinions.signatures)");
    while (signatures.step())
        referenced.insert(signatures.text(0));
    for (const std::string &blob : m_photos.list()) {
        if (!referenced.contains(blob))
            report.orphans.push_back(blob);
    }
    return report;
}

void DeviceStore::setDurableCommits(bool durable)
{
    m_db.execScript(durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}

bool DeviceStore::durableCommits()
{
    Statement s(m_db, "PRAGMA synchronous");
    s.step();
    return s.integer(0) == 2; // FULL
}

// ---- office-owned -------------------------------------------------------------------------

void DeviceStore::put(const Region &v)
{
    rows::upsert(m_db, v);
}
void DeviceStore::put(const Enterprise &v)
{
    rows::upsert(m_db, v);
}
void DeviceStore::put(const Equipment &v)
{
    rows::upsert(m_db, v);
}
void DeviceStore::put(const Card &v)
{
    rows::upsert(m_db, v);
}
void DeviceStore::put(const Task &v)
{
    rows::upsert(m_db, v);
}
void DeviceStore::put(const Review &v)
{
    rows::upsert(m_db, v);
}

void DeviceStore::removeOfficeRow(const std::string &type, const std::string &id)
{
    // One fixed statement per table: table names cannot be bound parameters.
    const char *sql = nullptr;
    if (type == "region")
        sql = "DELETE FROM regions WHERE id = ?";
    else if (type == "enterprise")
        sql = "DELETE FROM enterprises WHERE id = ?";
    else if (type == "equipment")
        sql = "DELETE FROM equipment WHERE id = ?";
    else if (type == "card")
        sql = "DELETE FROM cards WHERE id = ?";
    else if (type == "task")
        sql = "DELETE FROM tasks WHERE id = ?";
    else if (type == "review")
        sql = "DELETE FROM reviews WHERE inspection_id = ?";
    else
        throw Error("unknown office row type '" + type + "'");
    Statement(m_db, sql).bind(1, id).exec();
}

void DeviceStore::clearOfficeRows()
{
    m_db.execScript("DELETE FROM regions; DELETE FROM enterprises; DELETE FROM equipment; "
                    "DELETE FROM cards; DELETE FROM tasks; DELETE FROM reviews;");
}

std::vector<Region> DeviceStore::regions()
{
    return rows::regions(m_db);
}
std::vector<Enterprise> DeviceStore::enterprises()
{
    return rows::enterprises(m_db);
}
std::optional<Enterprise> DeviceStore::enterprise(const std::string &id)
{
    return rows::enterprise(m_db, id);
}
std::vector<Equipment> DeviceStore::equipmentOf(const std::string &enterpriseId)
{
    return rows::equipmentOf(m_db, enterpriseId);
}
std::vector<Card> DeviceStore::cardsOf(const std::string &enterpriseId)
{
    return rows::cardsOf(m_db, enterpriseId);
}
std::vector<Task> DeviceStore::tasks()
{
    return rows::tasks(m_db);
}
std::optional<Review> DeviceStore::review(const std::string &inspectionId)
{
    return rows::review(m_db, inspectionId);
}

std::vector<TaskSummary> DeviceStore::taskSummaries()
{
    return queries::taskSummaries(m_db);
}

std::vector<LatestFinding> DeviceStore::latestFindings(const std::string &enterpriseId)
{
    return queries::latestFindings(m_db, enterpriseId);
}

// ---- the inspector's evidence -------------------------------------------------------------

Inspection DeviceStore::requireDraft(const std::string &inspectionId)
{
    auto found = rows::inspection(m_db, inspectionId);
    if (!found)
        throw Error("no inspection " + inspectionId);
    if (found->state == InspectionState::Final)
        throw ImmutableError("inspection " + inspectionId +
                             " is final; start a correction to change it");
    return *found;
}

std::pair<std::int64_t, std::string> DeviceStore::touch(const std::string &inspectionId)
{
    InspectionBundle current = bundle(inspectionId);
    std::int64_t version = rows::revisionOf(m_db, inspectionId);
    // A draft's revision is raised here; a just-finalised inspection was written with its
    // final revision already (and its row can no longer be updated).
    if (current.inspection.state == InspectionState::Draft) {
        ++version;
        Statement(m_db, "UPDATE inspections SET revision = ? WHERE id = ?")
            .bind(1, version)
            .bind(2, inspectionId)
            .exec();
    }
    Statement s(m_db, "INSERT INTO outbox (item_type, item_id, version, payload, queued_at) "
                      "VALUES ('inspection', ?, ?, ?, ?) ON CONFLICT (item_type, item_id) DO "
                      "UPDATE SET version = excluded.version, payload = excluded.payload, "
                      "queued_at = excluded.queued_at");
    std::string payload = Json(current).dump();
    s.bind(1, inspectionId).bind(2, version);
    s.bind(3, payload).bind(4, formatTimestamp(m_clock.now()));
    s.exec();
    return {version, std::move(payload)};
}

Inspection DeviceStore::startInspection(const NewInspection &start)
{
    if (start.enterprise_id.empty())
        throw ValidationError("a visit needs an enterprise");
    Inspection i;
    i.id = newId(m_clock);
    i.task_id = start.task_id;
    i.enterprise_id = start.enterprise_id;
    i.kind = start.kind;
    i.inspectors = start.inspectors;
    i.representative = start.representative;
    i.started_at = formatTimestamp(m_clock.now());
    i.position = start.position;
    Transaction tx(m_db);
    rows::upsert(m_db, i, 0);
    touch(i.id);
    tx.commit();
    return i;
}

Inspection DeviceStore::amend(const std::string &finalId)
{
    Transaction tx(m_db);
    const InspectionBundle original = bundle(finalId);
    if (original.inspection.state != InspectionState::Final)
        throw ValidationError("only a final inspection can be corrected; edit the draft instead");
    Inspection i = original.inspection;
    i.id = newId(m_clock);
    i.state = InspectionState::Draft;
    i.started_at = formatTimestamp(m_clock.now());
    i.finished_at.reset();
    i.amends_id = finalId;
    rows::upsert(m_db, i, 0);
    std::map<std::string, std::string> checkIds;
    for (EquipmentCheck c : original.checks) {
        const std::string newCheckId = newId(m_clock);
        checkIds[c.id] = newCheckId;
        c.id = newCheckId;
        c.inspection_id = i.id;
        rows::upsert(m_db, c);
    }
    for (Photo p : original.photos) {
        p.id = newId(m_clock);
        p.inspection_id = i.id;
        if (p.check_id)
            p.check_id = checkIds.at(*p.check_id);
        rows::upsert(m_db, p);
    }
    if (original.opinion) {
        Opinion o = *original.opinion;
        o.id = newId(m_clock);
        o.inspection_id = i.id;
        o.signatures.clear();
        rows::upsert(m_db, o);
    }
    touch(i.id);
    tx.commit();
    return i;
}

void DeviceStore::updateInspection(const Inspection &inspection)
{
    Transaction tx(m_db);
    Inspection stored = requireDraft(inspection.id);
    stored.inspectors = inspection.inspectors;
    stored.representative = inspection.representative;
    stored.position = inspection.position;
    stored.notes = inspection.notes;
    rows::upsert(m_db, stored, rows::revisionOf(m_db, stored.id));
    touch(stored.id);
    tx.commit();
}

EquipmentCheck DeviceStore::saveCheck(EquipmentCheck check)
{
    if (check.equipment_id.has_value() == check.unlisted.has_value())
        throw ValidationError("a check names either a planned item or an item found on site");
    Transaction tx(m_db);
    requireDraft(check.inspection_id);
    if (check.id.empty()) {
        check.id = newId(m_clock);
    } else if (auto existing = rows::check(m_db, check.id);
               existing && existing->inspection_id != check.inspection_id) {
        throw ValidationError("check " + check.id + " belongs to another inspection");
    }
    if (check.checked_at.empty())
        check.checked_at = formatTimestamp(m_clock.now());
    rows::upsert(m_db, check);
    touch(check.inspection_id);
    tx.commit();
    return check;
}

void DeviceStore::removeCheck(const std::string &checkId)
{
    Transaction tx(m_db);
    const auto existing = rows::check(m_db, checkId);
    if (!existing)
        return;
    requireDraft(existing->inspection_id);
    std::set<std::string> blobs; // its photos go with it (ON DELETE CASCADE), and their files
    Statement photos(m_db, "SELECT sha256 FROM photos WHERE check_id = ?");
    photos.bind(1, checkId);
    while (photos.step())
        blobs.insert(photos.text(0));
    Statement(m_db, "DELETE FROM equipment_checks WHERE id = ?").bind(1, checkId).exec();
    touch(existing->inspection_id);
    tx.commit();
    dropUnreferenced(m_db, m_photos, blobs);
}

Photo DeviceStore::addPhoto(const NewPhoto &photo)
{
    requireDraft(photo.inspection_id);
    // The file is durable in the store before the row that names it is committed; a kill in
    // between leaves an orphan file (reported by the sweep), never a row without its file.
    const PhotoStore::Blob blob = m_photos.importFile(photo.file);
    Photo p;
    p.id = newId(m_clock);
    p.inspection_id = photo.inspection_id;
    p.check_id = photo.check_id;
    p.tag = photo.tag;
    p.sha256 = blob.sha256;
    p.size = blob.size;
    p.width = photo.width;
    p.height = photo.height;
    p.source = photo.source;
    if (photo.source == PhotoSource::Imported) {
        // Never today's time or place: the file's own time, or unknown.
        p.taken_at = photo.taken_at;
    } else {
        p.taken_at = formatTimestamp(m_clock.now());
        p.position = photo.position;
    }
    p.caption = photo.caption;
    try {
        Transaction tx(m_db);
        requireDraft(photo.inspection_id);
        if (p.check_id) {
            const auto owner = rows::check(m_db, *p.check_id);
            if (!owner || owner->inspection_id != p.inspection_id)
                throw ValidationError("the photo's check is not part of this inspection");
        }
        rows::upsert(m_db, p);
        touch(p.inspection_id);
        tx.commit();
    } catch (const std::exception &e) {
        // A full disk took the file but not its row: give the space back at once rather than
        // leave an orphan for the next start's sweep (a file another row names stays).
        if (isStorageFull(e))
            dropUnreferenced(m_db, m_photos, {p.sha256});
        throw;
    }
    return p;
}

void DeviceStore::removePhoto(const std::string &photoId)
{
    Transaction tx(m_db);
    const auto existing = rows::photo(m_db, photoId);
    if (!existing)
        return;
    requireDraft(existing->inspection_id);
    Statement(m_db, "DELETE FROM photos WHERE id = ?").bind(1, photoId).exec();
    touch(existing->inspection_id);
    tx.commit();
    dropUnreferenced(m_db, m_photos, {existing->sha256});
}

std::string DeviceStore::storeSignature(std::string_view png)
{
    return m_photos.putBytes(png).sha256;
}

Opinion DeviceStore::saveOpinion(Opinion opinion, SignedOpinionChange onSigned)
{
    Transaction tx(m_db);
    requireDraft(opinion.inspection_id);
    if (const auto existing = rows::opinionOf(m_db, opinion.inspection_id)) {
        opinion.id = existing->id; // one opinion per inspection
        const bool contentChanged = opinion.verdict != existing->verdict ||
                                    opinion.text != existing->text ||
                                    opinion.follow_up_deadline != existing->follow_up_deadline;
        if (contentChanged && !existing->signatures.empty()) {
            if (onSigned == SignedOpinionChange::Refuse)
                throw SignedOpinionError("the opinion has been signed: changing its verdict, text "
                                         "or deadline clears the signatures");
            opinion.signatures.clear(); // nobody signed the new content
        }
    } else if (opinion.id.empty())
        opinion.id = newId(m_clock);
    for (const Signature &s : opinion.signatures) {
        if (!m_photos.contains(s.sha256))
            throw ValidationError("signature of " + s.name + " is not stored on this device");
    }
    rows::upsert(m_db, opinion);
    touch(opinion.inspection_id);
    tx.commit();
    return opinion;
}

std::vector<Problem> DeviceStore::finalise(const std::string &inspectionId)
{
    Transaction tx(m_db);
    Inspection i = requireDraft(inspectionId);
    InspectionBundle b = bundle(inspectionId);
    b.inspection.state = InspectionState::Final;
    std::vector<Problem> problems = finaliseProblems(b, equipmentOf(i.enterprise_id));
    for (const Photo &p : b.photos) {
        if (!m_photos.contains(p.sha256))
            problems.push_back({ProblemCode::PhotoFileMissing, p.id, "the photo file is missing"});
    }
    if (!problems.empty())
        return problems; // rolled back: nothing changed
    const std::optional<DeviceSigningKey> key = m_keys->load();
    i.state = InspectionState::Final;
    if (!i.finished_at)
        i.finished_at = formatTimestamp(m_clock.now());
    rows::upsert(m_db, i, rows::revisionOf(m_db, inspectionId) + 1);
    const auto [version, payload] = touch(inspectionId);
    if (key)
        signStatement(*key, inspectionId, version, payload);
    tx.commit();
    return {};
}

void DeviceStore::signStatement(const DeviceSigningKey &key, const std::string &inspectionId,
                                std::int64_t version, const std::string &payload)
{
    EvidenceStatement st;
    st.device_id = key.device_id;
    st.seq = 1;
    st.prev_hash = std::string(kFirstPrevHash);
    Statement last(m_db, "SELECT seq, hash FROM statements WHERE device_id = ? "
                         "ORDER BY seq DESC LIMIT 1");
    if (last.bind(1, key.device_id).step()) {
        st.seq = last.integer(0) + 1;
        st.prev_hash = last.text(1);
    }
    st.inspection_id = inspectionId;
    st.inspection_version = version;
    // Hashed from the queued text read back, exactly as the office will read the pushed data.
    st.content_hash = contentHash(parseJson(payload));
    const std::string bytes = canonicalBytes(st);
    Statement(m_db, "INSERT INTO statements (inspection_id, inspection_version, device_id, seq, "
                    "prev_hash, hash, statement, signature) VALUES (?,?,?,?,?,?,?,?)")
        .bind(1, inspectionId)
        .bind(2, version)
        .bind(3, st.device_id)
        .bind(4, st.seq)
        .bind(5, st.prev_hash)
        .bind(6, sha256Hex(bytes))
        .bind(7, bytes)
        .bind(8, fp::signStatement(st, key.secret_key))
        .exec();
}

std::optional<StoredStatement> DeviceStore::statementOf(const std::string &inspectionId)
{
    Statement s(m_db, "SELECT device_id, seq, prev_hash, hash, statement, signature FROM "
                      "statements WHERE inspection_id = ?");
    if (!s.bind(1, inspectionId).step())
        return std::nullopt;
    return StoredStatement{s.text(0), s.integer(1), s.text(2), s.text(3), s.text(4), s.text(5)};
}

std::optional<Inspection> DeviceStore::inspection(const std::string &id)
{
    return rows::inspection(m_db, id);
}

std::vector<Inspection> DeviceStore::inspectionsOf(const std::string &enterpriseId)
{
    return rows::inspectionsOf(m_db, enterpriseId);
}

InspectionBundle DeviceStore::bundle(const std::string &inspectionId)
{
    auto i = rows::inspection(m_db, inspectionId);
    if (!i)
        throw Error("no inspection " + inspectionId);
    return InspectionBundle{*i, rows::checksOf(m_db, inspectionId),
                            rows::photosOf(m_db, inspectionId),
                            rows::opinionOf(m_db, inspectionId)};
}

// ---- outbox and sync state ----------------------------------------------------------------

std::vector<OutboxItem> DeviceStore::pendingOutbox(int limit)
{
    Statement s(m_db,
                std::string(queries::kOutboxSelect) + "ORDER BY o.queued_at, o.item_id LIMIT ?");
    s.bind(1, limit);
    std::vector<OutboxItem> out;
    while (s.step())
        out.push_back(queries::outboxItem(s));
    return out;
}

std::vector<OutboxItem> DeviceStore::pendingOutboxAfter(const std::optional<OutboxKey> &after,
                                                        int limit)
{
    return queries::pendingOutboxAfter(m_db, after, limit);
}

PendingSize DeviceStore::pendingSize()
{
    return queries::pendingSize(m_db, m_photos);
}

std::vector<std::string> DeviceStore::pendingInspectionIds()
{
    return queries::pendingInspectionIds(m_db);
}

std::int64_t DeviceStore::pendingCount()
{
    Statement s(m_db, "SELECT count(*) FROM outbox");
    s.step();
    return s.integer(0);
}

void DeviceStore::markPushed(const std::string &type, const std::string &id, std::int64_t version)
{
    Statement(m_db, "DELETE FROM outbox WHERE item_type = ? AND item_id = ? AND version = ?")
        .bind(1, type)
        .bind(2, id)
        .bind(3, version)
        .exec();
}

std::int64_t DeviceStore::reofferAcknowledgedFinals()
{
    std::vector<std::pair<std::string, std::int64_t>> found; // id, version; statement order
    Statement finals(m_db, "SELECT i.id, coalesce(s.inspection_version, i.revision) FROM "
                           "inspections i LEFT JOIN statements s ON s.inspection_id = i.id "
                           "WHERE i.state = 'final' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE "
                           "o.item_type = 'inspection' AND o.item_id = i.id) "
                           "ORDER BY s.seq IS NULL, s.seq, i.finished_at, i.id");
    while (finals.step())
        found.emplace_back(finals.text(0), finals.integer(1));
    // queued_at orders the push: the k-th of n goes (n - k) ms before the oldest row still
    // queued (or now), so they go first and in the order of their statements, ahead of any
    // final inspection signed after them that is still pending (its statement comes later).
    Statement oldest(m_db, "SELECT min(queued_at) FROM outbox");
    oldest.step();
    const std::string now = formatTimestamp(m_clock.now());
    const std::string base = oldest.isNull(0) ? now : std::min(oldest.text(0), now);
    Statement queue(m_db, "INSERT INTO outbox (item_type, item_id, version, payload, queued_at) "
                          "VALUES ('inspection', ?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', ?4, "
                          "printf('-%.3f seconds', ?5 / 1000.0)))");
    const auto n = std::int64_t(found.size());
    std::int64_t k = 0;
    for (const auto &[id, version] : found) {
        queue.reset();
        queue.bind(1, id).bind(2, version).bind(3, Json(bundle(id)).dump()).bind(4, base);
        queue.bind(5, n - k).exec();
        ++k;
    }
    return n;
}

std::optional<std::string> DeviceStore::syncValue(const std::string &key)
{
    Statement s(m_db, "SELECT value FROM sync_state WHERE key = ?");
    s.bind(1, key);
    if (!s.step())
        return std::nullopt;
    return s.text(0);
}

void DeviceStore::setSyncValue(const std::string &key, const std::string &value)
{
    Statement(m_db, "INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)")
        .bind(1, key)
        .bind(2, value)
        .exec();
}

} // namespace fp
