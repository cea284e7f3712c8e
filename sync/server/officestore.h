#pragma once
// The office's persistent state behind one interface (DESIGN §6): SQLite today
// (SqliteOfficeStore), PostgreSQL for a province later. Every method is one transaction and
// safe to call from several threads.

#include "core/error.h"
#include "officerecords.h"
#include "protocol/pullpage.h"
#include "protocol/push.h"
#include "webrecords.h"

#include <optional>
#include <string>
#include <vector>

namespace fp {

/// A request the store refuses for a reason a person can fix (unknown name, duplicate ...).
class StoreRuleError : public ValidationError
{
  public:
    using ValidationError::ValidationError;
};

class OfficeStore
{
  public:
    virtual ~OfficeStore() = default;

    // ---- accounts and devices ----
    /// Creates an account; throws StoreRuleError if the name is taken or a scope name unknown.
    virtual UserAccount addUser(const UserAccount &user, const ScopeSpec &scope) = 0;
    /// Replaces an account's scope and starts its devices' pull feeds over (new scope epoch).
    virtual void setUserScope(const std::string &username, const ScopeSpec &scope) = 0;
    virtual std::optional<UserAccount> findUser(const std::string &username) = 0;
    /// Replaces an account's password hash. Its enrolled devices keep their tokens (revoke them
    /// separately); throws StoreRuleError for an unknown user.
    virtual void setPassword(const std::string &username, const std::string &passwordHash) = 0;
    virtual void addDevice(const DeviceInfo &device, const std::string &tokenHash) = 0;
    /// The device holding a token (revoked ones too, so callers can say so).
    virtual std::optional<Principal> findByTokenHash(const std::string &tokenHash) = 0;
    /// Throws StoreRuleError for an unknown device. Revoking twice is not an error.
    virtual void revokeDevice(const std::string &deviceId, const std::string &when) = 0;
    /// Every enrolled device, oldest first.
    virtual std::vector<DeviceListing> listDevices() = 0;

    // ---- the plan, cards and tasks (office-owned rows; each change feeds the pull log) ----
    /// Upserts regions, enterprises and equipment by natural key in one transaction.
    virtual PlanImportCounts importPlan(const std::vector<PlanEntry> &entries) = 0;
    virtual std::optional<Enterprise> findEnterpriseByCode(const std::string &creditCode) = 0;
    virtual std::optional<Region> findRegionByName(const std::string &name) = 0;
    virtual void addCard(const Card &card) = 0;
    virtual std::optional<Card> findCard(const std::string &id) = 0;
    virtual void updateCard(const Card &card) = 0;
    /// Throws StoreRuleError when an inspector is unknown or cannot see the enterprise.
    virtual void addTask(const Task &task) = 0;
    /// Throws StoreRuleError for an unknown task.
    virtual void removeTask(const std::string &taskId) = 0;
    virtual std::int64_t countRows(const std::string &table) = 0;

    // ---- sync ----
    /// The next page of changes `user` may see after `from` (nothing: from the start).
    virtual PullPage pull(const UserAccount &user, const std::optional<PullCursor> &from,
                          int limit) = 0;
    /// Decides and applies each pushed revision in order (pushrules.h), records every item for
    /// audit, and creates the review of each final inspection stored. One transaction for the
    /// batch; one result per candidate.
    virtual std::vector<PushResult> applyPush(const Principal &by,
                                              const std::vector<PushCandidate> &batch) = 0;

    /// The office's verdict on a received final inspection (pulled back by devices). Throws
    /// StoreRuleError when the office has no review of that inspection.
    virtual void setReview(const std::string &inspectionId, ReviewState state,
                           const std::string &reason, const std::string &when) = 0;

    // ---- reports ----
    virtual std::vector<PlanListRow> planList() = 0;
    virtual std::vector<CardListRow> cardList(CardLevel level) = 0;
    virtual std::vector<ReceivedInspection> finalInspections() = 0;

    // ---- reads of the office web page (webapi.h) ----
    virtual std::vector<Region> listRegions() = 0;
    virtual std::vector<Enterprise> listEnterprises() = 0;
    virtual std::optional<Enterprise> findEnterprise(const std::string &id) = 0;
    /// Every task with its inspectors, by due date.
    virtual std::vector<Task> listTasks() = 0;
    /// Every account with its scope and devices, by username.
    virtual std::vector<AccountSummary> listAccounts() = 0;
    /// The pushed items the office refused (push_audit), newest first: at most `limit`, older
    /// than audit entry `before` (0: from the newest), of one rejection code or of all when
    /// `code` is empty.
    virtual std::vector<PushAuditEntry> rejectedPushes(const std::string &code, std::int64_t before,
                                                       int limit) = 0;
    /// The inspections the office holds (drafts too), newest receipt first: of one enterprise,
    /// or of all when `enterpriseId` is empty.
    virtual std::vector<OfficeInspection> officeInspections(const std::string &enterpriseId) = 0;
    virtual std::optional<OfficeInspection> findOfficeInspection(const std::string &id) = 0;
};

} // namespace fp
