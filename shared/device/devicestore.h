#pragma once
// The tablet's durable local store: office rows as pulled, the inspector's evidence, the
// outbox that carries it to the office, and the photo folder. Everything is written in SQLite
// transactions with synchronous=FULL, so whatever a call reported as saved survives a kill.

#include "core/clock.h"
#include "core/types.h"
#include "core/validation.h"
#include "db/database.h"
#include "device/immutableerror.h"
#include "device/outboxquery.h"
#include "device/photostore.h"
#include "device/signingkey.h"
#include "device/taskqueries.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fp {

/// What the start-up sweep of the photo folder found.
struct SweepReport
{
    int temp_files_removed = 0;
    std::vector<std::string> orphans; // stored blobs no photo or signature refers to
};

/// A final inspection's statement as the device stored it at finalise.
struct StoredStatement
{
    std::string device_id;
    std::int64_t seq = 0;
    std::string prev_hash;
    std::string hash;      // SHA-256 hex of `statement`
    std::string statement; // canonical JSON bytes, as signed
    std::string signature; // Ed25519, hex
};

/// How far the office's last verified backup reaches for this device (the pull's `backup`,
/// docs/protocol.md §3): the statements 1..through_seq of `device_id`'s chain. Zero: none.
struct BackupReachState
{
    std::string device_id{};
    std::int64_t through_seq = 0;
    std::string taken_at{};
};

/// The tablet's storage, as the settings screen shows it. A file is "waiting" while any
/// inspection naming it is a draft, still in the outbox, or signed past the backup's reach;
/// otherwise it is "releasable": acknowledged, and held by a verified backup of the office.
struct StorageUse
{
    std::int64_t database_bytes = 0; // device.db with its WAL and WAL index
    std::int64_t file_bytes = 0;     // the photo folder: photos and signatures
    std::int64_t file_count = 0;
    std::int64_t waiting_bytes = 0; // files not yet in a verified backup of the office
    std::int64_t waiting_files = 0;
    std::int64_t releasable_bytes = 0; // files the device may free (releaseBackedUpFiles)
    std::int64_t releasable_files = 0;
    std::int64_t released_bytes = 0; // freed before
    std::int64_t released_files = 0;
};

/// What releaseBackedUpFiles freed.
struct ReleaseCounts
{
    std::int64_t files = 0;
    std::int64_t bytes = 0;
};

/// What a new visit starts from.
struct NewInspection
{
    std::optional<std::string> task_id;
    std::string enterprise_id;
    VisitKind kind = VisitKind::Survey;
    std::vector<std::string> inspectors;
    std::string representative;
    std::optional<Position> position;
};

/// A photo file to add as evidence; the file is copied into the store.
struct NewPhoto
{
    std::string inspection_id;
    std::optional<std::string> check_id;
    EvidenceTag tag = EvidenceTag::Overview;
    std::filesystem::path file;
    int width = 0;
    int height = 0;
    std::optional<Position> position; // camera photos only: an imported file's place is unknown
    std::string caption;
    PhotoSource source = PhotoSource::Camera;
    /// Imported photos: the file's own EXIF time (ISO 8601 UTC), empty when it has none.
    /// Camera photos are stamped with the store's clock and ignore it.
    std::string taken_at{};
};

/// What saveOpinion does when the verdict, text or follow-up deadline of a signed opinion
/// change: refuse (SignedOpinionError), or clear every signature in the same transaction.
enum class SignedOpinionChange { Refuse, ClearSignatures };

/// The device database and photo folder of one tablet. The store owns its connection and
/// every transaction on it: callers see members, never SQL.
class DeviceStore
{
  public:
    /// Opens (creating or migrating) `dbFile` and the photo folder, then sweeps temp files.
    DeviceStore(const std::filesystem::path &dbFile, const std::filesystem::path &photoDir,
                const Clock &clock = SystemClock::instance());

    PhotoStore &photos() { return m_photos; }
    const SweepReport &sweepReport() const { return m_sweep; }
    /// The database file (WAL), for a test or tool that opens its own read-only look at it.
    const std::filesystem::path &databaseFile() const { return m_file; }

    /// Runs `work` as one transaction (BEGIN IMMEDIATE): committed when it returns, rolled back
    /// when it throws. For a caller that makes several of the writes below one commit (a pull
    /// page, a push batch's acknowledgements, an enrolment). `work` must not call a member that
    /// runs its own transaction (the inspector's evidence below): transactions do not nest.
    template <typename Work> void inTransaction(Work &&work)
    {
        Transaction tx(m_db);
        std::forward<Work>(work)();
        tx.commit();
    }

    /// false: each commit skips its fsync (synchronous=NORMAL; WAL stays consistent after a
    /// crash, though the last commits may be lost), for filling test data quickly. true, the
    /// default: synchronous=FULL, as the product runs.
    void setDurableCommits(bool durable);
    bool durableCommits();

    // ---- office-owned rows (written by pull) ----
    void put(const Region &v);
    void put(const Enterprise &v);
    void put(const Equipment &v);
    void put(const Card &v);
    void put(const Task &v);
    void put(const Review &v);
    /// Removes one office-owned row; `type` is region|enterprise|equipment|card|task|review.
    void removeOfficeRow(const std::string &type, const std::string &id);
    /// Removes every office-owned row (a scope reset); the inspector's evidence stays.
    void clearOfficeRows();

    std::vector<Region> regions();
    std::vector<Enterprise> enterprises();
    std::optional<Enterprise> enterprise(const std::string &id);
    std::vector<Equipment> equipmentOf(const std::string &enterpriseId);
    std::vector<Card> cardsOf(const std::string &enterpriseId);
    std::vector<Task> tasks();
    std::optional<Review> review(const std::string &inspectionId);
    /// Every task with its latest visit, ordered by due date then enterprise name.
    std::vector<TaskSummary> taskSummaries();
    /// The latest finding of each planned item of `enterpriseId` that any visit checked.
    std::vector<LatestFinding> latestFindings(const std::string &enterpriseId);

    // ---- the inspector's evidence ----
    Inspection startInspection(const NewInspection &start);
    /// A new draft that corrects `finalId`, starting from a copy of its checks and photos
    /// (signatures are not copied: people sign again).
    Inspection amend(const std::string &finalId);
    /// Saves the editable fields of a draft: inspectors, representative, position, notes.
    void updateInspection(const Inspection &inspection);
    /// Inserts (empty id: a new id is made) or updates a check of a draft.
    EquipmentCheck saveCheck(EquipmentCheck check);
    void removeCheck(const std::string &checkId);
    Photo addPhoto(const NewPhoto &photo);
    void removePhoto(const std::string &photoId);
    /// Stores a signature PNG and returns its hash for an Opinion's Signature.
    std::string storeSignature(std::string_view png);
    /// Saves the inspection's one opinion. Once signed, its verdict, text and deadline are
    /// frozen: a change is refused, or with ClearSignatures saved without any signature.
    Opinion saveOpinion(Opinion opinion,
                        SignedOpinionChange onSigned = SignedOpinionChange::Refuse);
    /// Checks the evidence rules; when none is broken the inspection becomes final (and
    /// immutable). Returns what is still missing; empty means it was finalised. An enrolled
    /// device (one with a signing key) signs the next statement of its chain in the same
    /// transaction; a device never enrolled finalises unsigned, and the office will refuse it.
    std::vector<Problem> finalise(const std::string &inspectionId);

    // ---- the device's signing key and statements (docs/protocol.md) ----
    /// Where the secret key lives; a FileSigningKeyStore beside the database unless replaced
    /// (a platform keystore).
    void setSigningKeyStore(std::unique_ptr<SigningKeyStore> keys);
    SigningKeyStore &signingKeys() { return *m_keys; }
    /// The signed statement of a final inspection, as stored: its canonical bytes, hash and
    /// signature; nothing for a draft or an unsigned final inspection.
    std::optional<StoredStatement> statementOf(const std::string &inspectionId);

    std::optional<Inspection> inspection(const std::string &id);
    std::vector<Inspection> inspectionsOf(const std::string &enterpriseId);
    InspectionBundle bundle(const std::string &inspectionId);

    // ---- outbox and sync state ----
    std::vector<OutboxItem> pendingOutbox(int limit = 1000);
    /// Up to `limit` pending rows after `after` (from the start when empty), oldest first;
    /// pages stay put while rows are acknowledged behind the reader.
    std::vector<OutboxItem> pendingOutboxAfter(const std::optional<OutboxKey> &after, int limit);
    std::int64_t pendingCount();
    /// What a sync still has to deliver: items, payload bytes, the files they reference.
    PendingSize pendingSize();
    /// Ids of the visits that still wait in the outbox.
    std::vector<std::string> pendingInspectionIds();
    /// The office acknowledged `version` of this item; later versions stay pending.
    void markPushed(const std::string &type, const std::string &id, std::int64_t version);
    /// Queues again every final inspection the office acknowledged (no outbox row left), whole
    /// and at its final version, for an office restored from a backup (a new epoch) that may no
    /// longer hold it; the office answers `duplicate` for what it still holds. Oldest statement
    /// first and ahead of later work, so that a device's chain of statements arrives in order.
    /// Runs inside the caller's transaction (inTransaction). Returns how many were queued.
    std::int64_t reofferAcknowledgedFinals();
    std::optional<std::string> syncValue(const std::string &key);
    void setSyncValue(const std::string &key, const std::string &value);

    // ---- the files kept for the office's backup (issue 17; backupkeep.cpp) ----
    /// Saves how far the office's last verified backup reaches (a pull page's `backup`; none:
    /// zero). Inside the caller's transaction or alone.
    void setBackupReach(const BackupReachState &reach);
    BackupReachState backupReach();
    /// The database's and the photo folder's size, and how much of it waits for a backup.
    StorageUse storageUse();
    /// Deletes every releasable file (StorageUse) and records it in released_files; a file that
    /// a draft, a pending or a not-yet-backed-up inspection names stays. The rows stay: the
    /// office holds the evidence, and a restored office gets it from its backup.
    ReleaseCounts releaseBackedUpFiles();
    /// Whether `sha256` was freed by releaseBackedUpFiles (and not stored again since).
    bool isReleased(const std::string &sha256);

  private:
    Inspection requireDraft(const std::string &inspectionId);
    /// Raises the inspection's revision and queues its whole new state; inside a transaction.
    /// Returns the queued version and payload.
    std::pair<std::int64_t, std::string> touch(const std::string &inspectionId);
    /// Signs and stores the next statement of `key`'s chain for a just-finalised inspection.
    void signStatement(const DeviceSigningKey &key, const std::string &inspectionId,
                       std::int64_t version, const std::string &payload);
    SweepReport sweep();

    const Clock &m_clock;
    std::filesystem::path m_file;
    Database m_db;
    PhotoStore m_photos;
    SweepReport m_sweep;
    std::unique_ptr<SigningKeyStore> m_keys;
};

} // namespace fp
