#pragma once
// The closed vocabularies of the data model (DESIGN §3) and their wire spellings.

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace fp {

enum class RegionKind { Town, ManagementArea, DevelopmentZone };
enum class VisitKind { Survey, Exit, Acceptance, Recheck };
enum class RequiredAction { Dismantle, SealThenDismantle };
enum class CardStandard { Energy, Environment, Quality, Safety, Technology };
enum class CardLevel { Yellow, Red, ExcessEmission, SevereExcessEmission };
enum class CardState { Open, Rectified, ClosedByLaw, Withdrawn };
enum class InspectionState { Draft, Final };
enum class Finding { Dismantled, Sealed, Operating, IdleUnsealed, Missing, Mismatch };
enum class EvidenceTag {
    Overview,
    Nameplate,
    Seal,
    PowerCut,
    WaterCut,
    DismantledSite,
    CommitmentLetter,
    Other
};
enum class Verdict { Pass, Fail, Conditional };
/// Where a photo came from: the tablet's camera on site, or a file imported afterwards.
enum class PhotoSource { Camera, Imported };
enum class SignerRole { Inspector, Representative };
enum class ReviewState { Received, Accepted, Returned };
enum class Role { Inspector, Office, Admin };

/// Wire spelling of every value of an enum, in declaration order.
template <typename E> struct EnumNames;

#define FP_ENUM_NAMES(E, ...)                                                                      \
    template <> struct EnumNames<E>                                                                \
    {                                                                                              \
        static constexpr auto names = std::to_array<std::string_view>({__VA_ARGS__});              \
        static constexpr std::string_view type = #E;                                               \
    };

FP_ENUM_NAMES(RegionKind, "town", "management_area", "development_zone")
FP_ENUM_NAMES(VisitKind, "survey", "exit", "acceptance", "recheck")
FP_ENUM_NAMES(RequiredAction, "dismantle", "seal_then_dismantle")
FP_ENUM_NAMES(CardStandard, "energy", "environment", "quality", "safety", "technology")
FP_ENUM_NAMES(CardLevel, "yellow", "red", "excess_emission", "severe_excess_emission")
FP_ENUM_NAMES(CardState, "open", "rectified", "closed_by_law", "withdrawn")
FP_ENUM_NAMES(InspectionState, "draft", "final")
FP_ENUM_NAMES(Finding, "dismantled", "sealed", "operating", "idle_unsealed", "missing", "mismatch")
FP_ENUM_NAMES(EvidenceTag, "overview", "nameplate", "seal", "power_cut", "water_cut",
              "dismantled_site", "commitment_letter", "other")
FP_ENUM_NAMES(Verdict, "pass", "fail", "conditional")
FP_ENUM_NAMES(PhotoSource, "camera", "imported")
FP_ENUM_NAMES(SignerRole, "inspector", "representative")
FP_ENUM_NAMES(ReviewState, "received", "accepted", "returned")
FP_ENUM_NAMES(Role, "inspector", "office", "admin")
#undef FP_ENUM_NAMES

template <typename E> constexpr std::string_view enumName(E value)
{
    return EnumNames<E>::names.at(static_cast<std::size_t>(value));
}

/// The enum value spelled `text`, or nothing when `text` is not one of its names.
template <typename E> constexpr std::optional<E> enumFromString(std::string_view text)
{
    const auto &names = EnumNames<E>::names;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i] == text)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

} // namespace fp
