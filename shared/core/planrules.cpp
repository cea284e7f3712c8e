#include "core/planrules.h"

#include <algorithm>

namespace fp {

namespace {

bool hasPhoto(const InspectionBundle &bundle, const std::optional<std::string> &checkId,
              EvidenceTag tag)
{
    return std::any_of(bundle.photos.begin(), bundle.photos.end(), [&](const Photo &p) {
        return p.tag == tag && (!checkId || p.check_id == checkId);
    });
}

bool hasSealNumber(const EquipmentCheck &check)
{
    return std::any_of(
        check.seal_numbers.begin(), check.seal_numbers.end(),
        [](const std::string &s) { return s.find_first_not_of(" \t\r\n") != std::string::npos; });
}

std::string itemName(const Equipment &item)
{
    return item.kind + (item.spec.empty() ? "" : " " + item.spec);
}

/// Why `item` cannot stay as `check` found it under a conditional verdict, or "" if it can.
std::string conditionalGap(const EquipmentCheck *check, const Equipment &item,
                           const InspectionBundle &bundle)
{
    const std::string name = itemName(item);
    if (!check)
        return "Planned item " + name + " has no finding.";
    switch (judgeCheck(*check, item, bundle)) {
    case CheckOutcome::Dismantled:
        return {};
    case CheckOutcome::SealedPending: {
        if (!item.dismantle_deadline)
            return "Planned item " + name +
                   " is sealed but the plan sets no dismantling deadline; a conditional verdict "
                   "needs one.";
        if (*item.dismantle_deadline < visitDate(bundle.inspection))
            return "Planned item " + name + " is sealed but its dismantling deadline " +
                   *item.dismantle_deadline + " has passed; it must be dismantled.";
        return {};
    }
    case CheckOutcome::SealedNotAllowed:
        return "Planned item " + name +
               " must be dismantled (the plan does not allow sealing it); a conditional verdict "
               "cannot leave it sealed.";
    case CheckOutcome::SealIncomplete:
        return "Planned item " + name +
               " is not properly sealed (water, power, power units, main equipment, seal number, "
               "photos and the commitment letter are all needed).";
    case CheckOutcome::Producing:
    case CheckOutcome::Unresolved:
        break;
    }
    return "Planned item " + name + " is neither dismantled nor properly sealed.";
}

} // namespace

bool isDismantleOnlyKind(std::string_view kind)
{
    return kind.find("中频炉") != std::string_view::npos ||
           kind.find("工频炉") != std::string_view::npos;
}

RequiredAction effectiveAction(const Equipment &item)
{
    return isDismantleOnlyKind(item.kind) ? RequiredAction::Dismantle : item.action;
}

bool isProperSeal(const EquipmentCheck &check, const InspectionBundle &bundle)
{
    return check.finding == Finding::Sealed && check.water_cut && check.power_cut &&
           check.power_units_removed && check.main_equipment_sealed && hasSealNumber(check) &&
           hasPhoto(bundle, check.id, EvidenceTag::Seal) &&
           hasPhoto(bundle, check.id, EvidenceTag::PowerCut) &&
           hasPhoto(bundle, std::nullopt, EvidenceTag::CommitmentLetter);
}

CheckOutcome judgeCheck(const EquipmentCheck &check, const Equipment &item,
                        const InspectionBundle &bundle)
{
    switch (check.finding) {
    case Finding::Dismantled:
        return hasPhoto(bundle, check.id, EvidenceTag::DismantledSite) ? CheckOutcome::Dismantled
                                                                       : CheckOutcome::Unresolved;
    case Finding::Sealed:
        if (!isProperSeal(check, bundle))
            return CheckOutcome::SealIncomplete;
        return effectiveAction(item) == RequiredAction::SealThenDismantle
                   ? CheckOutcome::SealedPending
                   : CheckOutcome::SealedNotAllowed;
    case Finding::Operating:
    case Finding::IdleUnsealed:
    case Finding::Missing:
        return CheckOutcome::Producing;
    case Finding::Mismatch:
        break;
    }
    return CheckOutcome::Unresolved;
}

int verdictRank(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Fail:
        return 0;
    case Verdict::Conditional:
        return 1;
    case Verdict::Pass:
        return 2;
    }
    return 0;
}

Verdict supportedVerdict(const InspectionBundle &bundle, const std::vector<Equipment> &planned)
{
    bool allDismantled = true;
    for (const Equipment &item : planned) {
        const EquipmentCheck *check = checkOf(bundle, item.id);
        if (check && judgeCheck(*check, item, bundle) == CheckOutcome::Dismantled)
            continue;
        allDismantled = false;
        if (!conditionalGap(check, item, bundle).empty())
            return Verdict::Fail;
    }
    return allDismantled ? Verdict::Pass : Verdict::Conditional;
}

std::vector<Problem> planRuleProblems(const InspectionBundle &bundle,
                                      const std::vector<Equipment> &planned)
{
    std::vector<Problem> out;
    bool sealsSomething = false;
    for (const EquipmentCheck &check : bundle.checks) {
        if (check.finding != Finding::Sealed)
            continue;
        sealsSomething = true;
        if (!check.water_cut)
            out.push_back({ProblemCode::SealedNeedsWaterCut, check.id,
                           "A sealed item needs its water cut (断水) recorded."});
        if (!check.power_cut)
            out.push_back({ProblemCode::SealedNeedsPowerCut, check.id,
                           "A sealed item needs its power cut (断电) recorded."});
        if (!check.power_units_removed)
            out.push_back({ProblemCode::SealedNeedsPowerUnitsRemoved, check.id,
                           "A sealed item needs its power units removed (拆除动力装置)."});
        if (!check.main_equipment_sealed)
            out.push_back({ProblemCode::SealedNeedsMainEquipmentSealed, check.id,
                           "A sealed item needs its main equipment sealed (封存主体设备)."});
    }
    if (sealsSomething && !hasPhoto(bundle, std::nullopt, EvidenceTag::CommitmentLetter))
        out.push_back({ProblemCode::SealedNeedsCommitmentLetter, bundle.inspection.id,
                       "A visit that seals equipment needs a photo of the enterprise's public "
                       "commitment letter (承诺书)."});

    if (!bundle.opinion)
        return out;
    const Verdict verdict = bundle.opinion->verdict;
    if (verdict == Verdict::Fail)
        return out;
    for (const Equipment &item : planned) {
        const EquipmentCheck *check = checkOf(bundle, item.id);
        const std::string subject = check ? check->id : item.id;
        if (verdict == Verdict::Pass) {
            if (!check || judgeCheck(*check, item, bundle) != CheckOutcome::Dismantled)
                out.push_back({ProblemCode::PassNeedsDismantled, subject,
                               "A pass verdict needs planned item " + itemName(item) +
                                   " dismantled, with a photo of the cleared site."});
        } else if (const std::string gap = conditionalGap(check, item, bundle); !gap.empty()) {
            out.push_back({ProblemCode::ConditionalItemNotAllowed, subject, gap});
        }
    }
    return out;
}

const EquipmentCheck *checkOf(const InspectionBundle &bundle, const std::string &equipmentId)
{
    const EquipmentCheck *found = nullptr;
    for (const EquipmentCheck &c : bundle.checks) {
        // A find the office confirmed into the plan is the equipment row named after its check.
        const bool ofItem = c.equipment_id ? *c.equipment_id == equipmentId
                                           : c.unlisted.has_value() && c.id == equipmentId;
        if (ofItem && (!found || c.checked_at >= found->checked_at))
            found = &c;
    }
    return found;
}

std::string visitDate(const Inspection &inspection)
{
    return inspection.finished_at.value_or(inspection.started_at).substr(0, 10);
}

} // namespace fp
