#pragma once
// On-site finds (issue 14 item 2): an item an inspector recorded on site that is not in the
// plan (漏报; an `unlisted` check, docs/protocol.md) waits in the office's review until the
// office confirms it into the plan or dismisses it with a reason. A confirmed find becomes an
// equipment row whose id is the id of the check that recorded it (so the visit's own finding
// counts for it, core/planrules.h checkOf) with the natural key "found:<check id>"; the
// decision row links it to the visit. Finds still open are read from the inspections the office
// holds; only the decisions are stored here.

#include "core/types.h"
#include "server/domain/storeruleerror.h"

#include <string>
#include <vector>

namespace fp {

/// The office's decision on one on-site find.
struct SiteFindDecision
{
    std::string check_id{};      // the check that recorded the unlisted item
    std::string inspection_id{}; // the visit that found it
    std::string enterprise_id{}; //
    std::string state{};         // "confirmed" or "dismissed"
    std::string equipment_id{};  // confirmed: the plan row made of it (= check_id)
    std::string reason{};        // dismissed: why; confirmed: an optional note
    std::string decided_at{};    // office time
    std::string decided_by{};    // the web account, or "cli:<OS user>"
};

class FindStore
{
  public:
    virtual ~FindStore() = default;

    /// Confirms a find: adds `equipment` (id = decision.check_id, enterprise_id set) as a plan
    /// row found on site and the decision, in one transaction, logged for the tablets' pull.
    /// Throws StoreRuleError when the find was decided already or the enterprise is unknown;
    /// nothing changes then.
    virtual void confirmFind(const SiteFindDecision &decision, const Equipment &equipment) = 0;
    /// Dismisses a find with `decision.reason` (not empty). Throws StoreRuleError when the find
    /// was decided already.
    virtual void dismissFind(const SiteFindDecision &decision) = 0;
    /// Every decision, oldest first.
    virtual std::vector<SiteFindDecision> findDecisions() = 0;
};

} // namespace fp
