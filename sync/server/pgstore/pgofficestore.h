#pragma once
// The office's state on PostgreSQL (issue 18), for several stateless servers on one database.
// It is every port of OfficeStore (storage/officestore.h), as the SQLite store. A small pool of
// connections per store (pgpool.h): each port method leases one for its whole run, so several
// HTTP threads of one server reach the database at once, and they keep each other apart the
// same way several servers do; what another server process must see lives in the database and
// every write is one PostgreSQL transaction. Implementation one file per entity group, as the
// SQLite store: pgofficestore.cpp (opening, the change log), pgaccounts.cpp (accounts, devices),
// pgsyncstore.cpp (pull, push), pgchain.cpp (statement chains), pgplanstore.cpp (plan, cards,
// tasks), pgrows.cpp (office-owned rows as records), pgofficelog.cpp (the office log's leaves).
//
// The change log and the office log on several servers: a transaction appends to change_log
// and log_leaf only while it holds the transaction-scoped advisory lock kChangeLogLock, which
// it takes as its last step before COMMIT (nothing it waits for after that). Sequence numbers
// and leaf indexes are therefore handed out in commit order: a pull that has read up to seq N
// never meets a row below N committed later, so its cursor skips nothing.
//
// The same rule holds for push_audit and office_journal (schema v10), whose listings
// (rejectedPushes, journal) are paged "before seq N": a BEFORE INSERT trigger takes
// kChangeLogLock and only then the row's number, so every insert into them must be a
// transaction's last step too. A push writes its audit rows after appendChanges; appendJournal
// is a transaction of its own; a publication or setting journals itself just before its COMMIT;
// the triggers that journal card and review changes are deferred to the COMMIT. Whatever holds
// the lock never waits for a row lock after taking it (no deadlock through it).

#include "server/domain/scope.h"
#include "server/pgstore/pgconnection.h"
#include "server/pgstore/pgofficelog.h"
#include "server/pgstore/pgpool.h"
#include "server/storage/accountstore.h"
#include "server/storage/officestore.h"
#include "server/storage/planstore.h"
#include "server/storage/sessionstore.h"
#include "server/storage/syncstore.h"
// ReviewStore, LogStore, ReportStore (pgreviews.cpp, pglog.cpp, pgreports.cpp)
#include "server/storage/logstore.h"
#include "server/storage/reportstore.h"
#include "server/storage/reviewstore.h"
// The office's own records (h-pgrec).
#include "server/storage/enterprisestore.h"
#include "server/storage/findstore.h"
#include "server/storage/journalstore.h"
#include "server/storage/publicationstore.h"
#include "server/storage/tipoffstore.h"

#include <mutex>
#include <string_view>

namespace fp {

/// A change for the pull feed, appended at the end of its transaction (appendChanges).
struct PgChange
{
    std::string type;
    std::string row_id;
    RowKeys now{};
    RowKeys before{};
};

/// The advisory lock every change-log and office-log append holds ("FPCHANGE" in ASCII).
inline constexpr const char *kChangeLogLock = "5066623558404163397";

class PgOfficeStore final : public OfficeStore
{
  public:
    /// Connects (`conninfo`: a libpq connection string or postgresql:// URI) and brings the
    /// schema up to date (pgschema.h); throws PgError when the database cannot be reached and
    /// SchemaTooNewError for a database written by a newer server.
    /// `signer` signs the office log's tree heads (none: the log grows unsigned); it must
    /// outlive the store. `pool`: how many connections at most (one: one call at a time).
    explicit PgOfficeStore(const std::string &conninfo, const TreeHeadSigner *signer = nullptr,
                           PgPoolOptions pool = {});

    UserAccount addUser(const UserAccount &user, const ScopeSpec &scope) override;
    void setUserScope(const std::string &username, const ScopeSpec &scope) override;
    std::optional<UserAccount> findUser(const std::string &username) override;
    void setUserDepartment(const std::string &username, Department department) override;
    std::vector<std::string> userRegionIds(const std::string &username) override;
    void setPassword(const std::string &username, const std::string &passwordHash) override;
    void addDevice(const DeviceInfo &device, const std::string &tokenHash) override;
    std::optional<DeviceInfo> findDevice(const std::string &deviceId) override;
    std::optional<Principal> findByTokenHash(const std::string &tokenHash) override;
    void revokeDevice(const std::string &deviceId, const std::string &when) override;
    std::vector<DeviceListing> listDevices() override;
    std::vector<AccountSummary> listAccounts() override;

    /// Two servers importing at once: as applyPush, the import is run again on what the other
    /// committed when they meet on a row.
    PlanImportCounts importPlan(const std::vector<PlanEntry> &entries) override;
    std::optional<Enterprise> findEnterpriseByCode(const std::string &creditCode) override;
    std::optional<Region> findRegionByName(const std::string &name) override;
    std::vector<Region> listRegions() override;
    std::vector<Enterprise> listEnterprises() override;
    std::optional<Enterprise> findEnterprise(const std::string &id) override;
    void addCard(const Card &card, const CardChange &change) override;
    std::optional<Card> findCard(const std::string &id) override;
    void updateCard(const Card &card, const CardChange &change,
                    const std::optional<Card> &produced = {},
                    std::optional<std::int64_t> expectedVersion = {}) override;
    std::vector<CardChange> cardHistory(const std::string &cardId) override;
    void addTask(const Task &task) override;
    void removeTask(const std::string &taskId) override;
    std::vector<Task> listTasks() override;
    std::int64_t countRows(const std::string &table) override;

    PullPage pull(const UserAccount &user, const std::optional<PullCursor> &from,
                  int limit) override;
    /// Several servers may push at once, also the same items: a batch that meets another
    /// server's concurrent write of the same row (a deadlock, a duplicate key) is rolled back
    /// and decided again on what that server committed, at most a few times.
    std::vector<PushResult> applyPush(const Principal &by,
                                      const std::vector<PushCandidate> &batch) override;
    std::vector<DeviceChain> chainReport() override;
    /// Nothing yet: backups of a PostgreSQL office are PostgreSQL's own (pg_basebackup, WAL
    /// archiving) and record no reach, so devices keep their files (the safe side).
    std::optional<BackupReach> backupReach(const std::string &deviceId) override;

    // ReviewStore (pgreviews.cpp): two servers deciding on one inspection take turns on its
    // review row; `expectedVersion` is checked after the other's decision has committed.
    void setReview(const std::string &inspectionId, ReviewState state, const std::string &reason,
                   const std::string &when, const std::string &by = {},
                   std::optional<std::int64_t> expectedVersion = {}) override;
    std::vector<ReviewChange> reviewHistory(const std::string &inspectionId) override;
    // LogStore (pglog.cpp): proofs for the sizes the caller names, so any server answers;
    // verifyLog reads one snapshot.
    std::optional<SignedTreeHead> latestTreeHead() override;
    std::string officePublicKey() override;
    ConsistencyAnswer consistencyProof(std::int64_t from, std::int64_t to) override;
    InclusionAnswer inclusionProof(std::int64_t index, std::int64_t size) override;
    LogVerifyReport verifyLog() override;
    // ReportStore (pgreports.cpp): reads; evidenceOf reads one snapshot.
    std::vector<PlanListRow> planList() override;
    std::vector<CardListRow> cardList(CardLevel level) override;
    std::vector<ReceivedInspection> finalInspections() override;
    std::vector<OfficeInspection> officeInspections(const std::string &enterpriseId) override;
    std::optional<OfficeInspection> findOfficeInspection(const std::string &id) override;
    std::vector<PushAuditEntry> rejectedPushes(const std::string &code, std::int64_t before,
                                               int limit) override;
    EvidenceSet evidenceOf(const std::string &enterpriseId) override;

    /// This database's epoch (storage/officeepoch.h), as every pull answer carries it.
    std::string epoch();

    // The office's own records (h-pgrec): pgjournal.cpp, pgenterprises.cpp.
    /// Card changes reach the journal by trigger on card_history, in their transaction.
    std::int64_t appendJournal(const JournalEntry &entry) override;
    std::vector<JournalEntry> journal(const JournalFilter &filter) override;
    /// Two servers adding the same credit code at once: the second is refused as on SQLite.
    Enterprise addEnterprise(const Enterprise &enterprise) override;
    /// pgfinds.cpp. Two servers deciding one find at once: the second is refused as on SQLite.
    void confirmFind(const SiteFindDecision &decision, const Equipment &equipment) override;
    void dismissFind(const SiteFindDecision &decision) override;
    std::vector<SiteFindDecision> findDecisions() override;
    /// pgtipoffs.cpp.
    void addTipoff(const Tipoff &tipoff) override;
    std::optional<Tipoff> findTipoff(const std::string &id) override;
    std::vector<Tipoff> listTipoffs() override;
    void addTipoffTask(const std::string &tipoffId, const Task &task) override;
    void closeTipoff(const std::string &tipoffId, const std::string &inspectionId,
                     const std::string &outcome, bool unreported,
                     const std::string &closedOn) override;
    /// pgpublications.cpp. Two servers publishing a list's next batch at once: the second is
    /// refused as on SQLite.
    Publication publish(const Publication &p) override;
    std::vector<Publication> publications(const std::string &list) override;
    std::optional<Publication> findPublication(std::int64_t id) override;
    std::optional<OfficeSetting> officeSetting(const std::string &key) override;
    void setOfficeSetting(const OfficeSetting &setting) override;
    // Shared web state (issue 18 item 1): sessions and idempotency keys (pgsessions.cpp), and
    // each device's last authentication (pgaccounts.cpp).
    void addSession(const std::string &idHash, const StoredSession &session, TimePoint now,
                    std::size_t maxSessions) override;
    Lookup touchSession(const std::string &idHash, TimePoint now, TimePoint extendTo,
                        TimePoint extendIfBefore, StoredSession &out) override;
    void removeSession(const std::string &idHash) override;
    std::size_t removeUserSessions(const std::string &username) override;
    Claim claimIdempotencyKey(const std::string &user, const std::string &key,
                              const std::string &fingerprint, TimePoint now, TimePoint forgetBefore,
                              TimePoint deadBefore, StoredAnswer &answer) override;
    void finishIdempotencyKey(const std::string &user, const std::string &key,
                              const StoredAnswer &answer) override;
    void abandonIdempotencyKey(const std::string &user, const std::string &key) override;
    void noteDeviceSeen(const std::string &deviceId, TimePoint at) override;
    // pgthrottle.cpp: the sign-in throttle's failures (domain/throttlestore.h).
    SignInFailures addSignInFailure(ThrottleKind kind, const std::string &key, TimePoint now,
                                    const FailureRules &rules) override;
    std::optional<SignInFailures> signInFailures(ThrottleKind kind,
                                                 const std::string &key) override;
    void forgetSignInFailures(ThrottleKind kind, const std::string &key) override;

  private:
    /// An office log leaf waiting for the same moment.
    struct PendingLeaf
    {
        LogLeaf leaf;
        std::string record;
        std::string at;
    };
    /// Takes kChangeLogLock and appends `changes` and `leaves` (signing a new head): the last
    /// step of a write transaction before its commit. Returns the log batch to keep() after
    /// the commit.
    std::unique_ptr<PgOfficeLog::Batch> appendChanges(const std::vector<PgChange> &changes,
                                                      const std::vector<PendingLeaf> &leaves);
    void insertCard(const Card &card, std::vector<PgChange> &changes);
    void recordCardChange(const CardChange &change, const Card &card);
    Scope loadScope(const std::string &userId, const std::string &username, Role role);
    struct PushState; // one attempt at a batch (pgsyncstore.cpp)
    std::vector<PushResult> pushOnce(const Principal &by, const std::vector<PushCandidate> &batch);
    PushResult applyOne(PushState &st, const Principal &by, const Scope &scope,
                        const PushCandidate &candidate);
    void audit(const Principal &by, const IncomingItem &item, const PushResult &result);

    // Helpers; callers hold a lease of m_pool and, for writes, a PgTransaction.
    /// The account by name; `forUpdate` locks its row until the transaction ends, so that two
    /// servers changing one account take turns.
    std::optional<UserAccount> userByName(const std::string &username, bool forUpdate = false);
    void writeScope(const std::string &userId, const ScopeSpec &scope);
    // The office's own records (h-pgrec).
    /// Refuses a find decided already, else inserts the decision.
    void insertFindDecision(const SiteFindDecision &d);
    /// PlanStore::addTask's rules and rows (pgplanstore.cpp), for addTask and addTipoffTask.
    void insertTask(const Task &task, std::vector<PgChange> &changes);

    PgPool m_pool;
    /// The connection the calling thread leased from m_pool (each port method holds a
    /// PgPool::Lease for its whole run).
    PgLeased m_db{m_pool};
    PgOfficeLog m_log; // shared by the threads: it keeps its memory tree apart itself
};

} // namespace fp
