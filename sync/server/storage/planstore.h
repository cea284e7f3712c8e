#pragma once
// The plan, cards and tasks: office-owned rows; each change feeds the devices' pull log.

#include "server/domain/officerecords.h"
#include "server/domain/staleversion.h"
#include "server/domain/storeruleerror.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

class PlanStore
{
  public:
    virtual ~PlanStore() = default;

    /// Upserts regions, enterprises and equipment by natural key in one transaction.
    virtual PlanImportCounts importPlan(const std::vector<PlanEntry> &entries) = 0;
    virtual std::optional<Enterprise> findEnterpriseByCode(const std::string &creditCode) = 0;
    virtual std::optional<Region> findRegionByName(const std::string &name) = 0;
    virtual std::optional<Enterprise> findEnterprise(const std::string &id) = 0;
    virtual std::vector<Region> listRegions() = 0;
    virtual std::vector<Enterprise> listEnterprises() = 0;
    /// Adds `card`, with its first history entry (`change.card` is ignored).
    virtual void addCard(const Card &card, const CardChange &change) = 0;
    virtual std::optional<Card> findCard(const std::string &id) = 0;
    /// Updates `card` and adds `produced` (the red card of a closure by law) in one transaction,
    /// each with its history entry. With `expectedVersion`, only while the card's history still
    /// has that many entries; otherwise StaleVersionError and nothing changes.
    virtual void updateCard(const Card &card, const CardChange &change,
                            const std::optional<Card> &produced = {},
                            std::optional<std::int64_t> expectedVersion = {}) = 0;
    /// The card's history, oldest first.
    virtual std::vector<CardChange> cardHistory(const std::string &cardId) = 0;
    /// Throws StoreRuleError when an inspector is unknown or cannot see the enterprise.
    virtual void addTask(const Task &task) = 0;
    /// Throws StoreRuleError for an unknown task.
    virtual void removeTask(const std::string &taskId) = 0;
    /// Every task with its inspectors, by due date.
    virtual std::vector<Task> listTasks() = 0;
    /// The rows of one of the tables countedTable allows.
    virtual std::int64_t countRows(const std::string &table) = 0;
};

/// `table` when countRows may count it; throws StoreRuleError for any other name. Table names
/// cannot be bound: only these fixed names are ever put into the SQL text.
inline const std::string &countedTable(const std::string &table)
{
    static constexpr std::array<std::string_view, 12> allowed = {
        "region", "enterprise", "equipment", "card",       "task",       "app_user",
        "device", "inspection", "review",    "push_audit", "change_log", "task_inspector"};
    if (std::find(allowed.begin(), allowed.end(), table) == allowed.end())
        throw StoreRuleError("unknown table '" + table + "'");
    return table;
}

} // namespace fp
