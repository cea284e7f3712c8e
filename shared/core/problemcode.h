#pragma once
// Why an inspection cannot be finalised yet: one named code per evidence rule. The names are
// the wire spelling: the office's rejection reasons carry them, and the app translates by code.

#include "core/enums.h"

#include <optional>
#include <string_view>

namespace fp {

enum class ProblemCode {
    NoChecks,
    ForeignCheck,
    SealedNeedsSealPhoto,
    SealedNeedsPowerCutPhoto,
    SealedNeedsSealNumber,
    DismantledNeedsSitePhoto,
    ForeignPhoto,
    PhotoUnknownCheck,
    BadPhotoHash,
    ForeignOpinion,
    BadSignatureHash,
    AcceptanceNeedsOpinion,
    OpinionNeedsInspectorSignature,
    OpinionNeedsRepresentativeSignature,
    AcceptanceUncheckedItem, // needs the enterprise's plan (finaliseProblems with `planned`)
    // The work plan's rules (core/planrules.h), which need the plan too:
    SealedNeedsWaterCut,
    SealedNeedsPowerCut,
    SealedNeedsPowerUnitsRemoved,
    SealedNeedsMainEquipmentSealed,
    SealedNeedsCommitmentLetter,
    PassNeedsDismantled,
    ConditionalItemNotAllowed,
    PhotoFileMissing, // the device store's own check: the photo's file is not on disk
};

template <> struct EnumNames<ProblemCode>
{
    static constexpr auto names = std::to_array<std::string_view>({
        "no_checks",
        "foreign_check",
        "sealed_needs_seal_photo",
        "sealed_needs_power_cut_photo",
        "sealed_needs_seal_number",
        "dismantled_needs_site_photo",
        "foreign_photo",
        "photo_unknown_check",
        "bad_photo_hash",
        "foreign_opinion",
        "bad_signature_hash",
        "acceptance_needs_opinion",
        "opinion_needs_inspector_signature",
        "opinion_needs_representative_signature",
        "acceptance_unchecked_item",
        "sealed_needs_water_cut",
        "sealed_needs_power_cut",
        "sealed_needs_power_units_removed",
        "sealed_needs_main_equipment_sealed",
        "sealed_needs_commitment_letter",
        "pass_needs_dismantled",
        "conditional_item_not_allowed",
        "photo_file_missing",
    });
    static constexpr std::string_view type = "ProblemCode";
};

static_assert(EnumNames<ProblemCode>::names.size() ==
              static_cast<std::size_t>(ProblemCode::PhotoFileMissing) + 1);

/// The code's wire spelling, e.g. "sealed_needs_seal_photo".
constexpr std::string_view toString(ProblemCode code)
{
    return enumName(code);
}

/// The code spelled `text`, or nothing when `text` names no evidence rule.
constexpr std::optional<ProblemCode> problemCodeFromString(std::string_view text)
{
    return enumFromString<ProblemCode>(text);
}

} // namespace fp
