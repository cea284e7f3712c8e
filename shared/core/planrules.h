#pragma once
// The work plan's rules for what a finding must show to count (seed §二(二)1): which action an
// item requires, when a sealed finding is a proper seal, and which verdict the findings of a
// visit support. The tablet shows these as missing-evidence lines before finalising; the office
// re-checks them on receipt with the plan it holds and flags what fails.

#include "core/types.h"
#include "core/validation.h"

#include <string_view>
#include <vector>

namespace fp {

/// Induction and power-frequency furnaces (中频炉, 工频炉): the plan's 地条钢 rule says they are
/// dismantled outright (依法全面拆除), whatever a plan row says.
bool isDismantleOnlyKind(std::string_view kind);

/// The action that counts for `item`: Dismantle for a dismantle-only kind, else the plan's.
RequiredAction effectiveAction(const Equipment &item);

/// What one check of a planned item shows, judged by the plan's rules.
enum class CheckOutcome {
    Dismantled,       // found dismantled, with its dismantled_site photo
    SealedPending,    // properly sealed, and the item may stay sealed until its deadline
    SealedNotAllowed, // properly sealed, but the item must be dismantled
    SealIncomplete,   // sealed, but a measure, seal number, photo or the commitment is missing
    Producing,        // operating, idle_unsealed or missing: out of every count
    Unresolved,       // a mismatch, or dismantled without its site photo
};

/// The outcome of `check` (a check of `item` inside `bundle`).
CheckOutcome judgeCheck(const EquipmentCheck &check, const Equipment &item,
                        const InspectionBundle &bundle);

/// True when every measure of a proper seal is recorded for `check` inside `bundle`: 断水, 断电,
/// 拆除动力装置, 封存主体设备, a seal number, `seal` and `power_cut` photos of the check, and
/// the enterprise's public commitment (a `commitment_letter` photo of the visit).
bool isProperSeal(const EquipmentCheck &check, const InspectionBundle &bundle);

/// Verdicts from weakest to strongest: fail < conditional < pass.
int verdictRank(Verdict verdict);

/// The strongest verdict the findings of `bundle` support for `planned`: pass when every
/// planned item is dismantled; conditional when the rest are seal-then-dismantle items properly
/// sealed with a dismantling deadline on or after the visit; else fail.
Verdict supportedVerdict(const InspectionBundle &bundle, const std::vector<Equipment> &planned);

/// The plan's rules that `bundle` breaks, as problems a person can act on:
///   sealed_needs_water_cut, sealed_needs_power_cut, sealed_needs_power_units_removed,
///   sealed_needs_main_equipment_sealed (subject: the check) for a sealed finding without that
///   measure; sealed_needs_commitment_letter (subject: the inspection) for a visit that seals
///   something without the enterprise's public commitment; and, for an opinion whose verdict the
///   findings do not support (subject: the check, or the equipment id when unchecked):
///   pass_needs_dismantled for an item a pass verdict leaves not dismantled,
///   conditional_item_not_allowed for an item a conditional verdict cannot leave as it is.
/// A stricter verdict than the findings support (fail where pass would do) is allowed.
std::vector<Problem> planRuleProblems(const InspectionBundle &bundle,
                                      const std::vector<Equipment> &planned);

/// The check of planned item `equipmentId` in `bundle`; the last recorded when there are several.
/// An item found on site that the office confirmed into the plan has the id of the unlisted
/// check that recorded it (server findstore.h): that check is its check in the visit that found
/// it.
const EquipmentCheck *checkOf(const InspectionBundle &bundle, const std::string &equipmentId);

/// The date ("YYYY-MM-DD") a visit counts from: when it finished, else when it started.
std::string visitDate(const Inspection &inspection);

} // namespace fp
