#pragma once
// The record types that travel on the wire, spelled as in the `type` field of pull and push
// items. Kept as strings so that an older client can skip types it does not know yet.

#include <string_view>

namespace fp::wire {

// Office-owned, pulled by devices.
inline constexpr std::string_view kRegion = "region";
inline constexpr std::string_view kEnterprise = "enterprise";
inline constexpr std::string_view kEquipment = "equipment";
inline constexpr std::string_view kCard = "card";
inline constexpr std::string_view kTask = "task";
inline constexpr std::string_view kReview = "review";

// Device-owned, pushed to the office. `data` is a serialized fp::InspectionBundle.
inline constexpr std::string_view kInspection = "inspection";

/// True for the six office-owned types a pull page may carry.
constexpr bool isOfficeOwnedType(std::string_view type)
{
    return type == kRegion || type == kEnterprise || type == kEquipment || type == kCard ||
           type == kTask || type == kReview;
}

} // namespace fp::wire
