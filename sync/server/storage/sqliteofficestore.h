#pragma once
// Every port of OfficeStore on one SQLite file (office.db). One connection guarded by a mutex:
// SQLite serializes writers anyway, and the office's load (DESIGN §6) is far below what that
// allows. Implementation one file per entity group: sqliteofficestore.cpp (opening, the pull
// log), sqliteaccounts.cpp (accounts, devices), sqliteplanstore.cpp (plan, cards, tasks),
// sqlitesyncstore.cpp (pull, push, reviews), sqlitereports.cpp (lists),
// sqliteinspections.cpp (the inspections the office holds), sqliteaudit.cpp (the push
// audit's rejections), sqlitelog.cpp (the office log: officelog.h, logverify.h),
// sqliteevidence.cpp (an enterprise's evidence for its bundle),
// sqlitejournal.cpp (the office journal: journalstore.h), sqliteenterprises.cpp (enterprises
// outside the plan: enterprisestore.h), sqlitefinds.cpp (on-site finds: findstore.h),
// sqlitetipoffs.cpp (tip-offs: tipoffstore.h), sqlitepublications.cpp (published batches and
// office settings: publicationstore.h).

#include "db/database.h"
#include "server/domain/scope.h"
#include "server/storage/enterprisestore.h"
#include "server/storage/findstore.h"
#include "server/storage/journalstore.h"
#include "server/storage/officeepoch.h"
#include "server/storage/officelog.h"
#include "server/storage/officestore.h"
#include "server/storage/publicationstore.h"
#include "server/storage/tipoffstore.h"

#include <filesystem>
#include <memory>
#include <mutex>

namespace fp {

class SqliteOfficeStore final : public OfficeStore
{
  public:
    /// Opens or creates `file` and brings its schema up to date; throws SchemaTooNewError for
    /// a file written by a newer server. `signer` signs the office log's tree heads (none: the
    /// log grows unsigned); it must outlive the store.
    explicit SqliteOfficeStore(const std::filesystem::path &file,
                               const TreeHeadSigner *signer = nullptr);

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
    std::vector<PushResult> applyPush(const Principal &by,
                                      const std::vector<PushCandidate> &batch) override;
    std::vector<DeviceChain> chainReport() override;
    std::optional<BackupReach> backupReach(const std::string &deviceId) override;
    void setReview(const std::string &inspectionId, ReviewState state, const std::string &reason,
                   const std::string &when, const std::string &by = {},
                   std::optional<std::int64_t> expectedVersion = {}) override;
    std::vector<ReviewChange> reviewHistory(const std::string &inspectionId) override;

    std::vector<PlanListRow> planList() override;
    std::vector<CardListRow> cardList(CardLevel level) override;
    std::vector<ReceivedInspection> finalInspections() override;
    std::vector<OfficeInspection> officeInspections(const std::string &enterpriseId) override;
    std::optional<OfficeInspection> findOfficeInspection(const std::string &id) override;
    std::vector<PushAuditEntry> rejectedPushes(const std::string &code, std::int64_t before,
                                               int limit) override;
    EvidenceSet evidenceOf(const std::string &enterpriseId) override;

    std::optional<SignedTreeHead> latestTreeHead() override;
    std::string officePublicKey() override;
    ConsistencyAnswer consistencyProof(std::int64_t from, std::int64_t to) override;
    InclusionAnswer inclusionProof(std::int64_t index, std::int64_t size) override;
    LogVerifyReport verifyLog() override;

    std::int64_t appendJournal(const JournalEntry &entry) override;
    std::vector<JournalEntry> journal(const JournalFilter &filter) override;

    Enterprise addEnterprise(const Enterprise &enterprise) override;

    void confirmFind(const SiteFindDecision &decision, const Equipment &equipment) override;
    void dismissFind(const SiteFindDecision &decision) override;
    std::vector<SiteFindDecision> findDecisions() override;

    void addTipoff(const Tipoff &tipoff) override;
    std::optional<Tipoff> findTipoff(const std::string &id) override;
    std::vector<Tipoff> listTipoffs() override;
    void addTipoffTask(const std::string &tipoffId, const Task &task) override;
    void closeTipoff(const std::string &tipoffId, const std::string &inspectionId,
                     const std::string &outcome, bool unreported,
                     const std::string &closedOn) override;
    // sqlitepublications.cpp
    Publication publish(const Publication &p) override;
    std::vector<Publication> publications(const std::string &list) override;
    std::optional<Publication> findPublication(std::int64_t id) override;
    std::optional<OfficeSetting> officeSetting(const std::string &key) override;
    void setOfficeSetting(const OfficeSetting &setting) override;

    // sqlitesessions.cpp: shared web state (sessionstore.h); sqliteaccounts.cpp: noteDeviceSeen.
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
    // sqlitethrottle.cpp: the sign-in throttle's failures (domain/throttlestore.h).
    SignInFailures addSignInFailure(ThrottleKind kind, const std::string &key, TimePoint now,
                                    const FailureRules &rules) override;
    std::optional<SignInFailures> signInFailures(ThrottleKind kind,
                                                 const std::string &key) override;
    void forgetSignInFailures(ThrottleKind kind, const std::string &key) override;

    /// This database's epoch (officeepoch.h), as every pull answer carries it.
    std::string epoch();
    /// Gives the database a new epoch (a restore does) and returns it.
    std::string startNewEpoch();
    /// Records what a just-verified backup holds (officeepoch.h); the next pulls tell devices.
    void recordVerifiedBackup(const VerifiedBackup &backup);

  private:
    void insertCardLocked(const Card &card);
    void insertTaskLocked(const Task &task); // addTask's checks and rows (sqliteplanstore.cpp)
    void insertDecisionLocked(const SiteFindDecision &decision); // sqlitefinds.cpp
    void recordCardChangeLocked(const CardChange &change, const Card &card);
    // Helpers; callers hold m_mutex and, for writes, a Transaction.
    void appendChange(std::string_view type, const std::string &rowId, const RowKeys &now,
                      const RowKeys &before);
    Scope loadScope(const std::string &userId, const std::string &username, Role role);
    void writeScope(const std::string &userId, const ScopeSpec &scope);
    std::optional<UserAccount> userByName(const std::string &username);
    std::string regionIdFor(const PlanEntry &entry, PlanImportCounts &counts);
    std::string enterpriseIdFor(const PlanEntry &entry, const std::string &regionId,
                                PlanImportCounts &counts);
    void upsertEquipment(const PlanEntry &entry, const std::string &enterpriseId,
                         PlanImportCounts &counts);
    struct PushStatements; // prepared once per batch (sqlitesyncstore.cpp)
    PushResult applyOne(PushStatements &st, const Principal &by, const Scope &scope,
                        const PushCandidate &candidate);
    void audit(PushStatements &st, const Principal &by, const IncomingItem &item,
               const PushResult &result);
    /// Logs a review decision: its review_history row and its leaf (sqlitelog.cpp).
    void logReviewLocked(OfficeLog::Batch &log, const std::string &inspectionId, ReviewState state,
                         const std::string &reason, const std::string &when, const std::string &by);
    std::vector<ReviewChange> reviewHistoryLocked(const std::string &inspectionId);
    void logEnterpriseMove(const std::string &enterpriseId, const std::string &from,
                           const std::string &to);

    std::mutex m_mutex;
    Database m_db;
    // appendChange's INSERT, prepared once: the change-log trigger (schema v15) it carries makes
    // preparing it dear.
    std::unique_ptr<Statement> m_changeInsert;
    OfficeLog m_log;
    std::string m_epoch; // read at open; changed only by startNewEpoch
};

} // namespace fp
