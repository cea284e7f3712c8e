#pragma once
// The rows the office web page reads beyond the published lists: every inspection the office
// holds with its receipt details and review, and the accounts that tasks can be assigned to.

#include "core/types.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fp {

/// An inspection as the office holds it (its latest revision), with who sent it and when.
struct OfficeInspection
{
    InspectionBundle bundle;
    std::int64_t version = 0;
    std::string device_time; // the device's clock when it wrote this revision
    std::string received_at; // the office's clock when it stored it
    std::string device_name;
    std::string username;
    std::optional<Review> review; // final inspections only
};

/// An account as the web page lists it (never its password hash).
struct AccountSummary
{
    std::string username;
    Role role = Role::Inspector;
    std::vector<std::string> region_names;
};

} // namespace fp
