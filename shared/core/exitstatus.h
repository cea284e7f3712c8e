#pragma once
// One derivation of where an enterprise's exit stands (seed §二(二)1, §二(三)), from the evidence
// the office has reviewed. Progress, the dossier, the map and every published list use it.
//
// An item's state comes from its latest *effective* finding: the newest final inspection the
// office accepted that no accepted inspection amends (an amending inspection takes the place in
// time of the one it amends). Unreviewed inspections are counted beside the figures as pending
// review and change nothing; returned ones change nothing either.

#include "core/types.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fp {

/// One final inspection the office holds, with the office's review of it (none: not reviewed).
struct VisitEvidence
{
    const InspectionBundle *bundle = nullptr; // not owned
    std::optional<ReviewState> review;
};

enum class ItemStatus {
    Planned,       // no effective finding that counts
    SealedPending, // properly sealed, dismantling still due
    Dismantled,    // dismantled, no acceptance yet
    Accepted,      // dismantled, and an accepted acceptance visit covers it
    Resumed,       // found producing (operating, idle_unsealed, missing) after it counted
};

/// How one planned item stands.
struct ItemExit
{
    ItemStatus status = ItemStatus::Planned;
    std::optional<Finding> finding;      // the latest effective finding
    std::string inspection_id;           // the inspection that made it
    std::string found_on;                // its date
    std::string note;                    // why a finding does not count, e.g. "sealed_not_allowed"
    bool conditionally_accepted = false; // sealed under a conditional acceptance
    std::optional<std::string> deadline; // dismantling deadline of a sealed item
    bool overdue = false;                // sealed, and the deadline lies before today
};

enum class EnterpriseStatus {
    Pending,    // nothing counts yet
    InProgress, // some item sealed or dismantled
    Dismantled, // every item dismantled, not yet accepted
    Accepted,   // every item accepted: the completed-elimination list
};

/// A final inspection that found an item producing again (复产) after an earlier inspection had
/// found it sealed or dismantled. Raised as soon as it arrives, before review.
struct ResumedAlert
{
    std::string equipment_id;
    std::string inspection_id;
    Finding finding = Finding::Operating;
    std::string found_on;
    bool reviewed = false; // the office accepted the inspection
};

/// Where one enterprise's exit stands.
struct EnterpriseExit
{
    EnterpriseStatus status = EnterpriseStatus::Pending;
    std::map<std::string, ItemExit> items;   // by equipment id; every planned item
    std::string accepted_by;                 // the accepted acceptance visit, when Accepted
    std::vector<std::string> pending_review; // final inspections not yet reviewed
    std::vector<ResumedAlert> alerts;
};

/// Derives the exit of one enterprise from its planned items and its final inspections (drafts
/// and other enterprises' inspections are ignored), as of `today` ("YYYY-MM-DD").
EnterpriseExit deriveExit(const std::vector<Equipment> &planned,
                          const std::vector<VisitEvidence> &visits, std::string_view today);

/// "pending", "in_progress", "done" (every item dismantled) or "accepted".
std::string_view statusName(EnterpriseStatus status);
/// "planned", "sealed_pending", "dismantled", "accepted" or "resumed".
std::string_view statusName(ItemStatus status);

/// True when the item counts as sealed (pending dismantling), dismantled or accepted.
bool counts(ItemStatus status);

} // namespace fp
