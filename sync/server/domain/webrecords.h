#pragma once
// The rows the office web page reads beyond the published lists: every inspection the office
// holds with its receipt details and review, the accounts with their scopes and devices, and
// the pushed items the office refused.

#include "core/types.h"
#include "server/domain/department.h"

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
    /// How many decisions the review history holds: the version a new decision is made against.
    std::int64_t review_version = 0;
    std::string reviewed_by{};    // who made the newest decision, "" when not recorded
    std::string statement_hash{}; // SHA-256 of the signed statement's canonical bytes, or ""
};

/// An account as the web page lists it (never its password hash).
struct AccountSummary
{
    std::string username;
    Role role = Role::Inspector;
    Department department = Department::None;
    std::vector<std::string> region_names;
    std::vector<std::string> enterprise_codes; // single enterprises in scope, by credit code
    std::vector<std::string> enterprise_names; // the same enterprises' names, in that order
    int active_devices = 0;                    // enrolled and not revoked
    std::string last_enrolled_at;              // "" when no device was ever enrolled
};

/// A pushed item the office refused, as push_audit recorded it, with who sent it.
struct PushAuditEntry
{
    std::int64_t seq = 0; // the audit entry's number: newer entries have larger ones
    std::string received_at;
    std::string device_id;
    std::string device_name;
    std::string username;
    std::string type;
    std::string item_id;
    std::int64_t version = 0;
    std::string code;
    std::string reason;
    std::string device_time;
    std::string enterprise_id;   // as the item's data names it; "" when it names none
    std::string enterprise_name; // "" when the office holds no such enterprise
};

} // namespace fp
