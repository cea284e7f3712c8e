#pragma once
// Tip-offs (举报, issue 14 item 3; seed §四(三)): what the office was told, by which channel,
// about which enterprise, with the reporter's contact (only admins see it on the page). The
// office sends an inspector there with a task made from the tip-off; the visit that followed
// closes it with its finding, and a tip-off that proved an unreported line is flagged
// (漏报/瞒报).

#include "core/types.h"
#include "server/domain/storeruleerror.h"

#include <optional>
#include <string>
#include <vector>

namespace fp {

struct Tipoff
{
    std::string id{};
    std::string received_on{};      // date
    std::string channel{};          // phone | letter | web | media
    std::string content{};          // what was reported
    std::string enterprise_id{};    //
    std::string reporter_contact{}; // optional; only admins see it
    std::string task_id{};          // the task made from it; "" none yet
    std::string inspection_id{};    // the visit that closed it; "" while open
    std::string outcome{};          // the finding, in words; "" while open
    bool unreported = false;        // it proved an unreported line (漏报/瞒报)
    std::string closed_on{};        // date; "" while open
    std::string added_at{};         // office time
    std::string added_by{};         //
};

class TipoffStore
{
  public:
    virtual ~TipoffStore() = default;

    /// Adds `tipoff` (open: no task, visit or outcome). Throws StoreRuleError for an unknown
    /// enterprise or a taken id.
    virtual void addTipoff(const Tipoff &tipoff) = 0;
    virtual std::optional<Tipoff> findTipoff(const std::string &id) = 0;
    /// Every tip-off, open ones first, newest received first within each.
    virtual std::vector<Tipoff> listTipoffs() = 0;
    /// Adds `task` (PlanStore::addTask's rules) and links it to the tip-off, in one transaction.
    /// Throws StoreRuleError when the tip-off is unknown or closed, already has a task that
    /// still exists, the task is for another enterprise, or addTask's rules refuse it.
    virtual void addTipoffTask(const std::string &tipoffId, const Task &task) = 0;
    /// Closes the tip-off with the visit that followed it and its finding. Throws
    /// StoreRuleError when it is unknown or closed already.
    virtual void closeTipoff(const std::string &tipoffId, const std::string &inspectionId,
                             const std::string &outcome, bool unreported,
                             const std::string &closedOn) = 0;
};

} // namespace fp
